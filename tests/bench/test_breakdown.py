"""The breakdown bench splits each search page into the selector, its SQL, the salary box and
the rest."""

import pytest

from jobboard.bench import breakdown
from jobboard.bench.search import search_scenarios
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_search_breakdown_times_each_part_of_the_search_scenarios(monkeypatch, places):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    # A handful of the thirty: page 10 needs a bench-sized data set.
    scenarios = [s for s in search_scenarios("any") if not s.name.startswith("page 10")][:4]
    monkeypatch.setattr(breakdown, "search_scenarios", lambda company_slug: scenarios)
    lines = []
    results = breakdown.search_breakdown(repeat=2, log=lines.append)
    rows = results["search_breakdown"]
    assert [row["scenario"] for row in rows] == [s.name for s in scenarios]
    for row in rows:
        assert row["page"] > row["search"] > 0
        assert row["queries"] >= 2
        assert row["rest"] == pytest.approx(row["page"] - row["search"] - row["box"], abs=0.15)
    assert results["search_breakdown_mean_ms"]["page"] > 0
    assert lines[0].split()[:2] == ["scenario", "page"]
    assert lines[-1].startswith("mean")
