"""When sources run: which are due, when each runs next, and one run per source at a time."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from listings.ingest.models import Source

LOCK_CLASS = 7301  # the first key of pg_advisory_lock(int, int); the source id is the second
SCHEDULE_INTERVALS = {
    Source.Schedule.HOURLY: timedelta(hours=1),
    Source.Schedule.EVERY_6_HOURS: timedelta(hours=6),
    Source.Schedule.DAILY: timedelta(days=1),
    Source.Schedule.WEEKLY: timedelta(days=7),
}


def sources_due(*, now: datetime | None = None) -> list[Source]:
    """Enabled sources whose schedule says run now; their next run is booked at once."""
    now = now or timezone.now()
    due = []
    with transaction.atomic():
        sources = (
            Source.objects.select_for_update(skip_locked=True)
            .filter(enabled=True)
            .exclude(schedule=Source.Schedule.MANUAL)
            .exclude(kind=Source.Kind.DEMO)
            .exclude(next_run_at__gt=now)
        )
        for source in sources:
            source.next_run_at = now + SCHEDULE_INTERVALS[source.schedule]
            source.save(update_fields=["next_run_at"])
            due.append(source)
    return due


@contextmanager
def source_lock(source_id: int) -> Iterator[bool]:
    """Whether this run holds the source's lock, held until the block ends.

    A session-level advisory lock: it dies with the connection, so a killed run frees it.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, source_id])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, source_id])
