"""The recruiter pages bench runs on any data set and leaves nothing behind."""

import pytest
from django.contrib.auth import get_user_model

from jobboard.bench.recruiters import posting_bench
from listings.models import Job
from listings.recruiters.models import Membership
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_posting_bench_times_every_page_and_rolls_back(places):
    busy = CompanyFactory()
    PublishedJobFactory.create_batch(3, company=busy, places=[places.austin])
    PublishedJobFactory(places=[places.san_jose])
    lines = []
    results = posting_bench(repeat=1, log=lines.append)
    assert [row["page"] for row in results["recruiter_pages_scenarios"]] == [
        "dashboard",
        "dashboard: last page",
        "dashboard: title search",
        "dashboard: published only",
        "job preview",
        "posting form",
        "admin: review queue",
    ]
    assert results["recruiter_dashboard_postings"] == 3
    # One timing a page (repeat=1): overall, the median is the middle page's, p95 the slowest's.
    rows = results["recruiter_pages_scenarios"]
    assert all(row["p50_ms"] == row["p95_ms"] for row in rows)
    timings = sorted(row["p50_ms"] for row in rows)
    overall = (results["recruiter_pages_p50_ms"], results["recruiter_pages_p95_ms"])
    assert overall == (timings[3], timings[-1])
    assert not get_user_model().objects.exists()
    assert not Membership.objects.exists()
    assert not Job.objects.filter(created_by__isnull=False).exists()
