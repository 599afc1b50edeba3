"""Ingest benchmark: parse + upsert of a big Greenhouse-shaped feed served over loopback.

The feed copies the shape of the recorded boards (``tests/data/ingest/gh_board_*.json``):
entity-escaped ``content``, a ``currency_range`` pay field, offices, departments and GDPR
blocks, with titles, places, pay and text varied so rows differ as real ones do. It is
served by a local HTTP server, so the figure includes the fetch, the JSON parse, sanitising,
place and company resolution, the batched writes, the search-vector trigger and the
duplicate collapse. The rerun serves the same bytes again: every posting unchanged.
"""

import html
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings
from django.db import connection

from companies.models import Company
from listings.ingest.models import IngestRun, Source
from listings.ingest.run import source_ingest
from listings.models import Job

TITLES = [
    "Software Engineer",
    "Senior Data Scientist",
    "Registered Nurse",
    "Account Executive",
    "Machine Learning Engineer",
    "Customer Support Specialist",
    "Product Manager",
    "Warehouse Associate",
]
LOCATIONS = [
    "San Jose, CA",
    "Austin, TX",
    "New York, NY",
    "Remote (United States)",
    "Chicago, IL",
    "Seattle, WA",
    "Toronto, Ontario, Canada",
    "NY office",
]
DESCRIPTION = (
    '<div class="content-intro"><p>{company} builds tools people rely on every day.</p></div>'
    "<h3>About the role</h3><p>As a {title} on team {team}, you will own opening {number} "
    "from first sketch to production, working with design, data and support.</p>"
    "<h3>What you will do</h3><ul><li>Ship work every week</li><li>Review your peers' "
    "work</li><li>Talk to the people who use it</li></ul><h3>What you bring</h3><ul><li>"
    "{years}+ years in a similar role</li><li>Clear writing</li></ul>"
    '<div class="content-conclusion"><p>We are an equal opportunity employer.</p></div>'
)


def greenhouse_feed(postings: int) -> bytes:
    """A board of ``postings`` jobs in Greenhouse's ``?content=true`` shape."""
    jobs = []
    for number in range(1, postings + 1):
        title = TITLES[number % len(TITLES)]
        company = f"Bench Company {number % 50}"
        low = 60_000 + (number % 40) * 2_500
        content = DESCRIPTION.format(
            company=company, title=title, team=number % 97, number=number, years=number % 9 + 1
        )
        jobs.append(
            {
                "absolute_url": f"https://job-boards.greenhouse.io/bench/jobs/{number}?gh_src=x",
                "data_compliance": [{"type": "gdpr", "requires_consent": False}],
                "internal_job_id": 4_000_000 + number,
                "location": {"name": LOCATIONS[number % len(LOCATIONS)]},
                "metadata": [
                    {
                        "id": 6571036,
                        "name": "Salary Range",
                        "value": {
                            "unit": "USD",
                            "min_value": f"{low}.0",
                            "max_value": f"{low + 30_000}.0",
                        },
                        "value_type": "currency_range",
                    }
                ],
                "id": 5_000_000 + number,
                "updated_at": "2026-07-27T14:17:12-04:00",
                "requisition_id": str(number),
                "title": f"{title} {number % 13 or ''}".strip(),
                "company_name": company,
                "first_published": "2026-07-20T13:48:30-04:00",
                "language": "en",
                "application_deadline": None,
                "content": html.escape(content),
                "departments": [{"id": 1, "name": "Engineering ", "child_ids": []}],
                "offices": [{"id": 2, "name": "HQ", "location": None, "child_ids": []}],
            }
        )
    return json.dumps({"jobs": jobs, "meta": {"total": postings}}).encode()


class _FeedServer:
    def __init__(self, body: bytes) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1/boards/bench/jobs"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def ingest_bench(*, postings: int = 50_000, log: Callable[[str], None] = print) -> dict:
    """Time a first run and an unchanged rerun of a ``postings``-job feed; then clean up."""
    body = greenhouse_feed(postings)
    # The feed is generated for the bench; a cap tuned for real boards must not refuse it.
    settings.INGEST_MAX_BYTES = max(settings.INGEST_MAX_BYTES, len(body) + 1)
    server = _FeedServer(body)
    _remove_bench_sources()
    source = Source.objects.create(
        name="Ingest bench", kind=Source.Kind.GREENHOUSE, address=server.url, enabled=False
    )
    try:
        log(f"Ingest: {postings:,} postings, {len(body) / 1e6:.1f} MB over loopback")
        first_seconds, first = _timed(source)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE listings_job")
        rerun_seconds, rerun = _timed(source)
    finally:
        server.close()
        _remove_bench_sources()
    assert first.created == postings, (first.status, first.error, first.created)
    assert rerun.unchanged == postings, (rerun.status, rerun.error, rerun.unchanged)
    results = {
        "ingest_postings": postings,
        "ingest_first_run_s": round(first_seconds, 2),
        "ingest_rerun_s": round(rerun_seconds, 2),
        "ingest_postings_per_s": round(postings / first_seconds),
        "ingest_rerun_speedup": round(first_seconds / rerun_seconds, 1),
    }
    log(
        f"  first run {first_seconds:.1f}s ({results['ingest_postings_per_s']:,} postings/s), "
        f"unchanged rerun {rerun_seconds:.1f}s ({results['ingest_rerun_speedup']}x faster)"
    )
    return results


def _timed(source: Source) -> tuple[float, IngestRun]:
    start = time.perf_counter()
    run = source_ingest(source=source, trigger="bench")
    return time.perf_counter() - start, run


def _remove_bench_sources() -> None:
    """Bench postings never stay behind to skew the search bench that shares the database."""
    for source in Source.objects.filter(name="Ingest bench"):
        Job.objects.filter(source=source).delete()
        source.delete()
    Company.objects.filter(name__startswith="Bench Company ", jobs__isnull=True).delete()
