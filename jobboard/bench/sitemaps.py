"""Sitemap benchmark: the index and the fullest page of the jobs sitemap."""

from collections.abc import Callable

from django.db.models import Count
from django.db.models.functions import Floor
from django.test import Client
from django.urls import reverse

from jobboard.bench.search import summarise, time_ms
from listings.models import Job
from listings.sitemaps import SITEMAP_PAGE_SIZE


def fullest_jobs_page() -> int:
    """The jobs sitemap page listing the most jobs (the worst case: every URL written)."""
    pages = (
        Job.objects.searchable()
        .annotate(page=Floor("pk") / SITEMAP_PAGE_SIZE)
        .values("page")
        .annotate(jobs=Count("pk"))
        .order_by("-jobs")
    )
    fullest = pages.first()
    return int(fullest["page"]) + 1 if fullest else 1


def sitemap_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time /sitemap.xml and the fullest jobs page in-process, through the test client."""
    client = Client()
    index_url = reverse("sitemap")
    page_url = f"{reverse('sitemap_section', args=['jobs'])}?p={fullest_jobs_page()}"
    results = {}
    for key, url in (("sitemap_index", index_url), ("sitemap_page", page_url)):

        def request(url=url):
            response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)
            return response

        urls = request().content.count(b"<loc>")
        figures = summarise(time_ms(request, repeat))
        results[f"{key}_p50_ms"], results[f"{key}_p95_ms"] = figures["p50_ms"], figures["p95_ms"]
        log(f"{url:60} {urls:7,} URLs {figures['p50_ms']:9.1f} {figures['p95_ms']:7.1f}")
    return results
