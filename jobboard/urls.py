from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers and crawlers ask for /favicon.ico whatever a page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"))),
    path("", include("listings.urls")),
    path("", include("salaries.urls")),
    path("", include("companies.urls")),
    path("accounts/", include("listings.recruiters.account_urls")),
    path("recruiters/", include("listings.recruiters.urls")),
]
