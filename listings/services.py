"""Writes to jobs that keep their derived fields and duplicate links right."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from listings.dedupe import job_fingerprint, jobs_collapse_duplicates
from listings.models import Job, JobRevision, JobStatusChange, Place


def job_place_ids(*, places: list[Place], workplace_type: str) -> list[int]:
    """Every place a job is in, with the places containing them; remote jobs are in Remote."""
    ids = {pk for place in places for pk in place.lineage}
    if workplace_type == Job.WorkplaceType.REMOTE:
        ids.update(Place.objects.filter(kind=Place.Kind.REMOTE).values_list("pk", flat=True))
    return sorted(ids)


@transaction.atomic
def job_refresh_places(*, job: Job) -> Job:
    """Recompute place_ids and the fingerprint after places or text change; re-collapse."""
    old_fingerprint = job.fingerprint
    job.place_ids = job_place_ids(places=list(job.places.all()), workplace_type=job.workplace_type)
    job.fingerprint = job_fingerprint(
        company_id=job.company_id,
        title=job.title,
        place_ids=job.place_ids,
        description_text=job.description_text,
    )
    Job.objects.filter(pk=job.pk).update(place_ids=job.place_ids, fingerprint=job.fingerprint)
    jobs_collapse_duplicates(fingerprints={old_fingerprint, job.fingerprint} - {""})
    job.refresh_from_db(fields=["duplicate_of"])
    return job


@transaction.atomic
def jobs_set_status(*, jobs: QuerySet[Job], status: str, by=None, reason: str = "") -> int:
    """Move jobs to ``status``; publishing dates them and gives them the default lifetime,
    leaving the board withdraws their pending edits.

    Every job whose status changes gets a history row (who, when, why), written in one
    INSERT ... SELECT so expiring thousands of postings stays one statement.
    """
    # The caller's filter may be on the status itself (an admin list filtered to drafts), so
    # it is read once, locking the rows, and every step after works on those ids.
    ids = list(jobs.select_for_update(of=("self",)).values_list("pk", flat=True))
    jobs = Job.objects.filter(pk__in=ids)
    _record_status_changes(jobs=jobs, status=status, by=by, reason=reason)
    fingerprints = set(jobs.values_list("fingerprint", flat=True)) - {""}
    now = timezone.now()
    count = jobs.update(status=status, updated_at=now)
    if status == Job.Status.PUBLISHED:
        lifetime = timedelta(days=settings.JOB_DEFAULT_LIFETIME_DAYS)
        jobs.filter(posted_at__isnull=True).update(posted_at=now)
        jobs.filter(expires_at__isnull=True).update(expires_at=now + lifetime)
    else:
        # An edit waits to be applied to a live job; off the board (closed, expired) it never
        # can be, and would sit in the review queue where approve and reject both refuse it.
        JobRevision.objects.filter(job_id__in=ids, status=JobRevision.Status.PENDING).update(
            status=JobRevision.Status.WITHDRAWN, decided_at=now
        )
    jobs_collapse_duplicates(fingerprints=fingerprints)
    return count


def _record_status_changes(*, jobs: QuerySet[Job], status: str, by, reason: str) -> None:
    changing, params = jobs.exclude(status=status).values("pk").query.sql_with_params()
    history = JobStatusChange._meta.db_table
    table = Job._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history} (job_id, from_status, to_status, by_id, reason, at) "  # noqa: S608 - model table names
            f"SELECT id, status, %s, %s, %s, %s FROM {table} WHERE id IN ({changing})",
            [status, by.pk if by else None, reason, timezone.now(), *params],
        )
