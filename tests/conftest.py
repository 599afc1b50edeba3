import importlib
import os
import secrets
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache

from jobboard.celery import app
from listings.models import Place, ZipCode
from listings.services import place_save
from salaries.selectors import AGGREGATES_VERSION_KEY


def require_service(name: str, reason: str) -> None:
    """Skip a test whose service is missing, except under CI, where that is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required under CI=true: {reason}")
    pytest.skip(f"{name} not available: {reason}")


@pytest.fixture(autouse=True)
def eager_tasks():
    """Queued tasks run in-process after commit, even when REDIS_URL points at a broker.

    The worker is what only the worker tests are about, and they turn this off themselves.
    """
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts are made by the dozen; the real hasher's cost is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_salary_boxes():
    """Salary boxes cached by earlier tests or runs become unreachable (ids repeat across runs
    and Redis outlives them). Not cache.clear(): under REDIS_URL that would flush the broker."""
    cache.set(AGGREGATES_VERSION_KEY, secrets.randbits(62), None)


@pytest.fixture(autouse=True)
def _uncached_facets(settings):
    """Filter counts kept by an earlier test of the same search would be another test's jobs;
    the cache's own test turns it on."""
    settings.SEARCH_FACETS_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _api_unthrottled(settings):
    """Tests call the API far faster than anyone may; the throttle's own tests set a rate."""
    settings.API_THROTTLE_RATE = ""


@pytest.fixture
def places(db):
    """A small place tree: US > California > San Jose, Sunnyvale; US > Texas > Austin; Remote."""
    us = Place.objects.create(name="United States", kind=Place.Kind.COUNTRY, code="US")
    california = Place.objects.create(
        name="California", kind=Place.Kind.STATE, code="CA", parent=us
    )
    texas = Place.objects.create(name="Texas", kind=Place.Kind.STATE, code="TX", parent=us)

    def city(name, state, population):
        return Place.objects.create(
            name=name, kind=Place.Kind.CITY, parent=state, population=population
        )

    return SimpleNamespace(
        us=us,
        california=california,
        texas=texas,
        san_jose=city("San Jose", california, 970_000),
        sunnyvale=city("Sunnyvale", california, 155_000),
        austin=city("Austin", texas, 960_000),
        remote=Place.objects.create(name="Remote", kind=Place.Kind.REMOTE),
    )


def plans_by_index_conditions(run) -> list[str]:
    """The plan of each statement ``run()`` sends with only bitmap scans allowed, which need
    an index condition: on a test-sized table PostgreSQL prefers reading the table or a whole
    index, so this shows whether an index *can* serve the statement's conditions at a
    million rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    plans = []
    with connection.cursor() as cursor:
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        for statement in captured.captured_queries:
            cursor.execute(f"EXPLAIN {statement['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


@pytest.fixture
def zip_codes(db):
    """The ZIP codes migration 0019 loads. A transactional test's flush empties every table,
    the rows migrations loaded too, so a later test gets them loaded again."""
    if not ZipCode.objects.exists():
        migration = importlib.import_module("listings.migrations.0019_zip_codes_and_city_centres")
        migration.zip_codes_copy(apps)


@pytest.fixture
def located_places(places, zip_codes):
    """The ``places`` tree with its cities at their centres (from the ZIP code data), as the
    admin's save gives them: San Jose and Sunnyvale are 9 miles apart, Austin far away."""
    for city in (places.san_jose, places.sunnyvale, places.austin):
        place_save(place=city)
    return places
