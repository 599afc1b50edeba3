"""Search benchmark: our search page against its own SQL floor and the naive ORM way.

Each scenario is a real search URL. It is timed three ways:
- ``page``: the whole search view in-process through Django's test client (HTML response);
- ``raw``: the SQL statements that view ran, replayed straight on the connection (the floor);
- ``naive``: what many Django job boards do: ``icontains`` on title and description, a join
  to places by name, OFFSET paging and COUNT(*).
"""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from listings.models import Job

PER_PAGE = 20
# The naive way takes seconds a search at a million rows; two runs without a warm-up show
# that well enough (its time is the scan, which a warm-up does not shorten).
NAIVE_REPEAT = 2


@dataclass(frozen=True)
class Scenario:
    name: str
    params: dict

    @property
    def url(self) -> str:
        from django.utils.http import urlencode

        return "/jobs/?" + urlencode(self.params, doseq=True)


def search_scenarios(company_slug: str) -> list[Scenario]:
    """Thirty searches people make: keywords, places, each filter, sorts, deep pages, none."""
    s = Scenario
    return [
        s("keyword: registered nurse", {"q": "registered nurse"}),
        s("keyword: software engineer", {"q": "software engineer"}),
        s("keyword: cv ml engineer", {"q": "computer vision machine learning engineer"}),
        s("keyword: data scientist", {"q": "data scientist"}),
        s("keyword: truck driver", {"q": "truck driver"}),
        s("keyword: barista", {"q": "barista"}),
        s("keyword: python", {"q": "python"}),
        s("keyword: nurse", {"q": "nurse"}),
        s("keyword: phrase and exclusion", {"q": '"machine learning" -senior'}),
        s("keyword + state: nurse CA", {"q": "nurse", "l": "California"}),
        s("keyword + state: swe TX", {"q": "software engineer", "l": "Texas"}),
        s("keyword + state: ds NY", {"q": "data scientist", "l": "New York"}),
        s(
            "keyword + state: cv ml CA",
            {"q": "computer vision machine learning engineer", "l": "California"},
        ),
        s("keyword + city: nurse San Jose", {"q": "nurse", "l": "San Jose, CA"}),
        s("keyword + city: swe Austin", {"q": "software engineer", "l": "Austin, TX"}),
        s("keyword + city: cashier Chicago", {"q": "cashier", "l": "Chicago, IL"}),
        s("remote: all", {"l": "Remote"}),
        s("remote: software engineer", {"q": "software engineer", "l": "Remote"}),
        s("filter: hybrid engineer", {"q": "engineer", "workplace_type": "hybrid"}),
        s("filter: part-time retail", {"q": "retail", "employment_type": "part_time"}),
        s("filter: pay >= 150k engineer", {"q": "engineer", "salary_min": "150000"}),
        s("filter: last 3 days nurse", {"q": "nurse", "posted_within": "3"}),
        s("filter: company", {"company": company_slug}),
        s(
            "filter: combined",
            {
                "q": "engineer",
                "l": "California",
                "workplace_type": "on_site",
                "employment_type": "full_time",
                "salary_min": "100000",
                "posted_within": "30",
            },
        ),
        s("sort: pay engineer", {"q": "engineer", "sort": "pay"}),
        s("sort: pay California", {"l": "California", "sort": "pay"}),
        s("sort: date driver", {"q": "driver", "sort": "date"}),
        s("page 10: nurse", {"q": "nurse", "page": "10"}),
        s("zero results", {"q": "astronaut underwater welding"}),
        s("browse: all jobs", {}),
    ]


