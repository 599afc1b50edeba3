"""Moderation in Django admin: the review queue, bulk decisions, merges, permissions."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from listings.models import Job
from listings.recruiters import services
from listings.recruiters.forms import JobPostForm
from listings.recruiters.models import JobRevision, Membership
from tests.companies.factories import UserFactory
from tests.factories import PendingJobFactory, PublishedJobFactory
from tests.recruiters.factories import MembershipFactory, posting_data

pytestmark = pytest.mark.django_db

QUEUE = "admin:recruiters_jobinreview_changelist"
JOBS = "admin:listings_job_changelist"


@pytest.fixture
def moderator_client(client, roles):
    client.force_login(roles.staff_with_permission)
    return client


def test_queue_lists_pending_jobs_and_pending_edits_oldest_first(
    moderator_client, acme, recruiter, places
):
    newer = PendingJobFactory(company=acme, created_by=recruiter, title="Newer")
    older = PendingJobFactory(company=acme, created_by=recruiter, title="Older")
    Job.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=2))
    edited = PublishedJobFactory(company=acme, created_by=recruiter, title="Edited")
    PublishedJobFactory(company=acme, title="Untouched")
    form = JobPostForm(posting_data(title="Edited again"))
    assert form.is_valid()
    services.job_edit(job=edited, by=recruiter, data=form.cleaned_data)
    JobRevision.objects.filter(job=edited).update(created_at=timezone.now() - timedelta(days=1))

    response = moderator_client.get(reverse(QUEUE))
    assert response.status_code == 200
    listed = [job.pk for job in response.context["cl"].result_list]
    assert listed == [older.pk, edited.pk, newer.pk]
    assert b"Edit of a published job" in response.content


def test_queue_drops_the_edit_of_a_job_the_recruiter_closed(moderator_client, acme, recruiter):
    job = PublishedJobFactory(company=acme, created_by=recruiter)
    form = JobPostForm(posting_data(title="Edited", places="", workplace_type="remote"))
    assert form.is_valid(), form.errors
    services.job_edit(job=job, by=recruiter, data=form.cleaned_data)
    services.job_close(job=job, by=recruiter)
    response = moderator_client.get(reverse(QUEUE))
    assert [queued.pk for queued in response.context["cl"].result_list] == []


def test_bulk_approve_publishes_and_mails(
    moderator_client, acme, recruiter, django_capture_on_commit_callbacks
):
    jobs = PendingJobFactory.create_batch(2, company=acme, created_by=recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse(QUEUE), {"action": "approve", ACTION_CHECKBOX_NAME: [j.pk for j in jobs]}
        )
    assert response.status_code == 302
    assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.PUBLISHED}
    assert len(mail.outbox) == 2


def test_bulk_reject_asks_for_a_reason_then_records_it(
    moderator_client, acme, recruiter, roles, django_capture_on_commit_callbacks
):
    job = PendingJobFactory(company=acme, created_by=recruiter)
    form = moderator_client.post(
        reverse(JOBS), {"action": "reject", ACTION_CHECKBOX_NAME: [job.pk]}
    )
    assert form.status_code == 200
    assert b"Reason the recruiter will read" in form.content
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reverse(JOBS),
            {"action": "reject", ACTION_CHECKBOX_NAME: [job.pk], "reason": "Add the pay period"},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.REJECTED
    change = job.status_changes.first()
    assert (change.reason, change.by) == ("Add the pay period", roles.staff_with_permission)
    assert "Add the pay period" in mail.outbox[-1].body


def test_change_page_shows_history_and_pending_edit_inline(moderator_client, acme, recruiter):
    job = PendingJobFactory(company=acme, created_by=recruiter)
    services.job_record_status(job=job, from_status="draft", by=recruiter, reason="Submitted")
    JobRevision.objects.create(job=job, fields={"title": "New title"}, created_by=recruiter)
    response = moderator_client.get(reverse("admin:listings_job_change", args=[job.pk]))
    assert response.status_code == 200
    assert b"status history" in response.content.lower()
    assert b"New title" in response.content


def test_merge_duplicates_keeps_the_oldest_posting(moderator_client, acme, places):
    old = PublishedJobFactory(company=acme, title="Nurse", posted_at=timezone.now() - timedelta(5))
    copy = PublishedJobFactory(company=acme, title="Nurse RN", places=[places.austin])
    moderator_client.post(
        reverse(JOBS), {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [old.pk, copy.pk]}
    )
    copy.refresh_from_db()
    old.refresh_from_db()
    assert (copy.duplicate_of_id, old.duplicate_of_id) == (old.pk, None)
    assert list(Job.objects.searchable().values_list("pk", flat=True)) == [old.pk]


def test_staff_without_the_moderate_permission_cannot_moderate(client, acme):
    editor = UserFactory(username="editor@example.com", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="change_job"), Permission.objects.get(codename="view_job")
    )
    client.force_login(editor)
    job = PendingJobFactory(company=acme)
    response = client.get(reverse(JOBS))
    action_form = response.context["action_form"]
    actions = [value for value, _ in action_form.fields["action"].choices] if action_form else []
    assert not {"approve", "reject", "publish", "merge_duplicates"} & set(actions)
    client.post(reverse(JOBS), {"action": "approve", ACTION_CHECKBOX_NAME: [job.pk]})
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert client.get(reverse(QUEUE)).status_code == 403


def test_admin_approves_a_request_to_join(admin_client, acme):
    request = MembershipFactory(company=acme, status=Membership.Status.PENDING)
    admin_client.post(
        reverse("admin:recruiters_membership_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [request.pk]},
    )
    request.refresh_from_db()
    assert request.status == Membership.Status.APPROVED


def test_queue_pages_keep_the_longest_waiting_first(moderator_client, acme):
    jobs = PendingJobFactory.create_batch(52, company=acme)
    for age, job in enumerate(jobs):  # jobs[0] has waited longest
        Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=99 - age))
    pages = [moderator_client.get(reverse(QUEUE), {"p": page}).context["cl"] for page in (1, 2)]
    assert pages[0].result_count == 52 and not pages[0].paginator.estimated
    listed = [job.pk for cl in pages for job in cl.result_list]
    assert listed == [job.pk for job in jobs]


def test_queue_query_count_is_bounded(moderator_client, acme, django_assert_max_num_queries):
    PendingJobFactory.create_batch(15, company=acme)
    with django_assert_max_num_queries(12):
        assert moderator_client.get(reverse(QUEUE)).status_code == 200


def test_status_changed_on_the_change_form_is_recorded_and_dated(admin_client, acme, admin_user):
    job = PendingJobFactory(company=acme)
    page = admin_client.get(reverse("admin:listings_job_change", args=[job.pk]))
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "company": acme.pk,
            "status": Job.Status.PUBLISHED,
            "description_html": job.description_html,
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        }
    )
    for name in ("posted_at", "expires_at"):
        data.pop(name, None)
    response = admin_client.post(reverse("admin:listings_job_change", args=[job.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = job.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == (
        Job.Status.PENDING,
        Job.Status.PUBLISHED,
        admin_user,
    )
    job.refresh_from_db()
    # Through the same service as the bulk actions: published means dated.
    assert job.posted_at is not None and job.expires_at > job.posted_at


def test_job_added_in_admin_as_published_is_dated_and_recorded(admin_client, acme, admin_user):
    response = admin_client.post(
        reverse("admin:listings_job_add"),
        {
            "title": "Welder",
            "company": acme.pk,
            "workplace_type": Job.WorkplaceType.ON_SITE,
            "employment_type": Job.EmploymentType.FULL_TIME,
            "status": Job.Status.PUBLISHED,
            "pay_currency": "USD",
            "description_html": "<p>Weld things.</p>",
            "apply_url": "https://acme.example/apply",
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    job = Job.objects.get(title="Welder")
    assert job.status == Job.Status.PUBLISHED
    assert job.posted_at is not None and job.expires_at > job.posted_at
    assert [(c.from_status, c.to_status) for c in job.status_changes.order_by("at", "pk")] == [
        ("", Job.Status.DRAFT),
        (Job.Status.DRAFT, Job.Status.PUBLISHED),
    ]
