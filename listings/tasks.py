"""Celery tasks: thin wrappers that take ids, call a service, and own their retries."""

from celery import shared_task

from listings.models import Job
from listings.services import jobs_set_status


@shared_task
def expire_past_due_jobs() -> int:
    """Move published jobs past their expiry date to expired (daily)."""
    return jobs_set_status(
        jobs=Job.objects.past_expiry(), status=Job.Status.EXPIRED, reason="Past its expiry date"
    )
