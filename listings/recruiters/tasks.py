"""Celery tasks: thin wrappers that take ids, call a service, and own their retries."""

from celery import shared_task

from listings.recruiters.services import jobs_warn_expiring


@shared_task
def warn_jobs_expiring() -> int:
    """Email recruiters whose published jobs expire within 3 days (daily, once per job)."""
    return jobs_warn_expiring()
