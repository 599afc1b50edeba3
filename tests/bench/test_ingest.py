"""The ingest bench's workings on a small feed (its timings belong to `make bench` only)."""

import json

import pytest

from jobboard.bench.ingest import greenhouse_feed, ingest_bench
from listings.ingest.models import Source
from listings.models import Job

pytestmark = pytest.mark.django_db


def test_the_bench_feed_has_the_recorded_greenhouse_shape():
    jobs = json.loads(greenhouse_feed(3))["jobs"]
    assert [job["id"] for job in jobs] == [5_000_001, 5_000_002, 5_000_003]
    assert jobs[0]["content"].startswith("&lt;div class=&quot;content-intro&quot;&gt;")
    assert jobs[0]["metadata"][0]["value_type"] == "currency_range"


def test_the_bench_reports_both_figures_and_leaves_nothing_behind(places):
    results = ingest_bench(postings=120, log=lambda line: None)
    assert results["ingest_postings"] == 120
    assert results["ingest_postings_per_s"] > 0 and results["ingest_rerun_speedup"] > 0
    assert not Source.objects.filter(name="Ingest bench").exists()
    assert not Job.objects.exists()
