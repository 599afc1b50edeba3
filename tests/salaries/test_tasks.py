"""The refresh task: what it does in-process, and a real worker consuming it from the broker.

Under REDIS_URL (CI) the broker is Redis; without it, Celery's in-memory broker, which a
worker thread in this process consumes just the same.
"""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection

from jobboard.celery import app
from salaries.models import Occupation, SalaryAggregate
from salaries.tasks import refresh_salary_aggregates
from tests.factories import PublishedJobFactory


@pytest.mark.django_db
def test_nightly_task_maps_titles_then_refreshes(places):
    entry = settings.CELERY_BEAT_SCHEDULE["every-hour-refresh-salary-aggregates"]
    assert entry["task"] == refresh_salary_aggregates.name
    nurse = Occupation.objects.create(name="Registered Nurse", aliases=["RN"])
    job = PublishedJobFactory(title="RN - ICU", places=[places.austin])
    assert refresh_salary_aggregates.delay().get() == 4  # Austin, Texas, US, everywhere
    job.refresh_from_db()
    assert job.occupation == nurse
    assert refresh_salary_aggregates.delay(occupation_id=999_999_999).get() == 0


def _close_worker_connection(**kwargs):
    # The worker thread opened its own database connection; the test database cannot be
    # dropped at the end of the run while it stays open.
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_refreshes_one_occupation(places):
    barista = Occupation.objects.create(name="Barista")
    PublishedJobFactory(title="Barista", occupation=barista, places=[places.san_jose])
    queue = f"test-salaries-{uuid.uuid4().hex[:8]}"
    before = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    task_postrun.connect(_close_worker_connection)
    try:
        with start_worker(app, perform_ping_check=False, queues=[queue], loglevel="WARNING"):
            refresh_salary_aggregates.delay(occupation_id=barista.pk)
            deadline = time.monotonic() + 15
            while not SalaryAggregate.objects.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        task_postrun.disconnect(_close_worker_connection)
        app.conf.task_always_eager, app.conf.task_default_queue = before
    assert SalaryAggregate.objects.filter(occupation=barista).count() == 4
