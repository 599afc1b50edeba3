from django.contrib import admin
from django.urls import include, path, re_path

from jobboard.api import api, api_root, no_such_endpoint

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("listings.urls")),
    path("", include("salaries.urls")),
    path("", include("companies.urls")),
    path("accounts/", include("listings.recruiters.account_urls")),
    path("recruiters/", include("listings.recruiters.urls")),
    path("api/v1/", api_root),
    path("api/v1/", api.urls),
    re_path(r"^api/", no_such_endpoint),
]
