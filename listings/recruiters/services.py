"""The posting workflow: draft -> pending -> published or rejected -> expired or closed.

Every transition checks the job's current status, records who made it and why, and mails the
recruiter after the transaction commits. Edits of a published job become a ``JobRevision``
that an admin approves while the published version stays live.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from companies.models import Company
from listings.emails import email_send
from listings.links import site_url
from listings.models import Job, JobStatusChange, Place
from listings.recruiters.models import JobRevision
from listings.services import job_record_status, job_refresh_places, jobs_set_status
from salaries.services import job_assign_occupation

S = Job.Status
# The fields a recruiter's form writes; anything else (status, dates, counts) is the workflow's.
POSTING_FIELDS = [
    "title",
    "workplace_type",
    "employment_type",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "description_markdown",
    "description_html",
    "apply_url",
    "apply_email",
    "expires_at",
]
RENEW_WINDOW = timedelta(days=7)  # a published job this close to expiry may be renewed


@dataclass(frozen=True)
class JobActions:
    """What a recruiter may do with a job now: pages offer these, services refuse the rest."""

    submit: bool
    edit: bool
    renew: bool
    close: bool


def job_actions(*, job: Job, now: datetime | None = None) -> JobActions:
    """The one place that decides which workflow actions ``job``'s status (and expiry) allow."""
    now = now or timezone.now()
    expiring = job.expires_at is None or job.expires_at <= now + RENEW_WINDOW
    return JobActions(
        submit=job.status in (S.DRAFT, S.REJECTED),
        # Expired and closed jobs are history: they are duplicated, not edited.
        edit=job.status in (S.DRAFT, S.PENDING, S.REJECTED, S.PUBLISHED),
        renew=job.status == S.EXPIRED or (job.status == S.PUBLISHED and expiring),
        close=job.status in (S.PUBLISHED, S.EXPIRED),
    )


class TransitionNotAllowed(Exception):
    """The job's status does not allow this action; the message says why."""


class PostingLimitReached(Exception):
    """The account posted its daily number of jobs."""


def _email_recruiter(job: Job, event: str, **context) -> None:
    if job.created_by_id is None or not job.created_by.email:
        return
    link = site_url(reverse("recruiters:job", args=[job.pk]))
    transaction.on_commit(
        partial(
            email_send,
            event=event,
            to=job.created_by.email,
            context={"job": job, "link": link, **context},
        )
    )


def job_posting_limit_check(*, by) -> None:
    """Raise ``PostingLimitReached`` if the account started its daily number of postings."""
    since = timezone.now() - timedelta(days=1)
    if (
        Job.objects.filter(created_by=by, created_at__gte=since).count()
        >= settings.JOB_POSTS_PER_DAY
    ):
        raise PostingLimitReached(
            f"You can start {settings.JOB_POSTS_PER_DAY} postings a day. "
            "Edit an existing draft, or try again tomorrow."
        )


def _apply_fields(job: Job, data: dict) -> None:
    for name in POSTING_FIELDS:
        if name in data:
            setattr(job, name, data[name])


def _after_write(job: Job, places: list[Place]) -> None:
    job.places.set(places)
    job_refresh_places(job=job)
    job_assign_occupation(job=job)


@transaction.atomic
def job_draft_create(*, company: Company, by, data: dict) -> Job:
    """A new draft for ``company`` from the posting form's cleaned data."""
    job_posting_limit_check(by=by)
    job = Job(company=company, created_by=by, status=S.DRAFT)
    _apply_fields(job, data)
    job.save()
    job_record_status(job=job, from_status="", by=by, reason="Created")
    _after_write(job, data["places"])
    return job


@transaction.atomic
def job_edit(*, job: Job, by, data: dict) -> Job | JobRevision:
    """Save an edit: in place for drafts, pending and rejected jobs, as a revision if published."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job_actions(job=job).edit:
        raise TransitionNotAllowed(
            f"A {job.get_status_display().lower()} job cannot be edited; duplicate it instead."
        )
    if job.status == S.PUBLISHED:
        revision, _ = JobRevision.objects.update_or_create(
            job=job,
            status=JobRevision.Status.PENDING,
            defaults={"fields": revision_fields(data), "created_by": by},
        )
        return revision
    _apply_fields(job, data)
    job.save()
    _after_write(job, data["places"])
    return job


def revision_fields(data: dict) -> dict:
    """The form's cleaned data as JSON: decimals and dates as strings, places as ids."""
    fields = {}
    for name in POSTING_FIELDS:
        value = data.get(name)
        if isinstance(value, Decimal | datetime):
            value = value.isoformat() if isinstance(value, datetime) else str(value)
        fields[name] = value
    fields["place_ids"] = [place.pk for place in data["places"]]
    return fields


def revision_data(fields: dict) -> dict:
    """The inverse of ``revision_fields``: what ``_apply_fields`` and places need."""
    data = dict(fields)
    for name in ("pay_min", "pay_max"):
        data[name] = Decimal(data[name]) if data.get(name) is not None else None
    data["expires_at"] = parse_datetime(data["expires_at"]) if data.get("expires_at") else None
    data["places"] = list(Place.objects.filter(pk__in=data.pop("place_ids", [])))
    return data


