"""API benchmark: the search endpoint over the search bench's own scenarios.

The same thirty searches as ``jobboard.bench.search``, asked of ``/api/v1/jobs`` in-process
through Django's test client (JSON response), throttle off: what a client of the API waits
for, less the network.
"""

from collections.abc import Callable

from django.test import Client, override_settings
from django.utils.http import urlencode

from jobboard.bench.search import search_scenarios, summarise, time_ms
from listings.models import Job


def api_search_url(params: dict) -> str:
    return f"/api/v1/jobs?{urlencode(params, doseq=True)}"


def api_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time every search scenario through the API; per-scenario and overall p50/p95."""
    company_slug = Job.objects.searchable().values_list("company__slug", flat=True).first()
    client = Client()
    rows, samples = [], []
    log(f"{'API scenario':34} {'p50':>9} {'p95':>7}")
    with override_settings(API_THROTTLE_RATE=""):
        for scenario in search_scenarios(company_slug):
            url = api_search_url(scenario.params)

            def request(url=url):
                response = client.get(url, HTTP_HOST="127.0.0.1")
                assert response.status_code == 200, (url, response.status_code)

            timings = time_ms(request, repeat)
            samples += timings
            rows.append({"scenario": scenario.name, "url": url, **summarise(timings)})
            log(f"{scenario.name:34} {rows[-1]['p50_ms']:9.1f} {rows[-1]['p95_ms']:7.1f}")
    overall = summarise(samples)
    log(f"{'API overall':34} {overall['p50_ms']:9.1f} {overall['p95_ms']:7.1f}")
    return {
        "api_search_p50_ms": overall["p50_ms"],
        "api_search_p95_ms": overall["p95_ms"],
        "api_search_scenarios": rows,
    }
