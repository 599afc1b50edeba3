from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("listings.urls")),
    path("", include("salaries.urls")),
    path("", include("companies.urls")),
    path("accounts/", include("listings.recruiters.account_urls")),
    path("recruiters/", include("listings.recruiters.urls")),
    path("alerts/", include("listings.alerts.urls")),
]
