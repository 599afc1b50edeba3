"""The posting workflow: each transition, each forbidden one, history and emails."""

from datetime import timedelta
from functools import partial

import pytest
from django.core import mail
from django.utils import timezone

from listings.models import Job, JobStatusChange
from listings.recruiters import services
from listings.recruiters.forms import JobPostForm
from listings.recruiters.models import JobRevision
from listings.recruiters.tasks import warn_jobs_expiring
from listings.tasks import expire_past_due_jobs
from tests.factories import PastExpiryJobFactory, PublishedJobFactory
from tests.recruiters.factories import posting_data

pytestmark = pytest.mark.django_db

S = Job.Status


def cleaned(**overrides) -> dict:
    form = JobPostForm(posting_data(**overrides))
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.fixture
def draft(recruiter, acme, places):
    return services.job_draft_create(company=acme, by=recruiter, data=cleaned())


@pytest.fixture
def moderator(roles):
    return roles.staff_with_permission


def test_draft_is_written_with_places_sanitised_description_and_history(draft, places):
    assert draft.status == S.DRAFT
    assert list(draft.places.all()) == [places.san_jose]
    assert places.california.pk in draft.place_ids
    assert "<h2>About the role</h2>" in draft.description_html
    assert "<strong>robots</strong>" in draft.description_html
    assert draft.annual_pay_max == 180000
    assert [(c.from_status, c.to_status) for c in draft.status_changes.all()] == [("", S.DRAFT)]


def test_submit_approve_publishes_dates_and_emails_the_recruiter(
    draft, recruiter, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.job_submit(job=draft, by=recruiter)
    assert Job.objects.get(pk=draft.pk).status == S.PENDING
    assert mail.outbox[-1].subject == 'Your job "Robotics Engineer" is waiting for review'
    assert mail.outbox[-1].to == [recruiter.email]

    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_approve(job=draft, by=moderator)
    assert job.status == S.PUBLISHED
    assert job.posted_at is not None
    assert job.expires_at > timezone.now() + timedelta(days=29)
    assert Job.objects.published().filter(pk=job.pk).exists()
    assert mail.outbox[-1].subject == 'Your job "Robotics Engineer" is live'
    history = [(c.from_status, c.to_status, c.by) for c in job.status_changes.order_by("at", "id")]
    assert history == [
        ("", S.DRAFT, recruiter),
        (S.DRAFT, S.PENDING, recruiter),
        (S.PENDING, S.PUBLISHED, moderator),
    ]


def test_reject_needs_a_reason_and_the_recruiter_reads_it(
    draft, recruiter, moderator, django_capture_on_commit_callbacks
):
    services.job_submit(job=draft, by=recruiter)
    with pytest.raises(services.TransitionNotAllowed):
        services.job_reject(job=draft, by=moderator, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_reject(job=draft, by=moderator, reason="Pay range is missing a period")
    assert job.status == S.REJECTED
    assert "Pay range is missing a period" in mail.outbox[-1].body
    assert job.status_changes.first().reason == "Pay range is missing a period"
    # Fixed and submitted again.
    assert services.job_submit(job=job, by=recruiter).status == S.PENDING


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "approve"),
        (S.DRAFT, "close"),
        (S.DRAFT, "renew"),
        (S.PENDING, "submit"),
        (S.PUBLISHED, "submit"),
        (S.PUBLISHED, "approve"),  # nothing pending
        (S.CLOSED, "submit"),
        (S.CLOSED, "renew"),
        (S.CLOSED, "close"),
        (S.EXPIRED, "approve"),
        (S.REJECTED, "approve"),
        (S.REJECTED, "close"),
    ],
)
def test_forbidden_transitions_are_refused_and_change_nothing(
    status, action, recruiter, moderator, acme
):
    job = PublishedJobFactory(company=acme, status=status, created_by=recruiter)
    service = {
        "submit": services.job_submit,
        "approve": services.job_approve,
        "close": services.job_close,
        "renew": services.job_renew,
    }[action]
    with pytest.raises(services.TransitionNotAllowed):
        service(job=job, by=moderator if action == "approve" else recruiter)
    assert Job.objects.get(pk=job.pk).status == status
    assert not JobStatusChange.objects.filter(job=job).exists()


@pytest.mark.parametrize("days_left", [2, 28])
@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", ["submit", "edit", "renew", "close"])
def test_an_action_is_offered_exactly_when_its_service_accepts_it(
    action, status, days_left, recruiter, acme, places
):
    job = PublishedJobFactory(
        company=acme,
        status=status,
        created_by=recruiter,
        expires_at=timezone.now() + timedelta(days=days_left),
    )
    offered = getattr(services.job_actions(job=job), action)
    service = {
        "submit": services.job_submit,
        "edit": partial(services.job_edit, data=cleaned(title="Changed")),
        "renew": services.job_renew,
        "close": services.job_close,
    }[action]
    try:
        service(job=job, by=recruiter)
    except services.TransitionNotAllowed:
        accepted = False
    else:
        accepted = True
    assert offered == accepted


def test_expired_and_closed_jobs_cannot_be_edited(recruiter, acme, places):
    for status in (S.EXPIRED, S.CLOSED):
        job = PublishedJobFactory(company=acme, status=status, created_by=recruiter)
        with pytest.raises(services.TransitionNotAllowed):
            services.job_edit(job=job, by=recruiter, data=cleaned(title="Changed"))
        assert Job.objects.get(pk=job.pk).title == "Software Engineer"


