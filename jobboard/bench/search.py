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

from django.db import connection, transaction
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
        s("keyword + city: nurse San Jose", {"q": "nurse", "l": "San Jose, CA", "radius": "0"}),
        s(
            "keyword + city: swe Austin",
            {"q": "software engineer", "l": "Austin, TX", "radius": "0"},
        ),
        s("keyword + city: cashier Chicago", {"q": "cashier", "l": "Chicago, IL", "radius": "0"}),
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


def radius_scenarios() -> list[Scenario]:
    """Searches around a point: ZIP codes and cities at each radius, with filters, sorts and a
    later page. (The thirty above search their cities alone, radius 0, as they did before
    radius search, so their figures stay comparable.)"""
    s = Scenario
    return [
        s("zip: swe 95112", {"q": "software engineer", "l": "95112"}),
        s("zip: all jobs 95112", {"l": "95112"}),
        s("zip: nurse 10001 within 10", {"q": "nurse", "l": "10001", "radius": "10"}),
        s("zip: ds 94103 within 50", {"q": "data scientist", "l": "94103", "radius": "50"}),
        s("zip: driver 78701 within 100", {"q": "driver", "l": "78701", "radius": "100"}),
        s("zip: engineer 98101 within 5", {"q": "engineer", "l": "98101", "radius": "5"}),
        s("city: nurse San Jose (25)", {"q": "nurse", "l": "San Jose, CA"}),
        s(
            "city: swe Austin within 50",
            {"q": "software engineer", "l": "Austin, TX", "radius": "50"},
        ),
        s(
            "city: cashier Chicago within 100",
            {"q": "cashier", "l": "Chicago, IL", "radius": "100"},
        ),
        s(
            "zip + filters: 60601 engineer",
            {"q": "engineer", "l": "60601", "workplace_type": "hybrid", "salary_min": "100000"},
        ),
        s("zip + sort pay: 02139 engineer", {"q": "engineer", "l": "02139", "sort": "pay"}),
        s(
            "zip + page 3: nurse 95112 within 100",
            {"q": "nurse", "l": "95112", "radius": "100", "page": "3"},
        ),
    ]


def synonym_scenarios() -> list[tuple[Scenario, Scenario]]:
    """Searches by the words people use, each beside the same search spelled out, which the
    synonym finds too (with the titles that use the short form), so their times should match."""
    s = Scenario
    return [
        (
            s("synonym: SWE", {"q": "SWE"}),
            s("spelled out: software engineer", {"q": "software engineer"}),
        ),
        (
            s("synonym: RN", {"q": "RN"}),
            s("spelled out: registered nurse", {"q": "registered nurse"}),
        ),
        (
            s("synonym: SWE TX", {"q": "SWE", "l": "Texas"}),
            s("spelled out: software engineer TX", {"q": "software engineer", "l": "Texas"}),
        ),
        (
            s("synonym: RN CA", {"q": "RN", "l": "California"}),
            s("spelled out: registered nurse CA", {"q": "registered nurse", "l": "California"}),
        ),
        (
            s("synonym: Sr SWE", {"q": "Sr SWE"}),
            s("spelled out: senior software engineer", {"q": "senior software engineer"}),
        ),
        (
            s("synonym: ML eng", {"q": "ML eng"}),
            s("spelled out: machine learning engineer", {"q": "machine learning engineer"}),
        ),
        (
            s("synonym: LPN", {"q": "LPN"}),
            s("spelled out: licensed practical nurse", {"q": "licensed practical nurse"}),
        ),
        (
            s("synonym: CDL", {"q": "CDL", "sort": "date"}),
            s("spelled out: cdl driver", {"q": "commercial driver license", "sort": "date"}),
        ),
    ]


