"""The counts bench asks the search bench's scenarios of the counts endpoint, uncached."""

import pytest

from jobboard.bench import facets
from jobboard.bench.search import radius_scenarios, search_scenarios
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("zip_codes")]


def test_facets_bench_times_each_scenarios_counts_uncached(monkeypatch, settings, located_places):
    settings.SEARCH_FACETS_CACHE_SECONDS = 60  # the bench counts every answer afresh
    settings.API_THROTTLE_RATE = "1/d"
    PublishedJobFactory(title="Registered Nurse", places=[located_places.san_jose])
    scenarios = search_scenarios("any")[:3] + radius_scenarios()[:2]
    monkeypatch.setattr(facets, "search_scenarios", lambda company_slug: scenarios[:3])
    monkeypatch.setattr(facets, "radius_scenarios", lambda: scenarios[3:])
    lines = []
    results = facets.facets_bench(repeat=2, log=lines.append)
    rows = results["search_facets_scenarios"]
    assert [row["scenario"] for row in rows] == [s.name for s in scenarios]
    assert rows[3]["url"] == "/jobs/?q=software+engineer&l=95112"
    assert facets.facets_url(scenarios[3]) == "/api/v1/jobs/facets?q=software+engineer&l=95112"
    assert results["search_facets_p95_ms"] >= results["search_facets_p50_ms"] > 0
    assert results["search_facets_raw_sql_p95_ms"] > 0
    assert lines[-1].startswith("counts overall")
