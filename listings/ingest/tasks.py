"""Celery tasks: thin wrappers that take ids, call a service, and own their retries."""

from celery import shared_task
from django.conf import settings

from listings.ingest.models import IngestRun, Source
from listings.ingest.run import source_ingest
from listings.ingest.schedule import sources_due


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
