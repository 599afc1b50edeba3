"""Salary benchmark: a full aggregate refresh, and the salary pages people open most."""

import time
from collections.abc import Callable

from django.db.models import Count

from jobboard.bench.search import pages_bench
from listings.models import Job, Place
from salaries.insights import compare_url, salary_url
from salaries.models import Occupation
from salaries.services import jobs_assign_occupations, salary_aggregates_refresh

BUSIEST = 4


def salary_page_urls() -> list[str]:
    """The seed page's title in California, and the busiest occupations at every scope.

    Busy occupations are the worst case: the most cities to list and jobs to count.
    """
    busiest = (
        Job.objects.searchable()
        .filter(occupation__isnull=False)
        .values("occupation_id")
        .annotate(jobs=Count("id"))
        .order_by("-jobs")[:BUSIEST]
    )
    occupations = Occupation.objects.in_bulk([row["occupation_id"] for row in busiest])
    places = {place.slug: place for place in Place.objects.filter(slug__in=_SCOPES)}
    urls = []
    cv = Occupation.objects.filter(slug="computer-vision-machine-learning-engineer").first()
    if cv is not None and "california" in places:
        urls.append(salary_url(cv, places["california"]))
    for occupation in occupations.values():
        urls.append(salary_url(occupation, None))
        urls += [salary_url(occupation, places[slug]) for slug in _SCOPES if slug in places]
    first, second = (list(occupations.values()) + [None, None])[:2]
    if first and second:
        urls.append(compare_url(first, second, places.get("california")))
    return urls


_SCOPES = ["united-states", "california", "texas", "san-jose-ca", "remote"]


def salary_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time a full refresh once (after re-mapping titles), then each salary page; p50/p95."""
    start = time.perf_counter()
    jobs_assign_occupations()
    assign_seconds = time.perf_counter() - start
    start = time.perf_counter()
    rows_written = salary_aggregates_refresh()
    refresh_seconds = time.perf_counter() - start
    log(
        f"assign occupations {assign_seconds:.1f} s; refresh {rows_written:,} aggregates in "
        f"{refresh_seconds:.1f} s"
    )

    overall, rows = pages_bench(
        urls=salary_page_urls(), repeat=repeat, label="salary pages", log=log
    )
    return {
        "salary_page_p50_ms": overall["p50_ms"],
        "salary_page_p95_ms": overall["p95_ms"],
        "salary_refresh_s": round(refresh_seconds, 2),
        "salary_aggregate_rows": rows_written,
        "occupation_assign_s": round(assign_seconds, 2),
        "salary_page_scenarios": rows,
    }
