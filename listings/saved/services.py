"""Writes: saving and unsaving a job, and merging a visitor's session into their account."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase

from listings.models import Job
from listings.saved.models import SavedJob

# Where a visitor without an account keeps saved job ids: a list, newest saved first.
SESSION_KEY = "saved_job_ids"
# A session is a cookie-keyed row read on every request, so its list stays small; an account
# keeps more, still few enough that the header's id set is one small query.
SESSION_LIMIT = 200
ACCOUNT_LIMIT = 1000


class SavedJobsFull(Exception):
    """The visitor already keeps as many saved jobs as they may; the message says what to do."""


def session_saved_ids(session: SessionBase) -> list[int]:
    """The job ids a session keeps, newest saved first; anything unreadable is dropped."""
    return [pk for pk in session.get(SESSION_KEY, []) if isinstance(pk, int)]


def saved_job_save(
    *, job: Job, user: AbstractBaseUser | AnonymousUser, session: SessionBase
) -> None:
    """Save the job for the visitor (saving it again changes nothing); raises SavedJobsFull."""
    if user.is_authenticated:
        if SavedJob.objects.filter(user=user, job=job).exists():
            return
        if SavedJob.objects.filter(user=user).count() >= ACCOUNT_LIMIT:
            raise SavedJobsFull(
                f"You already have {ACCOUNT_LIMIT:,} saved jobs. Unsave some to save more."
            )
        SavedJob.objects.get_or_create(user=user, job=job)
        return
    ids = session_saved_ids(session)
    if job.pk in ids:
        return
    if len(ids) >= SESSION_LIMIT:
        raise SavedJobsFull(
            f"You can keep {SESSION_LIMIT} saved jobs without an account. "
            "Log in or sign up to save more, or unsave some."
        )
    session[SESSION_KEY] = [job.pk, *ids]


def saved_job_unsave(
    *, job: Job, user: AbstractBaseUser | AnonymousUser, session: SessionBase
) -> None:
    """Take the job off the visitor's saved jobs (if it was not there, nothing changes)."""
    if user.is_authenticated:
        SavedJob.objects.filter(user=user, job=job).delete()
        return
    ids = session_saved_ids(session)
    if job.pk in ids:
        session[SESSION_KEY] = [pk for pk in ids if pk != job.pk]


def saved_jobs_merge(*, user: AbstractBaseUser, session: SessionBase) -> None:
    """Move the session's saved jobs into the account, each once, and empty the session's list.

    They count as saved now, in the session's order (its newest stays newest), and jobs the
    account already saved keep their date. Jobs deleted since are skipped. The account limit
    does not apply: a log-in never loses what the visitor saved.
    """
    ids = session_saved_ids(session)
    if not ids:
        return
    existing = set(Job.objects.filter(pk__in=ids).values_list("pk", flat=True))
    # Oldest first, so the ids (the tie-break of one saved_at) keep the session's order.
    rows = [SavedJob(user=user, job_id=pk) for pk in reversed(ids) if pk in existing]
    # The unique (user, job) constraint drops what the account already has, even when two
    # log-ins of one visitor race.
    SavedJob.objects.bulk_create(rows, ignore_conflicts=True)
    del session[SESSION_KEY]
