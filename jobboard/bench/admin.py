"""Job admin benchmark: the job list (plain, filtered, deep) and its search box, as a superuser.

Runs inside one transaction that is rolled back, so the bench database keeps only the demo data.
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobboard.bench.search import rolled_back, summarise, time_ms
from listings.models import Job

DEEP_PAGE = 500
PER_PAGE = 100  # the admin's list_per_page


def admin_scenarios() -> dict[str, list[tuple[str, dict]]]:
    """(label, query) of each changelist timed, in two groups: the list and the search box."""
    busiest = Job.objects.values("company_id").annotate(jobs=Count("id")).order_by("-jobs")[0]
    job = Job.objects.exclude(external_id="").order_by("pk").values("pk", "external_id")[0]
    company = Job.objects.filter(company_id=busiest["company_id"]).values("company__name")[0]
    deep = max(1, min(DEEP_PAGE, Job.objects.count() // PER_PAGE))
    week_ago = timezone.now() - timedelta(days=7)
    return {
        "list": [
            ("all jobs", {}),
            ("status: published", {"status__exact": "published"}),
            ("status: closed", {"status__exact": "closed"}),
            (f"page {deep}", {"p": str(deep)}),
            ("workplace: remote", {"workplace_type__exact": "remote"}),
            ("company: the busiest", {"company__id__exact": str(busiest["company_id"])}),
            ("posted in the past 7 days", {"posted_at__gte": str(week_ago)}),
        ],
        "search": [
            ("nurse", {"q": "nurse"}),
            ("registered nurse", {"q": "registered nurse"}),
            ("software engineer", {"q": "software engineer"}),
            ("barista, expired only", {"q": "barista", "status__exact": "expired"}),
            ("a job id", {"q": str(job["pk"])}),
            ("an external id", {"q": job["external_id"]}),
            ("the busiest company's name", {"q": company["company__name"]}),
        ],
    }


def admin_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time each job admin list in-process (HTML through the test client); p50/p95 per group."""
    return rolled_back(lambda: _measure(repeat, log))


def _measure(repeat: int, log: Callable[[str], None]) -> dict:
    superuser = get_user_model().objects.create_superuser(
        "bench-job-admin@example.com", "bench-job-admin@example.com"
    )
    client = Client()
    client.force_login(superuser)
    url = reverse("admin:listings_job_changelist")
    results: dict = {}
    for group, scenarios in admin_scenarios().items():
        samples: list[float] = []
        rows = []
        for label, query in scenarios:

            def request(query=query):
                response = client.get(url, query, HTTP_HOST="127.0.0.1")
                assert response.status_code == 200, (query, response.status_code)

            timings = time_ms(request, repeat)
            samples += timings
            rows.append({"scenario": f"{group}: {label}", **summarise(timings)})
            _log_row(log, f"admin {rows[-1]['scenario']}", rows[-1])
        overall = summarise(samples)
        _log_row(log, f"admin job {group} overall", overall)
        results.update(
            {
                f"admin_job_{group}_p50_ms": overall["p50_ms"],
                f"admin_job_{group}_p95_ms": overall["p95_ms"],
                f"admin_job_{group}_scenarios": rows,
            }
        )
    return results


def _log_row(log: Callable[[str], None], label: str, row: dict) -> None:
    log(f"{label:60} {row['p50_ms']:9.1f} {row['p95_ms']:7.1f}")
