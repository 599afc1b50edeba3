"""Reads for the recruiter side; every one is scoped to the recruiter's own company."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from companies.models import Company
from listings.models import Job, Place
from listings.recruiters.models import JobRevision
from listings.selectors import places_matching

DASHBOARD_PAGE = 50


def recruiter_jobs(*, company: Company, q: str = "", status: str = "") -> QuerySet[Job]:
    """The company's postings, newest first, with whether an edit waits for review."""
    jobs = Job.objects.filter(company=company, created_by__isnull=False)
    if q:
        jobs = jobs.filter(title__icontains=q)
    if status:
        jobs = jobs.filter(status=status)
    pending_edit = JobRevision.objects.filter(job=OuterRef("pk"), status=JobRevision.Status.PENDING)
    return (
        jobs.annotate(has_pending_edit=Exists(pending_edit))
        .prefetch_related("places__parent")
        .order_by("-created_at", "-id")
    )


def job_for_recruiter(*, company: Company, pk: int) -> Job:
    """One of the company's own postings; any other job is a 404, so ids reveal nothing."""
    job = (
        Job.objects.select_related("company__industry", "company__rating_summary", "created_by")
        .prefetch_related("places__parent__parent")
        .filter(pk=pk, company=company)
        .first()
    )
    if job is None:
        raise Http404("No such job among your company's postings.")
    return job


def job_history(*, job: Job) -> list:
    """Status changes, newest first, with who made them."""
    return list(job.status_changes.select_related("by"))


def job_pending_revision(*, job: Job) -> JobRevision | None:
    return job.revisions.filter(status=JobRevision.Status.PENDING).first()


def job_last_rejection(*, job: Job) -> str:
    """The reason the recruiter should read, if the job or its edit was last rejected."""
    last = job.status_changes.first()
    if last and (last.to_status == Job.Status.REJECTED or last.reason.startswith("Edit rejected")):
        return last.reason
    return ""


def places_suggest(*, q: str, limit: int = 10) -> list[str]:
    """Place names for what was typed (``places_matching``), as "San Jose, CA"."""
    return [place.display_name for place in places_matching(q=q, limit=limit)]


def places_common(*, limit: int = 150) -> list[str]:
    """The biggest places, for the form's suggestion list when JavaScript is off."""
    places = Place.objects.select_related("parent").order_by("-population", "name")[:limit]
    return [place.display_name for place in places]
