"""The autocomplete bench asks every suggestion request it lists, throttle or not."""

import pytest

from jobboard.bench.autocomplete import PLACES, TITLES, autocomplete_bench
from salaries.models import Occupation

pytestmark = pytest.mark.django_db


def test_autocomplete_bench_times_each_title_and_place_request(settings, places):
    settings.API_THROTTLE_RATE = "1/d"  # the bench turns the throttle off for itself
    Occupation.objects.create(name="Registered Nurse", aliases=["RN"])
    lines = []
    results = autocomplete_bench(repeat=2, log=lines.append)
    urls = [row["url"] for row in results["autocomplete_requests"]]
    assert len(urls) == len(TITLES) + len(PLACES)
    assert urls[0] == "/api/v1/titles?q=nu&limit=8"
    assert "/api/v1/places?q=san+jose%2C+ca&limit=8" in urls
    assert results["autocomplete_p95_ms"] >= results["autocomplete_p50_ms"] > 0
    assert lines[-1].startswith("autocomplete overall")
