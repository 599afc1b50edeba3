"""The ingest bench's workings on a small feed (its timings belong to `make bench` only)."""

import json
import sys
from types import SimpleNamespace

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


def test_the_bench_reports_both_figures_and_leaves_nothing_behind(places, monkeypatch):
    # A clock that says the first run took 2 s and the rerun 0.5 s, so the figures are known.
    clock = iter([100.0, 102.0, 102.0, 102.5])
    bench = sys.modules[ingest_bench.__module__]
    monkeypatch.setattr(bench, "time", SimpleNamespace(perf_counter=lambda: next(clock)))
    lines = []
    results = ingest_bench(postings=120, log=lines.append)
    assert results == {
        "ingest_postings": 120,
        "ingest_first_run_s": 2.0,
        "ingest_rerun_s": 0.5,
        "ingest_postings_per_s": 60,
        "ingest_rerun_speedup": 4.0,
    }
    assert lines[-1] == "  first run 2.0s (60 postings/s), unchanged rerun 0.5s (4.0x faster)"
    assert not Source.objects.filter(name="Ingest bench").exists()
    assert not Job.objects.exists()
