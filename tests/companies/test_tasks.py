"""The refresh task: a thin wrapper, and a real worker consuming it from the broker.

Under REDIS_URL (CI) the broker is Redis; without it, Celery's in-memory broker, which a
worker thread in this process consumes just the same.
"""

import time
import uuid
from decimal import Decimal

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection

from companies.models import CompanyRatingSummary, Rating
from companies.services import ratings_moderate
from companies.tasks import refresh_company_ratings
from jobboard.celery import app
from tests.companies.factories import ApprovedRatingFactory, PendingRatingFactory


@pytest.mark.django_db
def test_the_task_refreshes_the_given_companies():
    rating = ApprovedRatingFactory(overall=4)
    assert refresh_company_ratings.delay(company_ids=[rating.company_id]).get() == 1
    assert CompanyRatingSummary.objects.get().score == Decimal("4.0")


@pytest.mark.django_db
def test_the_nightly_beat_entry_refreshes_every_company():
    entry = settings.CELERY_BEAT_SCHEDULE["every-night-refresh-company-ratings"]
    assert entry["task"] == refresh_company_ratings.name
    ApprovedRatingFactory.create_batch(2)
    assert refresh_company_ratings.delay().get() == 2


def _close_worker_connection(**kwargs):
    # The worker thread opened its own database connection; the test database cannot be
    # dropped at the end of the run while it stays open.
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_refreshes_the_card_after_approval():
    queue = f"test-companies-{uuid.uuid4().hex[:8]}"
    before = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    task_postrun.connect(_close_worker_connection)
    try:
        with start_worker(app, perform_ping_check=False, queues=[queue], loglevel="WARNING"):
            rating = PendingRatingFactory(overall=9)
            ratings_moderate(ratings=Rating.objects.all(), status=Rating.Status.APPROVED)
            summary = None
            deadline = time.monotonic() + 15
            while summary is None and time.monotonic() < deadline:
                summary = CompanyRatingSummary.objects.filter(company=rating.company).first()
                time.sleep(0.1)
    finally:
        task_postrun.disconnect(_close_worker_connection)
        app.conf.task_always_eager, app.conf.task_default_queue = before
    assert summary is not None, "the worker did not refresh the summary within 15 s"
    assert (summary.score, summary.count) == (Decimal("9.0"), 1)
