"""The API bench asks the search bench's own scenarios of the search endpoint."""

import pytest

from jobboard.bench import api
from jobboard.bench.search import search_scenarios
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_api_bench_times_the_search_scenarios_through_the_api(monkeypatch, settings, places):
    settings.API_THROTTLE_RATE = "1/d"  # the bench turns the throttle off for itself
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    # A handful of the thirty: page 10 needs a bench-sized data set.
    scenarios = [s for s in search_scenarios("any") if not s.name.startswith("page 10")][:6]
    monkeypatch.setattr(api, "search_scenarios", lambda company_slug: scenarios)
    lines = []
    results = api.api_bench(repeat=2, log=lines.append)
    rows = results["api_search_scenarios"]
    assert [row["scenario"] for row in rows] == [s.name for s in scenarios]
    assert rows[0]["url"] == "/api/v1/jobs?q=registered+nurse"
    assert results["api_search_p95_ms"] >= results["api_search_p50_ms"] > 0
    assert lines[-1].startswith("API overall")
