"""Writes to jobs that keep their derived fields and duplicate links right."""

from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from listings.dedupe import job_fingerprint, jobs_collapse_duplicates
from listings.derived import DerivedLookups
from listings.models import Job, JobStatusChange, Place
from listings.places import city_centre
from salaries.models import ExchangeRate


def derived_lookups(*, occupation_ids: Mapping[str, int | None] | None = None) -> DerivedLookups:
    """What bulk writers derive jobs with: every exchange rate and the Remote places (two
    queries), with the caller's ``occupation_ids`` when it maps occupations."""
    return DerivedLookups(
        usd_rates=ExchangeRate.objects.usd_rates(),
        remote_place_ids=Place.objects.remote_ids(),
        occupation_ids=occupation_ids,
    )


@transaction.atomic
def job_refresh_places(*, job: Job) -> Job:
    """Recompute place_ids and the fingerprint after places or text change; re-collapse."""
    old_fingerprint = job.fingerprint
    derived = job.derived_fields(places=list(job.places.all()))
    job.place_ids, job.fingerprint = derived["place_ids"], derived["fingerprint"]
    Job.objects.filter(pk=job.pk).update(place_ids=job.place_ids, fingerprint=job.fingerprint)
    jobs_collapse_duplicates(fingerprints={old_fingerprint, job.fingerprint} - {""})
    job.refresh_from_db(fields=["duplicate_of"])
    return job


@transaction.atomic
def place_save(*, place: Place) -> Place:
    """Save a place; when its parent changed, everything below it and every job in it follows.
    A US city saved without coordinates gets its centre (``listings.places.city_centre``).

    The lineage of the place's descendants and the ``place_ids`` of their jobs are rewritten in
    SQL (a state moved to another country takes its cities and all their jobs along). Those
    jobs' fingerprints include their places, so each fingerprint group moves to its new value
    together: postings an admin merged or a feed matched stay one result. Raises
    ``ValidationError`` for a parent inside the place itself.
    """
    place.clean()
    if place.kind == Place.Kind.CITY and place.point is None:
        place.latitude, place.longitude = city_centre(name=place.name, state=place.parent) or (
            None,
            None,
        )
    old_lineage = (
        Place.objects.select_for_update().filter(pk=place.pk).values_list("lineage", flat=True)
    ).first()
    place.save()
    if old_lineage is None or old_lineage == place.lineage:
        return place
    moved = list(
        Job.objects.filter(place_ids__contains=[place.pk]).values_list(
            "pk", "company_id", "title", "place_ids", "description_text", "fingerprint"
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE listings_place
            SET lineage = %(lineage)s::bigint[] || lineage[array_position(lineage, %(pk)s) + 1:]
            WHERE lineage @> ARRAY[%(pk)s]::bigint[] AND id <> %(pk)s
            """,
            {"lineage": place.lineage, "pk": place.pk},
        )
        # The place_ids listings.derived.job_derived_fields computes, for many jobs at once.
        cursor.execute(
            """
            UPDATE listings_job AS job
            SET place_ids = ARRAY(
                SELECT unnest(place.lineage)
                FROM listings_job_places AS link
                JOIN listings_place AS place ON place.id = link.place_id
                WHERE link.job_id = job.id
                UNION
                SELECT remote.id FROM listings_place AS remote
                WHERE remote.kind = 'remote' AND job.workplace_type = 'remote'
                ORDER BY 1
            )
            WHERE job.id = ANY(%(ids)s)
            """,
            {"ids": [pk for pk, *_ in moved]},
        )
    _jobs_refingerprint(moved=moved)
    return place


def _jobs_refingerprint(*, moved: list[tuple]) -> None:
    """Give each fingerprint that moved jobs computed under their old places its new value."""
    new_place_ids = dict(
        Job.objects.filter(pk__in=[pk for pk, *_ in moved]).values_list("pk", "place_ids")
    )
    renamed: dict[str, str] = {}
    for pk, company_id, title, old_place_ids, description_text, fingerprint in moved:
        was = job_fingerprint(
            company_id=company_id,
            title=title,
            place_ids=old_place_ids,
            description_text=description_text,
        )
        if was == fingerprint:
            renamed.setdefault(
                fingerprint,
                job_fingerprint(
                    company_id=company_id,
                    title=title,
                    place_ids=new_place_ids[pk],
                    description_text=description_text,
                ),
            )
    if not renamed:
        return
    with connection.cursor() as cursor:
        # Every job sharing an old fingerprint moves with it, merged copies included.
        cursor.execute(
            """
            UPDATE listings_job AS job SET fingerprint = renamed.new
            FROM unnest(%(old)s::text[], %(new)s::text[]) AS renamed(old, new)
            WHERE job.fingerprint = renamed.old
            """,
            {"old": list(renamed), "new": list(renamed.values())},
        )
    jobs_collapse_duplicates(fingerprints={*renamed, *renamed.values()})


def job_record_status(*, job: Job, from_status: str, by, reason: str = "") -> None:
    """One history row for a single job's change (bulk changes go through jobs_set_status)."""
    JobStatusChange.objects.create(
        job=job, from_status=from_status, to_status=job.status, by=by, reason=reason
    )


@transaction.atomic
def jobs_set_status(*, jobs: QuerySet[Job], status: str, by=None, reason: str = "") -> int:
    """Move jobs to ``status``; publishing dates them and gives them the default lifetime.

    A job leaving the board also loses its recruiter's pending edit: the recruiters app keeps
    that rule in a database trigger on the job's status, so no writer of jobs can forget it.

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


def job_count_view(*, job: Job) -> None:
    """One more view of the public page (one UPDATE; no read-modify-write race)."""
    Job.objects.filter(pk=job.pk).update(view_count=F("view_count") + 1)


def job_count_apply_click(*, job: Job) -> None:
    """One more click on the apply button."""
    Job.objects.filter(pk=job.pk).update(apply_click_count=F("apply_click_count") + 1)
