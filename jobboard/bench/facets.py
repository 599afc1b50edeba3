"""Filter counts benchmark: what the search page loads after its results.

The search bench's thirty searches and its radius searches, asked of ``/api/v1/jobs/facets``
in-process through Django's test client with the counts' cache off (every answer counted
afresh) and the throttle off; and the SQL those answers ran, replayed alone.
"""

from collections.abc import Callable

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode

from jobboard.bench.search import (
    Scenario,
    radius_scenarios,
    run_raw,
    scenarios_time,
    search_scenarios,
    time_ms,
)
from listings.models import Job


def facets_url(scenario: Scenario) -> str:
    params = {name: value for name, value in scenario.params.items() if name != "page"}
    return f"/api/v1/jobs/facets?{urlencode(params, doseq=True)}"


def facets_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time every scenario's counts as the API answers them and as their SQL alone."""
    company_slug = Job.objects.searchable().values_list("company__slug", flat=True).first()
    client = Client()

    def answer(scenario: Scenario) -> Callable[[], None]:
        def request():
            response = client.get(facets_url(scenario), HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (facets_url(scenario), response.status_code)

        return request

    def statements(scenario: Scenario) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            answer(scenario)()
        return [query["sql"] for query in captured.captured_queries]

    with override_settings(SEARCH_FACETS_CACHE_SECONDS=0, API_THROTTLE_RATE=""):
        rows, overall = scenarios_time(
            search_scenarios(company_slug) + radius_scenarios(),
            ways={
                "counts": lambda scenario: time_ms(answer(scenario), repeat),
                "raw": lambda scenario: time_ms(run_raw(statements(scenario)), repeat),
            },
            label="counts overall",
            log=log,
        )
    return {
        "search_facets_p50_ms": overall["counts"]["p50_ms"],
        "search_facets_p95_ms": overall["counts"]["p95_ms"],
        "search_facets_raw_sql_p95_ms": overall["raw"]["p95_ms"],
        "search_facets_scenarios": rows,
    }
