"""Job alert digests benchmark: 10,000 confirmed alerts over realistic searches, one digest run.

Runs inside one transaction that is rolled back. The alerts' searches are drawn as seekers
would make them (the demo's titles by their weights, its states and cities by population,
some with a filter or "Remote"); every alert's watermark sits where the newest 1% of the
searchable jobs begin, so each digest looks at a day's worth of new jobs, and the run builds
and "sends" every digest to the local-memory email backend.
"""

import random
import time
from collections.abc import Callable

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from jobboard.demo.job_data import TITLES
from listings.alerts.digests import alert_digests_run
from listings.alerts.models import Alert
from listings.alerts.selectors import alert_name
from listings.alerts.services import alert_search_key
from listings.models import Job, Place

NEW_SHARE = 0.01


class _Rollback(Exception):
    pass


def alert_bench(*, log: Callable[[str], None], alerts: int = 10_000, seed: int = 11) -> dict:
    """Time one digest run over ``alerts`` due alerts; returns ``alert_digest_10k_s``."""
    results: dict = {}
    try:
        with (
            transaction.atomic(),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        ):
            results = _measure(log, alerts, random.Random(seed))
            raise _Rollback
    except _Rollback:
        pass
    return results


def _searches(rng: random.Random, count: int) -> list[dict]:
    """Canonical search parameters as job seekers would save them."""
    states = list(Place.objects.filter(kind=Place.Kind.STATE).select_related("parent"))
    cities = list(Place.objects.filter(kind=Place.Kind.CITY).select_related("parent"))
    city_weights = [max(1, city.population // 10_000) for city in cities]
    title_weights = [title.weight for title in TITLES]
    searches = []
    for _ in range(count):
        params: dict = {"q": rng.choices(TITLES, title_weights)[0].name.lower()}
        roll = rng.random()
        if roll < 0.45 and states:
            params["l"] = rng.choice(states).display_name
        elif roll < 0.75 and cities:
            params["l"] = rng.choices(cities, city_weights)[0].display_name
        elif roll < 0.85:
            params["l"] = "Remote"
        if rng.random() < 0.2:  # one filter in five
            params |= rng.choice(
                [
                    {"workplace_type": ["remote"]},
                    {"workplace_type": ["hybrid", "on_site"]},
                    {"employment_type": ["full_time"]},
                    {"salary_min": "80000"},
                    {"posted_within": "7"},
                ]
            )
        searches.append(params)
    return searches


def _measure(log: Callable[[str], None], count: int, rng: random.Random) -> dict:
    searchable = Job.objects.searchable().count()
    new = max(1, int(searchable * NEW_SHARE))
    # Where the newest 1% begin: an index walk of job_published_live.
    since = (
        Job.objects.searchable()
        .order_by("-published_at")
        .values_list("published_at", flat=True)[new - 1 : new]
        .get()
    )
    now = timezone.now()
    alerts = []
    for n, params in enumerate(_searches(rng, count)):
        alerts.append(
            Alert(
                email=f"bench-alert-{n}@example.com",
                name=alert_name(params=params),
                params=params,
                search_key=alert_search_key(params),
                status=Alert.Status.ACTIVE,
                frequency=Alert.Frequency.DAILY,
                confirmed_at=since - (now - since) * 30,
                watermark=since,
            )
        )
    Alert.objects.bulk_create(alerts, batch_size=2_000)
    distinct = len({alert.search_key for alert in alerts})
    log(
        f"alerts: {count:,} alerts ({distinct:,} distinct searches) over {searchable:,} "
        f"searchable jobs, {new:,} of them new"
    )
    started = time.perf_counter()
    run = alert_digests_run(now=now, every_active=True)
    seconds = time.perf_counter() - started
    log(
        f"alerts: digest run {seconds:.1f} s: {run.sent:,} sent, {run.empty:,} empty, "
        f"{run.batches} batches"
    )
    return {
        "alert_digest_10k_s": round(seconds * 10_000 / count, 1),
        "alert_digests_sent": run.sent,
        "alert_distinct_searches": distinct,
    }
