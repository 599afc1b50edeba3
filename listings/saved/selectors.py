"""Reads: which jobs the current visitor saved, and the Saved jobs page."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.paginator import Page, Paginator

from listings.models import Job
from listings.saved.models import SavedJob
from listings.saved.services import session_saved_ids
from listings.selectors import EVER_PUBLIC

SAVED_JOBS_PER_PAGE = 20


def saved_job_ids(*, user: AbstractBaseUser | AnonymousUser, session: SessionBase) -> frozenset:
    """Ids of the jobs the visitor saved: one query for an account, none for a session."""
    if user.is_authenticated:
        return frozenset(SavedJob.objects.filter(user=user).values_list("job_id", flat=True))
    return frozenset(session_saved_ids(session))


def saved_job_target(*, pk: int) -> Job:
    """The job a save or unsave asks for, if the public may see it; raises Job.DoesNotExist."""
    return Job.objects.filter(status__in=EVER_PUBLIC).get(pk=pk)


def saved_jobs_page(
    *, user: AbstractBaseUser | AnonymousUser, session: SessionBase, page_number: int
) -> Page:
    """One page of the visitor's saved jobs, newest saved first, loaded for cards.

    Closed and expired jobs stay (the page marks them); never-public ones are left out. An
    account costs a count, a page of ids and the cards' queries; a session the same without
    the count. Raises ``EmptyPage`` past the last page.
    """
    if user.is_authenticated:
        ids = (
            SavedJob.objects.filter(user=user, job__status__in=EVER_PUBLIC)
            .order_by("-saved_at", "-id")
            .values_list("job_id", flat=True)
        )
    else:
        wanted = session_saved_ids(session)
        public = (
            set(
                Job.objects.filter(pk__in=wanted, status__in=EVER_PUBLIC).values_list(
                    "pk", flat=True
                )
            )
            if wanted
            else set()
        )
        ids = [pk for pk in wanted if pk in public]
    page = Paginator(ids, SAVED_JOBS_PER_PAGE).page(page_number)
    jobs = Job.objects.filter(pk__in=list(page.object_list)).for_cards().in_bulk()
    page.object_list = [jobs[pk] for pk in page.object_list if pk in jobs]
    return page
