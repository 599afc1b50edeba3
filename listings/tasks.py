"""Celery tasks: thin wrappers that take ids, call a service, and own their retries."""

from celery import shared_task
from django.conf import settings

from listings.ingest.run import source_ingest, sources_due
from listings.models import IngestRun, Job, Source
from listings.posting.services import jobs_warn_expiring
from listings.services import jobs_set_status


@shared_task(bind=True, acks_late=True)
def ingest_source(self, source_id: int, trigger: str = "schedule") -> int | None:
    """Run one source; a failed run is retried later with backoff (each try is its own run)."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return None  # deleted since it was queued
    retries = self.request.retries
    run = source_ingest(source=source, trigger="retry" if retries else trigger)
    # Eager (no broker): retrying would only block the caller; the next schedule tries again.
    if (
        run.status == IngestRun.Status.FAILED
        and not self.request.is_eager
        and retries < settings.INGEST_TASK_MAX_RETRIES
    ):
        raise self.retry(
            countdown=settings.INGEST_TASK_RETRY_SECONDS * 2**retries,
            max_retries=settings.INGEST_TASK_MAX_RETRIES,
        )
    return run.pk


@shared_task
def ingest_due_sources() -> int:
    """Queue every enabled source whose schedule is due; one source's failure stops no other."""
    due = sources_due()
    for source in due:
        ingest_source.delay(source.pk)
    return len(due)


@shared_task
def expire_past_due_jobs() -> int:
    """Move published jobs past their expiry date to expired (daily)."""
    return jobs_set_status(
        jobs=Job.objects.past_expiry(), status=Job.Status.EXPIRED, reason="Past its expiry date"
    )


@shared_task
def warn_jobs_expiring() -> int:
    """Email recruiters whose published jobs expire within 3 days (daily, once per job)."""
    return jobs_warn_expiring()