@transaction.atomic
def job_submit(*, job: Job, by) -> Job:
    """Send a draft (or a rejected job, after fixing it) to review."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job_actions(job=job).submit:
        raise TransitionNotAllowed("Only drafts and rejected jobs can be submitted for review.")
    before, job.status = job.status, S.PENDING
    job.save(update_fields=["status", "updated_at"])
    job_record_status(job=job, from_status=before, by=by, reason="Submitted for review")
    _email_recruiter(job, "job_submitted")
    return job


@transaction.atomic
def job_approve(*, job: Job, by) -> Job:
    """Publish a pending job, or apply a published job's pending edit."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    revision = job.revisions.filter(status=JobRevision.Status.PENDING).first()
    if job.status == S.PENDING:
        if job.expires_at is not None and job.expires_at <= timezone.now():
            job.expires_at = None  # the chosen date passed in review: give the default lifetime
            job.save(update_fields=["expires_at"])
        jobs_set_status(jobs=Job.objects.filter(pk=job.pk), status=S.PUBLISHED, by=by)
        job.refresh_from_db()
    elif job.status == S.PUBLISHED and revision is not None:
        data = revision_data(revision.fields)
        if data["expires_at"] is None or data["expires_at"] <= timezone.now():
            # A live job always keeps an end date: no date (or a past one) keeps the current.
            del data["expires_at"]
        _apply_fields(job, data)
        job.save()
        _after_write(job, data["places"])
        revision.status, revision.decided_at = JobRevision.Status.APPLIED, timezone.now()
        revision.save(update_fields=["status", "decided_at"])
        JobStatusChange.objects.create(
            job=job, from_status=S.PUBLISHED, to_status=S.PUBLISHED, by=by, reason="Edit approved"
        )
    else:
        raise TransitionNotAllowed("Only pending jobs and pending edits can be approved.")
    _email_recruiter(job, "job_approved", edit=revision is not None and job.status == S.PUBLISHED)
    return job


@transaction.atomic
def job_reject(*, job: Job, by, reason: str) -> Job:
    """Reject a pending job (or a published job's pending edit) with a reason the recruiter sees."""
    reason = reason.strip()
    if not reason:
        raise TransitionNotAllowed("Give the recruiter a reason for the rejection.")
    job = Job.objects.select_for_update().get(pk=job.pk)
    revision = job.revisions.filter(status=JobRevision.Status.PENDING).first()
    if job.status == S.PENDING:
        job.status = S.REJECTED
        job.save(update_fields=["status", "updated_at"])
        job_record_status(job=job, from_status=S.PENDING, by=by, reason=reason)
    elif job.status == S.PUBLISHED and revision is not None:
        revision.status, revision.reason = JobRevision.Status.REJECTED, reason
        revision.decided_at = timezone.now()
        revision.save(update_fields=["status", "reason", "decided_at"])
        JobStatusChange.objects.create(
            job=job,
            from_status=S.PUBLISHED,
            to_status=S.PUBLISHED,
            by=by,
            reason=f"Edit rejected: {reason}",
        )
    else:
        raise TransitionNotAllowed("Only pending jobs and pending edits can be rejected.")
    _email_recruiter(job, "job_rejected", reason=reason, edit=job.status == S.PUBLISHED)
    return job


@transaction.atomic
def job_close(*, job: Job, by) -> Job:
    """The recruiter stops taking applications; the page stays readable and says so."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job_actions(job=job).close:
        raise TransitionNotAllowed("Only published or expired jobs can be closed.")
    jobs_set_status(jobs=Job.objects.filter(pk=job.pk), status=S.CLOSED, by=by, reason="Closed")
    job.refresh_from_db()
    return job


@transaction.atomic
def job_renew(*, job: Job, by) -> Job:
    """Give an expired or soon-expiring job another full lifetime from today."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    now = timezone.now()
    if not job_actions(job=job, now=now).renew:
        raise TransitionNotAllowed(
            f"Only expired jobs, or jobs expiring within {RENEW_WINDOW.days} days, can be renewed."
        )
    before = job.status
    job.status = S.PUBLISHED
    job.expires_at = now + timedelta(days=settings.JOB_DEFAULT_LIFETIME_DAYS)
    job.expiry_warned_at = None
    job.save(update_fields=["status", "expires_at", "expiry_warned_at", "updated_at"])
    job_record_status(job=job, from_status=before, by=by, reason="Renewed")
    return job


@transaction.atomic
def job_duplicate(*, job: Job, by) -> Job:
    """A new draft with this job's content, for posting the same role again."""
    job_posting_limit_check(by=by)
    copy = Job(company=job.company, created_by=by, status=S.DRAFT)
    for name in POSTING_FIELDS:
        setattr(copy, name, getattr(job, name))
    copy.expires_at = None
    copy.save()
    job_record_status(job=copy, from_status="", by=by, reason=f"Duplicated from job {job.pk}")
    _after_write(copy, list(job.places.all()))
    return copy


def jobs_warn_expiring(*, within: timedelta = timedelta(days=3)) -> int:
    """Mail each recruiter whose published job expires within ``within``, once per lifetime."""
    now = timezone.now()
    due = (
        Job.objects.published()
        .filter(expires_at__lte=now + within, expiry_warned_at__isnull=True)
        .exclude(created_by=None)
        .select_related("created_by")
    )
    sent = 0
    for job in due:
        with transaction.atomic():
            # Claim the row first, so two workers never send the same warning twice.
            claimed = Job.objects.filter(pk=job.pk, expiry_warned_at__isnull=True).update(
                expiry_warned_at=now
            )
            if claimed:
                _email_recruiter(job, "job_expiring")
                sent += 1
    return sent
