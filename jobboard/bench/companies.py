"""Company page benchmark: the page of the companies with the most open jobs, first and deep."""

from collections.abc import Callable

from django.db.models import Count

from companies.models import Company
from jobboard.bench.search import pages_bench
from listings.models import Job

BUSIEST = 5


def company_page_urls() -> list[str]:
    """Apple and the companies with the most live jobs, each at page 1 and its last page.

    The busiest companies are the worst case: the most jobs to count and page through.
    """
    busiest = list(
        Job.objects.searchable()
        .values("company_id")
        .annotate(jobs=Count("id"))
        .order_by("-jobs")[:BUSIEST]
    )
    companies = Company.objects.in_bulk([row["company_id"] for row in busiest])
    urls = []
    for row in busiest:
        company = companies[row["company_id"]]
        last_page = max(1, -(-row["jobs"] // 20))
        urls += [company.get_absolute_url(), f"{company.get_absolute_url()}?page={last_page}"]
    apple = Company.objects.filter(name="Apple").first()
    if apple is not None:
        urls.append(apple.get_absolute_url())
    return urls


def company_page_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time each company page in-process (HTML through the test client); p50/p95 overall."""
    overall, rows = pages_bench(
        urls=company_page_urls(), repeat=repeat, label="company pages", log=log
    )
    return {
        "company_page_p50_ms": overall["p50_ms"],
        "company_page_p95_ms": overall["p95_ms"],
        "company_page_scenarios": rows,
    }
