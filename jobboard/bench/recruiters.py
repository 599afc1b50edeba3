"""Recruiter and moderation pages benchmark: the busiest company's dashboard and the queue.

Runs inside one transaction that is rolled back, so the bench database keeps only the demo
data: the busiest company gets a recruiter who posted all its jobs, and every 200th job is
put in review.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Mod
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobboard.bench.search import rolled_back, summarise, time_ms
from listings.models import Job
from listings.recruiters.models import Membership, VerifiedEmail


def _pages(job_id: int) -> list[tuple[str, str, dict]]:
    """(label, url, query) for each page timed; "admin" labels are requested as a superuser."""
    return [
        ("dashboard", reverse("recruiters:start"), {}),
        ("dashboard: last page", reverse("recruiters:start"), {"page": "last"}),
        ("dashboard: title search", reverse("recruiters:start"), {"q": "engineer"}),
        ("dashboard: published only", reverse("recruiters:start"), {"status": "published"}),
        ("job preview", reverse("recruiters:job", args=[job_id]), {}),
        ("posting form", reverse("recruiters:job_new"), {}),
        ("admin: review queue", reverse("admin:recruiters_jobinreview_changelist"), {}),
    ]


def posting_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time each recruiter page in-process (HTML through the test client); p50/p95 overall."""
    return rolled_back(lambda: _measure(repeat, log))


def _measure(repeat: int, log: Callable[[str], None]) -> dict:
    busiest = Job.objects.values("company_id").annotate(jobs=Count("id")).order_by("-jobs").first()
    users = get_user_model().objects
    recruiter = users.create_user("bench-recruiter@example.com", "bench-recruiter@example.com")
    moderator = users.create_superuser("bench-admin@example.com", "bench-admin@example.com")
    VerifiedEmail.objects.create(user=recruiter, email=recruiter.email, verified_at=timezone.now())
    Membership.objects.create(
        user=recruiter, company_id=busiest["company_id"], status=Membership.Status.APPROVED
    )
    Job.objects.filter(company_id=busiest["company_id"]).update(created_by=recruiter)
    # Every 200th job in review: 500 in the queue at 100,000 jobs.
    Job.objects.alias(bucket=Mod("id", 200)).filter(bucket=0).update(status=Job.Status.PENDING)
    with connection.cursor() as cursor:
        # Statistics that know the queue, as a board with a steady queue of this size has;
        # statistics saying nothing is pending steer the queue's plans wrong.
        cursor.execute("ANALYZE listings_job")
    job_id = Job.objects.filter(created_by=recruiter).values_list("pk", flat=True).first()
    last_page = -(-busiest["jobs"] // 50)

    recruiter_client, admin_client = Client(), Client()
    recruiter_client.force_login(recruiter)
    admin_client.force_login(moderator)
    samples: list[float] = []
    rows = []
    for label, url, query in _pages(job_id):
        if query.get("page") == "last":
            query = {"page": str(last_page)}
        client = admin_client if label.startswith("admin") else recruiter_client

        def request(client=client, url=url, query=query):
            response = client.get(url, query, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)

        timings = time_ms(request, repeat)
        samples += timings
        rows.append({"page": label, **summarise(timings)})
        log(f"{label:60} {rows[-1]['p50_ms']:9.1f} {rows[-1]['p95_ms']:7.1f}")
    overall = summarise(samples)
    log(f"{'recruiter pages overall':60} {overall['p50_ms']:9.1f} {overall['p95_ms']:7.1f}")
    log(f"(the busiest company has {busiest['jobs']:,} postings on the dashboard)")
    return {
        "admin_review_queue_p95_ms": rows[-1]["p95_ms"],
        "recruiter_pages_p50_ms": overall["p50_ms"],
        "recruiter_pages_p95_ms": overall["p95_ms"],
        "recruiter_pages_scenarios": rows,
        "recruiter_dashboard_postings": busiest["jobs"],
    }
