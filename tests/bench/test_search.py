"""The search benches: the thirty searches three ways, and the radius searches apart."""

import pytest

from jobboard.bench import search
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_radius_bench_times_zip_and_city_searches(monkeypatch, located_places):
    PublishedJobFactory(title="Software Engineer", places=[located_places.sunnyvale])
    # Page 3 needs a bench-sized data set, Chicago the demo's places.
    scenarios = [
        s
        for s in search.radius_scenarios()
        if "page" not in s.params and s.params["l"] != "Chicago, IL"
    ]
    monkeypatch.setattr(search, "radius_scenarios", lambda: scenarios)
    lines = []
    results = search.radius_bench(repeat=2, log=lines.append)
    rows = results["search_radius_scenarios"]
    assert [row["scenario"] for row in rows] == [s.name for s in scenarios]
    assert rows[0]["url"] == "/jobs/?q=software+engineer&l=95112"
    assert results["search_radius_p95_ms"] >= results["search_radius_p50_ms"] > 0
    assert lines[-1].startswith("radius overall")


def test_the_thirty_search_their_cities_alone_as_before_radius_search():
    cities = [s for s in search.search_scenarios("any") if s.name.startswith("keyword + city")]
    assert len(cities) == 3
    assert all(s.params["radius"] == "0" for s in cities)


def test_search_bench_times_its_scenarios_three_ways(monkeypatch, places):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    scenarios = search.search_scenarios("any")[:3]
    monkeypatch.setattr(search, "search_scenarios", lambda company_slug: scenarios)
    lines = []
    results = search.search_bench(repeat=2, log=lines.append)
    assert [row["scenario"] for row in results["search_scenarios"]] == [s.name for s in scenarios]
    assert set(results["search_scenarios"][0]) == {"scenario", "url", "page", "raw", "naive"}
    assert results["search_page_p95_ms"] >= results["search_page_p50_ms"] > 0
    assert lines[-1].startswith("overall")


def test_synonym_bench_times_each_synonym_beside_its_spelled_out_search(monkeypatch, places):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    pairs = search.synonym_scenarios()[:2]
    monkeypatch.setattr(search, "synonym_scenarios", lambda: pairs)
    lines = []
    results = search.synonym_bench(repeat=2, log=lines.append)
    names = [row["scenario"] for row in results["search_synonym_scenarios"]]
    typos = [s.name for s in search.misspelled_scenarios()]
    assert names == ["synonym: SWE", "synonym: RN", *(e.name for _, e in pairs), *typos]
    assert results["search_synonym_p95_ms"] >= results["search_synonym_p50_ms"] > 0
    assert results["search_spelled_out_p95_ms"] > 0
    assert results["search_did_you_mean_p95_ms"] >= results["search_did_you_mean_p50_ms"] > 0
    assert lines[-1].startswith("did you mean overall")
