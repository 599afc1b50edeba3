"""Celery tasks: beat queues one task per batch of due alerts; each batch is one service call."""

from celery import shared_task

from listings.alerts.digests import alert_digests_send, alert_due_batches


@shared_task
def send_due_alert_digests() -> int:
    """Queue a batch task per ``ALERT_DIGEST_BATCH_SIZE`` due alerts; how many were queued."""
    batches = alert_due_batches()
    for alert_ids in batches:
        send_alert_digest_batch.delay(alert_ids)
    return len(batches)


@shared_task(acks_late=True)
def send_alert_digest_batch(alert_ids: list[int]) -> int:
    """Send the digests of one batch over one connection; how many went out. Safe to retry:
    an alert whose digest went out is no longer due."""
    return alert_digests_send(alert_ids=alert_ids).sent
