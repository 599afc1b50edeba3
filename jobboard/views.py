"""Site-wide files that belong to no app: robots.txt."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from listings.links import site_url

# Search parameters whose every value makes another page of the same jobs: crawlers keep to
# the landing URLs and the job pages the sitemap lists.
FILTER_PARAMETERS = (
    "sort",
    "salary_min",
    "workplace_type",
    "employment_type",
    "posted_within",
    "page",
)
PRIVATE_PATHS = ("/admin/", "/accounts/", "/recruiters/", "/saved/", "/alerts/", "/api/")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """/robots.txt: the sitemap, and the areas and URL permutations crawlers should skip."""
    context = {
        "sitemap_url": site_url(reverse("sitemap")),
        "private_paths": PRIVATE_PATHS,
        "filter_parameters": FILTER_PARAMETERS,
        "feed_paths": (reverse("listings:search_feed"), "/jobs/*/feed/"),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