def time_ms(function: Callable[[], object], repeat: int, *, warm_up: bool = True) -> list[float]:
    """Run ``function`` once to warm caches, then ``repeat`` times; milliseconds each."""
    if warm_up:
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile, so p95 of 20 samples is the 19th slowest, not interpolated."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_page(client: Client, scenario: Scenario) -> Callable[[], object]:
    def request():
        response = client.get(scenario.url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (scenario.url, response.status_code)
        return response.content

    return request


def captured_sql(client: Client, scenario: Scenario) -> list[str]:
    """The statements the search view runs for ``scenario``, parameters filled in."""
    with CaptureQueriesContext(connection) as captured:
        run_page(client, scenario)()
    return [query["sql"] for query in captured.captured_queries]


def run_raw(statements: list[str]) -> Callable[[], object]:
    def replay():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    return replay


def run_naive(scenario: Scenario) -> Callable[[], object]:
    params = scenario.params

    def naive():
        jobs = Job.objects.filter(status="published")
        for word in params.get("q", "").replace('"', "").split():
            if word.startswith("-"):
                continue
            jobs = jobs.filter(Q(title__icontains=word) | Q(description_text__icontains=word))
        if params.get("l") == "Remote":
            jobs = jobs.filter(workplace_type="remote")
        elif params.get("l"):
            # A city's name, or its state's name: the join most boards write for "California".
            place = params["l"].split(",")[0]
            jobs = jobs.filter(
                Q(places__name__icontains=place) | Q(places__parent__name__icontains=place)
            ).distinct()
        if params.get("workplace_type"):
            jobs = jobs.filter(workplace_type=params["workplace_type"])
        if params.get("employment_type"):
            jobs = jobs.filter(employment_type=params["employment_type"])
        if params.get("salary_min"):
            jobs = jobs.filter(usd_annual_pay_max__gte=params["salary_min"])
        if params.get("company"):
            jobs = jobs.filter(company__slug=params["company"])
        order = "-usd_annual_pay_max" if params.get("sort") == "pay" else "-posted_at"
        page = int(params.get("page", 1))
        total = jobs.count()
        rows = list(
            jobs.select_related("company").order_by(order)[(page - 1) * PER_PAGE : page * PER_PAGE]
        )
        return total, rows

    return naive


def pages_bench(
    *, urls: list[str], repeat: int, label: str, log: Callable[[str], None]
) -> tuple[dict, list[dict]]:
    """Time each page in-process (HTML through the test client); overall p50/p95, per page."""
    client = Client()
    samples: list[float] = []
    rows = []
    for url in urls:

        def request(url=url):
            response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)

        timings = time_ms(request, repeat)
        samples += timings
        rows.append({"url": url, **summarise(timings)})
        log(f"{url:80} {rows[-1]['p50_ms']:9.1f} {rows[-1]['p95_ms']:7.1f}")
    overall = summarise(samples) if samples else {"p50_ms": None, "p95_ms": None}
    log(f"{label + ' overall':80} {overall['p50_ms']:9.1f} {overall['p95_ms']:7.1f}")
    return overall, rows


def summarise(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
    }


def search_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time every scenario three ways; return per-scenario and overall p50/p95."""
    company_slug = Job.objects.searchable().values_list("company__slug", flat=True).first()
    client = Client()
    rows, all_samples = [], {"page": [], "raw": [], "naive": []}
    log(
        f"{'scenario':34} {'page p50':>9} {'p95':>7} {'raw p50':>9} {'p95':>7} "
        f"{'naive p50':>10} {'p95':>8}"
    )
    for scenario in search_scenarios(company_slug):
        samples = {
            "page": time_ms(run_page(client, scenario), repeat),
            "raw": time_ms(run_raw(captured_sql(client, scenario)), repeat),
            "naive": time_ms(run_naive(scenario), min(repeat, NAIVE_REPEAT), warm_up=False),
        }
        row = {"scenario": scenario.name, "url": scenario.url}
        for way, values in samples.items():
            all_samples[way].extend(values)
            row[way] = summarise(values)
        rows.append(row)
        log(
            f"{scenario.name:34} {row['page']['p50_ms']:9.1f} {row['page']['p95_ms']:7.1f} "
            f"{row['raw']['p50_ms']:9.1f} {row['raw']['p95_ms']:7.1f} "
            f"{row['naive']['p50_ms']:10.1f} {row['naive']['p95_ms']:8.1f}"
        )
    overall = {way: summarise(values) for way, values in all_samples.items()}
    log(
        f"{'overall':34} {overall['page']['p50_ms']:9.1f} {overall['page']['p95_ms']:7.1f} "
        f"{overall['raw']['p50_ms']:9.1f} {overall['raw']['p95_ms']:7.1f} "
        f"{overall['naive']['p50_ms']:10.1f} {overall['naive']['p95_ms']:8.1f}"
    )
    return {
        "search_page_p50_ms": overall["page"]["p50_ms"],
        "search_page_p95_ms": overall["page"]["p95_ms"],
        "search_raw_sql_p50_ms": overall["raw"]["p50_ms"],
        "search_raw_sql_p95_ms": overall["raw"]["p95_ms"],
        "search_naive_p50_ms": overall["naive"]["p50_ms"],
        "search_naive_p95_ms": overall["naive"]["p95_ms"],
        "search_scenarios": rows,
    }


def write_results(path: Path, results: dict) -> None:
    """Merge ``results`` into the JSON file, so later benches add keys instead of erasing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing.update(results)
    path.write_text(json.dumps(existing, indent=2) + "\n")
