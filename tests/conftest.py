import os
import secrets
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from jobboard.celery import app
from listings.models import Place
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