def misspelled_scenarios() -> list[Scenario]:
    """Searches with typos: few or no results, so the page also looks for a correction."""
    s = Scenario
    return [
        s("typo: registerd nurse", {"q": "registerd nurse"}),
        s("typo: sofware enginer", {"q": "sofware enginer"}),
        s("typo: barrista CA", {"q": "barrista", "l": "California"}),
        s("typo: truk drivr", {"q": "truk drivr"}),
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


class _Rollback(Exception):
    pass


def rolled_back(measure: Callable[[], dict]) -> dict:
    """What ``measure()`` returns, run in a transaction that is then rolled back, so a bench
    may add users and change jobs and leave the bench database as it found it."""
    results: dict = {}
    try:
        with transaction.atomic():
            results = measure()
            raise _Rollback
    except _Rollback:
        pass
    return results


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


def scenarios_time(
    scenarios: list[Scenario],
    *,
    ways: dict[str, Callable[[Scenario], list[float]]],
    label: str,
    log: Callable[[str], None],
) -> tuple[list[dict], dict[str, dict]]:
    """Time each scenario each way (page, raw SQL, ...); the rows, and each way's overall."""
    rows, all_samples = [], {way: [] for way in ways}

    def line(name: str, figures: dict) -> str:
        cells = (f"{figures[way]['p50_ms']:9.1f} {figures[way]['p95_ms']:7.1f}" for way in ways)
        return f"{name:40} " + " ".join(cells)

    log(f"{'scenario':40} " + " ".join(f"{way + ' p50':>9} {'p95':>7}" for way in ways))
    for scenario in scenarios:
        row = {"scenario": scenario.name, "url": scenario.url}
        for way, timed in ways.items():
            values = timed(scenario)
            all_samples[way].extend(values)
            row[way] = summarise(values)
        rows.append(row)
        log(line(scenario.name, row))
    overall = {way: summarise(values) for way, values in all_samples.items()}
    log(line(label, overall))
    return rows, overall


def page_and_sql(repeat: int) -> dict[str, Callable[[Scenario], list[float]]]:
    """The two ways every search bench times a scenario: the whole page, and its SQL alone."""
    client = Client()
    return {
        "page": lambda scenario: time_ms(run_page(client, scenario), repeat),
        "raw": lambda scenario: time_ms(run_raw(captured_sql(client, scenario)), repeat),
    }


def search_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time every scenario three ways; return per-scenario and overall p50/p95."""
    company_slug = Job.objects.searchable().values_list("company__slug", flat=True).first()
    rows, overall = scenarios_time(
        search_scenarios(company_slug),
        ways={
            **page_and_sql(repeat),
            "naive": lambda scenario: time_ms(
                run_naive(scenario), min(repeat, NAIVE_REPEAT), warm_up=False
            ),
        },
        label="overall",
        log=log,
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


def radius_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time each radius scenario as a page and as its SQL alone; overall p50/p95."""
    rows, overall = scenarios_time(
        radius_scenarios(),
        ways=page_and_sql(repeat),
        label="radius overall",
        log=log,
    )
    return {
        "search_radius_p50_ms": overall["page"]["p50_ms"],
        "search_radius_p95_ms": overall["page"]["p95_ms"],
        "search_radius_raw_sql_p95_ms": overall["raw"]["p95_ms"],
        "search_radius_scenarios": rows,
    }


def synonym_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time searches by synonym beside the same searches spelled out, and searches with typos
    (which add the "Did you mean" query), each as a page and as its SQL; overall p50/p95."""
    pairs = synonym_scenarios()
    ways = page_and_sql(repeat)
    synonyms, by_synonym = scenarios_time(
        [term for term, _ in pairs], ways=ways, label="synonym overall", log=log
    )
    spelled, by_expansion = scenarios_time(
        [expansion for _, expansion in pairs], ways=ways, label="spelled out overall", log=log
    )
    typos, by_typo = scenarios_time(
        misspelled_scenarios(), ways=ways, label="did you mean overall", log=log
    )
    return {
        "search_synonym_p50_ms": by_synonym["page"]["p50_ms"],
        "search_synonym_p95_ms": by_synonym["page"]["p95_ms"],
        "search_synonym_raw_sql_p95_ms": by_synonym["raw"]["p95_ms"],
        "search_spelled_out_p95_ms": by_expansion["page"]["p95_ms"],
        "search_spelled_out_raw_sql_p95_ms": by_expansion["raw"]["p95_ms"],
        "search_did_you_mean_p50_ms": by_typo["page"]["p50_ms"],
        "search_did_you_mean_p95_ms": by_typo["page"]["p95_ms"],
        "search_synonym_scenarios": synonyms + spelled + typos,
    }


def write_results(path: Path, results: dict) -> None:
    """Merge ``results`` into the JSON file, so later benches add keys instead of erasing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing.update(results)
    path.write_text(json.dumps(existing, indent=2) + "\n")
