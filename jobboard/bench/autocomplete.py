"""Autocomplete benchmark: the title and place suggestion endpoints, as the search form's
boxes ask them while one types.

Prefixes as typed letter by letter, a word that is not the first ("jose"), an alias ("rn"),
"San Jose, CA", typos (which cost a second statement) and text that matches nothing, asked
of ``/api/v1/titles`` and ``/api/v1/places`` in-process through Django's test client, throttle
off. The goal is 10 ms an answer at a million jobs: neither list reads the jobs table.
"""

from collections.abc import Callable

from django.test import override_settings
from django.utils.http import urlencode

from jobboard.bench.search import pages_bench

LIMIT = 8  # what static/js/suggest.js asks for
TITLES = ["nu", "nur", "nurse", "regis", "soft", "software eng", "rn", "swe", "registerd", "qzxv"]
PLACES = ["sa", "san", "san jose", "san jose, ca", "jose", "new y", "tex", "califrnia", "rem", "95"]


def autocomplete_urls() -> list[str]:
    return [
        f"/api/v1/{endpoint}?{urlencode({'q': typed, 'limit': LIMIT})}"
        for endpoint, typed_list in (("titles", TITLES), ("places", PLACES))
        for typed in typed_list
    ]


def autocomplete_bench(*, repeat: int, log: Callable[[str], None]) -> dict:
    """Time every suggestion request; per-request and overall p50/p95."""
    with override_settings(API_THROTTLE_RATE=""):
        overall, rows = pages_bench(
            urls=autocomplete_urls(), repeat=repeat, label="autocomplete", log=log
        )
    return {
        "autocomplete_p50_ms": overall["p50_ms"],
        "autocomplete_p95_ms": overall["p95_ms"],
        "autocomplete_requests": rows,
    }
