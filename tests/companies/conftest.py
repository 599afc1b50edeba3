import pytest

from jobboard.celery import app


@pytest.fixture(autouse=True)
def eager_tasks():
    """Run the refresh task in-process after commit even when REDIS_URL points at a broker.

    The worker is not what these tests are about; ``test_tasks.py`` covers it with Redis.
    """
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def rank_minimum(settings):
    """A small minimum, so hand-computed fixtures stay small."""
    settings.RATING_MIN_FOR_RANK = 2
    return 2


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts are made by the dozen here; the real hasher's cost is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
