"""Where a search page's time goes, per search of the search bench.

Each scenario is timed four ways, the medians of ``repeat`` runs after a warm-up:
- ``page``: the whole view through Django's test client, as ``jobboard.bench.search`` times it;
- ``search``: ``search_request`` then ``search_results``, the selector the page and the API
  share (its SQL and the ORM around it);
- ``sql``: the statements that selector ran (``queries`` of them), replayed straight on the
  connection;
- ``box``: the salary box beside the results (``search_salary_box``, its cache warm, as on a
  busy site).
The rest of the page (``page - search - box``) is the template, the forms and the middleware.
"""

import statistics
from collections.abc import Callable

from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode

from jobboard.bench.search import run_page, run_raw, search_scenarios, time_ms
from listings.models import Job
from listings.search import search_request, search_results
from salaries.selectors import search_salary_box


def search_breakdown(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Median milliseconds per part of each search page; the per-scenario rows and the mean
    share of each part over all scenarios."""
    company_slug = Job.objects.searchable().values_list("company__slug", flat=True).first()
    client = Client()
    log(
        f"{'scenario':34} {'page':>7} {'search':>7} {'sql':>7} {'box':>7} {'rest':>7} "
        f"{'queries':>7}"
    )
    rows = []
    for scenario in search_scenarios(company_slug):
        params = QueryDict(urlencode(scenario.params, doseq=True))
        search = _run_search(params)
        with CaptureQueriesContext(connection) as captured:
            search()
        # Now: every request the test client makes clears the connection's query log.
        statements = [query["sql"] for query in captured]
        row = {
            "scenario": scenario.name,
            "page": _median(run_page(client, scenario), repeat),
            "search": _median(search, repeat),
            "sql": _median(run_raw(statements), repeat),
            "box": _median(_run_box(params), repeat),
            "queries": len(statements),
        }
        row["rest"] = round(row["page"] - row["search"] - row["box"], 1)
        rows.append(row)
        log(
            f"{scenario.name:34} {row['page']:7.1f} {row['search']:7.1f} {row['sql']:7.1f} "
            f"{row['box']:7.1f} {row['rest']:7.1f} {row['queries']:7}"
        )
    means = {
        part: round(statistics.mean(row[part] for row in rows), 1)
        for part in ("page", "search", "sql", "box", "rest")
    }
    log(
        f"{'mean':34} {means['page']:7.1f} {means['search']:7.1f} {means['sql']:7.1f} "
        f"{means['box']:7.1f} {means['rest']:7.1f}"
    )
    return {"search_breakdown_mean_ms": means, "search_breakdown": rows}


def _run_search(params: QueryDict) -> Callable[[], object]:
    return lambda: search_results(search_request(params))


def _run_box(params: QueryDict) -> Callable[[], object]:
    search = search_request(params)
    return lambda: search_salary_box(keywords=search.keywords, place=search.place)


def _median(function: Callable[[], object], repeat: int) -> float:
    return round(statistics.median(time_ms(function, repeat)), 1)
