from functools import partial

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from companies.sitemaps import CompanyRankingSitemap, CompanySitemap
from jobboard.api import api, api_root, no_such_endpoint
from jobboard.views import robots_txt
from listings.sitemaps import JobSitemap, LandingSitemap, sitemap_index, sitemap_section
from salaries.sitemaps import SalarySitemap

SITEMAPS = {
    "jobs": JobSitemap(),
    "landing": LandingSitemap(),
    "salaries": SalarySitemap(),
    "companies": CompanySitemap(),
    "company-rankings": CompanyRankingSitemap(),
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", partial(sitemap_index, sitemaps=SITEMAPS), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        partial(sitemap_section, sitemaps=SITEMAPS),
        name="sitemap_section",
    ),
    # Browsers and crawlers ask for /favicon.ico whatever a page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"))),
    path("", include("listings.urls")),
    path("", include("salaries.urls")),
    path("", include("companies.urls")),
    path("accounts/", include("listings.recruiters.account_urls")),
    path("recruiters/", include("listings.recruiters.urls")),
    path("saved/", include("listings.saved.urls")),
    path("api/v1/", api_root),
    path("api/v1/", api.urls),
    re_path(r"^api/", no_such_endpoint),
    path("alerts/", include("listings.alerts.urls")),
]
