"""The digest tasks on a real Celery worker with the real Redis, against the test database."""

import warnings
from datetime import timedelta

import pytest
from celery.exceptions import AlwaysEagerIgnored
from django.utils import timezone

from jobboard.celery import app
from listings.alerts.models import Alert, AlertDigest, AlertSentJob
from listings.models import Job
from tests.factories import ActiveAlertFactory, PublishedJobFactory
from tests.ingest.test_worker import redis_url, wait_for, worker  # noqa: F401 - fixtures

BATCH = 2


def enqueue(queue: str, url: str, alert_ids: list[int]) -> None:
    """Send the batch task through Redis even when this process runs tasks eagerly."""
    with app.connection_for_write(url) as broker, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)  # sending is the point here
        app.send_task(
            "listings.alerts.tasks.send_alert_digest_batch",
            args=[alert_ids],
            queue=queue,
            connection=broker,
        )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_batch_once_and_a_rerun_sends_nothing(worker):  # noqa: F811
    queue, url = worker
    long_ago = timezone.now() - timedelta(days=2)
    alerts = [ActiveAlertFactory(confirmed_at=long_ago) for _ in range(2 * BATCH + 1)]
    PublishedJobFactory(title="Registered Nurse")
    PublishedJobFactory(title="Truck Driver")
    Job.objects.update(published_at=timezone.now() - timedelta(hours=1))
    ids = [alert.pk for alert in alerts]
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]

    for batch in batches + batches:  # every batch twice: a retried task sends nothing more
        enqueue(queue, url, batch)
    # The worker takes tasks in order, one at a time: once this last one is done, all are.
    marker = ActiveAlertFactory(confirmed_at=long_ago, params={"q": "truck driver"})
    enqueue(queue, url, [marker.pk])

    assert wait_for(lambda: AlertDigest.objects.filter(alert=marker).exists())
    assert AlertDigest.objects.exclude(alert=marker).count() == len(alerts)
    assert not Alert.objects.filter(watermark=long_ago).exists()
    sent = AlertSentJob.objects.exclude(alert=marker)
    assert set(sent.values_list("job__title", flat=True)) == {"Registered Nurse"}
    assert sent.count() == len(alerts)
    assert set(Alert.objects.values_list("last_sent_at", flat=True)) != {None}