def test_edit_of_a_published_job_waits_for_review_while_the_old_version_stays_live(
    recruiter, moderator, acme, places
):
    job = PublishedJobFactory(company=acme, created_by=recruiter, title="Robot Tester")
    revision = services.job_edit(
        job=job, by=recruiter, data=cleaned(title="Senior Robot Tester", places="Austin, TX")
    )
    assert isinstance(revision, JobRevision)
    live = Job.objects.published().get(pk=job.pk)
    assert live.title == "Robot Tester"
    # A second edit replaces the pending one rather than queueing two.
    services.job_edit(job=job, by=recruiter, data=cleaned(title="Lead Robot Tester"))
    assert job.revisions.filter(status=JobRevision.Status.PENDING).count() == 1

    approved = services.job_approve(job=job, by=moderator)
    assert approved.status == S.PUBLISHED
    assert approved.title == "Lead Robot Tester"
    assert places.san_jose in approved.places.all()
    assert job.revisions.get().status == JobRevision.Status.APPLIED


def test_rejected_edit_leaves_the_published_job_as_it_was(recruiter, moderator, acme, places):
    job = PublishedJobFactory(company=acme, created_by=recruiter, title="Robot Tester")
    services.job_edit(job=job, by=recruiter, data=cleaned(title="Robot Tester!!!"))
    services.job_reject(job=job, by=moderator, reason="Keep the title plain")
    job.refresh_from_db()
    assert (job.status, job.title) == (S.PUBLISHED, "Robot Tester")
    assert job.revisions.get().status == JobRevision.Status.REJECTED


def test_close_renew_and_duplicate(recruiter, acme, places):
    soon = PublishedJobFactory(
        company=acme, created_by=recruiter, expires_at=timezone.now() + timedelta(days=2)
    )
    later = PublishedJobFactory(company=acme, created_by=recruiter)
    with pytest.raises(services.TransitionNotAllowed):
        services.job_renew(job=later, by=recruiter)  # 28 days left: nothing to renew
    renewed = services.job_renew(job=soon, by=recruiter)
    assert renewed.expires_at > timezone.now() + timedelta(days=29)

    closed = services.job_close(job=later, by=recruiter)
    assert closed.status == S.CLOSED
    assert not Job.objects.published().filter(pk=later.pk).exists()

    copy = services.job_duplicate(job=closed, by=recruiter)
    assert (copy.status, copy.title, copy.company) == (S.DRAFT, closed.title, acme)
    assert copy.pk != closed.pk


def test_an_expired_job_is_renewed_back_into_search(recruiter, acme):
    job = PublishedJobFactory(company=acme, created_by=recruiter, status=S.EXPIRED)
    services.job_renew(job=job, by=recruiter)
    assert Job.objects.searchable().filter(pk=job.pk).exists()


def test_daily_posting_limit(recruiter, acme, places, settings):
    settings.JOB_POSTS_PER_DAY = 2
    for _ in range(2):
        services.job_draft_create(company=acme, by=recruiter, data=cleaned())
    with pytest.raises(services.PostingLimitReached):
        services.job_draft_create(company=acme, by=recruiter, data=cleaned())
    assert Job.objects.filter(created_by=recruiter).count() == 2


def test_daily_expiry_records_history(acme):
    job = PastExpiryJobFactory(company=acme)
    assert expire_past_due_jobs() == 1
    change = JobStatusChange.objects.get(job=job)
    assert (change.from_status, change.to_status, change.by) == (S.PUBLISHED, S.EXPIRED, None)
    assert change.reason == "Past its expiry date"


def test_expiring_in_3_days_email_goes_once_per_job(
    recruiter, acme, django_capture_on_commit_callbacks
):
    soon = PublishedJobFactory(
        company=acme, created_by=recruiter, expires_at=timezone.now() + timedelta(days=2)
    )
    PublishedJobFactory(company=acme, created_by=recruiter)  # 28 days left
    PublishedJobFactory(company=acme, expires_at=timezone.now() + timedelta(days=1))  # ingested
    with django_capture_on_commit_callbacks(execute=True):
        assert warn_jobs_expiring() == 1
    assert mail.outbox[-1].subject == f'Your job "{soon.title}" expires in 3 days'
    with django_capture_on_commit_callbacks(execute=True):
        assert warn_jobs_expiring() == 0
    assert len(mail.outbox) == 1


def test_approved_edit_without_an_expiry_keeps_the_current_one(recruiter, moderator, acme, places):
    job = PublishedJobFactory(company=acme, created_by=recruiter)
    ends = job.expires_at
    services.job_edit(job=job, by=recruiter, data=cleaned(title="Renamed", expires_on=""))
    approved = services.job_approve(job=job, by=moderator)
    assert (approved.title, approved.expires_at) == ("Renamed", ends)


def test_closing_a_job_resolves_its_pending_edit(recruiter, moderator, acme, places):
    job = PublishedJobFactory(company=acme, created_by=recruiter, title="Robot Tester")
    services.job_edit(job=job, by=recruiter, data=cleaned(title="Senior Robot Tester"))
    services.job_close(job=job, by=recruiter)
    revision = job.revisions.get()
    assert revision.status == JobRevision.Status.WITHDRAWN
    assert revision.decided_at is not None
    job.refresh_from_db()
    assert (job.status, job.title) == (S.CLOSED, "Robot Tester")


def test_an_edit_waiting_when_the_job_expires_is_withdrawn(recruiter, acme, places):
    job = PastExpiryJobFactory(company=acme, created_by=recruiter)
    services.job_edit(job=job, by=recruiter, data=cleaned(title="Senior Robot Tester"))
    expire_past_due_jobs()
    assert job.revisions.get().status == JobRevision.Status.WITHDRAWN
