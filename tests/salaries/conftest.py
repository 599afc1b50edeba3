import pytest

from jobboard.celery import app


@pytest.fixture(autouse=True)
def eager_tasks():
    """Run salary tasks in-process even when REDIS_URL points at a broker.

    The worker is not what most of these tests are about; ``test_tasks.py`` runs a real one.
    """
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
