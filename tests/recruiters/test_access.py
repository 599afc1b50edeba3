"""Who may open what: a matrix of recruiter views x roles.

Anonymous visitors are sent to log in; accounts that are not approved, verified recruiters of
a company get 403 with the next step; recruiters of another company get 404 for Acme's jobs,
so job ids reveal nothing. Staff use admin, not these pages, whatever their permissions.
"""

import pytest
from django.core import mail
from django.urls import reverse

from listings.models import Job
from listings.recruiters.models import Membership
from tests.factories import DraftJobFactory

pytestmark = pytest.mark.django_db

DENIED_ROLES = [
    "pending_member",
    "unverified_member",
    "no_company",
    "staff_without_permission",
    "staff_with_permission",
]


@pytest.fixture
def draft(acme, recruiter):
    return DraftJobFactory(company=acme, created_by=recruiter, title="Secret Robot Project")


def job_views(job):
    """(method, url) of every page about one job."""
    return [
        ("get", reverse("recruiters:job", args=[job.pk])),
        ("get", reverse("recruiters:job_edit", args=[job.pk])),
        ("post", reverse("recruiters:job_edit", args=[job.pk])),
        *(
            ("post", reverse("recruiters:job_action", args=[job.pk, action]))
            for action in ("submit", "close", "renew", "duplicate")
        ),
    ]


def as_role(client, roles, role):
    user = getattr(roles, role)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize("view", range(7))
@pytest.mark.parametrize("role", ["anonymous", "other_recruiter", *DENIED_ROLES, "recruiter"])
def test_job_pages_by_role(client, roles, recruiter, draft, view, role):
    method, url = job_views(draft)[view]
    if role == "recruiter":
        client.force_login(recruiter)
    else:
        as_role(client, roles, role)
    response = getattr(client, method)(url)
    expected = {
        "anonymous": 302,
        "other_recruiter": 404,
        "recruiter": 200 if method == "get" else (400 if "edit" in url else 302),
    }.get(role, 403)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if role != "recruiter":
        assert b"Secret Robot Project" not in response.content
        draft.refresh_from_db()
        assert draft.status == Job.Status.DRAFT
        assert Job.objects.count() == 1  # no duplicate was made


@pytest.mark.parametrize("role", ["anonymous", "other_recruiter", "recruiter", *DENIED_ROLES])
def test_public_page_of_a_draft_is_404_for_everyone(client, roles, recruiter, draft, role):
    as_role(client, roles, role) if role != "recruiter" else client.force_login(recruiter)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["other_recruiter", *DENIED_ROLES])
def test_dashboard_never_lists_another_companys_postings(client, roles, draft, role):
    as_role(client, roles, role)
    response = client.get(reverse("recruiters:start"))
    assert response.status_code == 200  # their own dashboard, or their next onboarding step
    assert b"Secret Robot Project" not in response.content


def test_recruiter_sees_own_dashboard(client, recruiter, draft):
    client.force_login(recruiter)
    response = client.get(reverse("recruiters:start"))
    assert b"Secret Robot Project" in response.content
    assert response.templates[0].name == "recruiters/dashboard.html"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("other_recruiter", 404), *((role, 403) for role in DENIED_ROLES)],
)
def test_only_colleagues_decide_on_a_request_to_join(client, roles, acme, role, expected):
    request = Membership.objects.get(user=roles.pending_member)
    as_role(client, roles, role)
    url = reverse("recruiters:member_decide", args=[request.pk])
    assert client.post(url, {"approve": "1"}).status_code == expected
    request.refresh_from_db()
    assert request.status == Membership.Status.PENDING


def test_colleague_approves_a_request_to_join(
    client, roles, recruiter, django_capture_on_commit_callbacks
):
    request = Membership.objects.get(user=roles.pending_member)
    client.force_login(recruiter)
    assert roles.pending_member.email.encode() in client.get(reverse("recruiters:members")).content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recruiters:member_decide", args=[request.pk]), {"approve": "1"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Membership.Status.APPROVED, recruiter)
    assert mail.outbox[-1].to == [roles.pending_member.email]
    assert mail.outbox[-1].subject == "You can now post jobs for Acme Robotics"


@pytest.mark.parametrize(
    "url_name", ["recruiters:job_new", "recruiters:members", "recruiters:places"]
)
@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 302), *((r, 403) for r in DENIED_ROLES)]
)
def test_other_recruiter_pages_need_an_approved_verified_member(
    client, roles, url_name, role, expected
):
    as_role(client, roles, role)
    assert client.get(reverse(url_name)).status_code == expected
