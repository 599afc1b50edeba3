"""The recruiter pages through Django's test client: sign-up to submitted posting."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from listings.models import Job
from listings.recruiters.accounts import email_is_verified, email_verification_send
from listings.recruiters.models import JobRevision, Membership
from tests.companies.factories import UserFactory
from tests.factories import DraftJobFactory, PublishedJobFactory
from tests.recruiters.factories import MembershipFactory, VerifiedEmailFactory, posting_data

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase"


def test_sign_up_mails_a_link_that_verifies_the_address_after_log_in(client):
    response = client.post(
        reverse("signup"),
        {"email": "Pat@Acme.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["pat@acme.example"]
    link = urlsplit(re.search(r"http\S+/accounts/verify/\S+/", message.body).group(0)).path
    response = client.get(link)
    assert response["Location"].startswith(reverse("login"))
    response = client.post(
        response["Location"], {"username": "pat@acme.example", "password": PASSWORD}
    )
    assert response["Location"] == link
    assert client.get(link).status_code == 302
    assert email_is_verified(user=get_user_model().objects.get(email="pat@acme.example"))


def test_verification_link_is_refused_when_tampered_or_for_another_account(client):
    owner = UserFactory(username="owner@example.com")
    other = UserFactory(username="other@example.com")
    link = email_verification_send(user=owner)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    client.force_login(other)
    response = client.get(reverse("verify_email", args=[token]))
    assert response.status_code == 400
    assert b"sent to another account" in response.content
    response = client.get(reverse("verify_email", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert not email_is_verified(user=other)


def verified_user(email="new@example.com"):
    return VerifiedEmailFactory(user=UserFactory(username=email)).user


def test_create_a_company_then_post_preview_and_submit(
    client, places, django_capture_on_commit_callbacks
):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("recruiters:company"),
        {"intent": "create", "name": "Acme Robotics", "website": "acme.example"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.is_approved
    assert membership.company.website == "https://acme.example"

    response = client.post(reverse("recruiters:job_new"), posting_data())
    job = Job.objects.get(created_by=user)
    assert response["Location"] == reverse("recruiters:job", args=[job.pk])
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "<h2>About the role</h2>" in content
    assert "$140.00K - $180.00K/yr" in content
    assert "Submit for review" in content
    assert 'name="robots" content="noindex"' in content  # never JSON-LD for a preview

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruiters:job_action", args=[job.pk, "submit"]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert "waiting for review" in mail.outbox[-1].subject


def test_join_an_existing_company_waits_for_a_colleague(client, acme, recruiter):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("recruiters:company"), {"intent": "join", "company": "acme robotics"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert (membership.company, membership.status) == (acme, Membership.Status.PENDING)
    assert mail.outbox[-1].to == [recruiter.email]
    assert b"Waiting for approval" in client.get(reverse("recruiters:start")).content


def test_company_forms_say_what_is_wrong(client, acme):
    client.force_login(verified_user())
    response = client.post(reverse("recruiters:company"), {"intent": "join", "company": "Nope Inc"})
    assert response.status_code == 400
    assert b"No company has this name" in response.content
    response = client.post(
        reverse("recruiters:company"), {"intent": "create", "name": "ACME robotics"}
    )
    assert response.status_code == 400
    assert b"ask to join it instead" in response.content


def test_company_step_needs_a_verified_email(client):
    client.force_login(UserFactory(username="unverified@example.com"))
    response = client.post(reverse("recruiters:company"), {"intent": "create", "name": "Shady"})
    assert response.status_code == 403
    assert not Company.objects.filter(name="Shady").exists()


def test_invalid_posting_is_a_400_with_messages_and_keeps_the_input(client, recruiter, places):
    client.force_login(recruiter)
    response = client.post(
        reverse("recruiters:job_new"),
        posting_data(pay_min="200000", pay_max="100000", apply_url="javascript:alert(1)"),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "The highest pay must be at least the lowest." in content
    assert "http:// or https://" in content
    assert "Robotics Engineer" in content
    assert not Job.objects.exists()


def test_honeypot_refuses_bots(client, recruiter, places):
    client.force_login(recruiter)
    response = client.post(reverse("recruiters:job_new"), posting_data(website="buy now"))
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_daily_limit_is_a_429_with_a_message(client, recruiter, places, settings):
    settings.JOB_POSTS_PER_DAY = 1
    client.force_login(recruiter)
    assert client.post(reverse("recruiters:job_new"), posting_data()).status_code == 302
    response = client.post(reverse("recruiters:job_new"), posting_data())
    assert response.status_code == 429
    assert b"postings a day" in response.content
    assert Job.objects.count() == 1


def test_over_limit_recruiter_gets_429_before_the_form_is_cleaned(
    client, recruiter, places, settings
):
    settings.JOB_POSTS_PER_DAY = 0
    client.force_login(recruiter)
    # Cleaning would refuse this description (and render its Markdown); the limit comes first.
    data = posting_data(title="Night Porter", description_markdown="<script>x</script>")
    response = client.post(reverse("recruiters:job_new"), data)
    assert response.status_code == 429
    content = response.content.decode()
    assert "postings a day" in content
    assert "empty once unsafe markup is removed" not in content
    assert 'value="Night Porter"' in content  # what was typed is kept
    assert not Job.objects.exists()


@pytest.mark.parametrize("url_name", ["recruiters:job_new", "recruiters:company"])
def test_forms_refuse_posts_without_a_csrf_token(recruiter, places, url_name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    assert client.post(reverse(url_name), posting_data()).status_code == 403
    assert not Job.objects.exists()


def test_edit_of_a_published_job_is_reviewed_and_the_live_page_is_unchanged(
    client, recruiter, acme, places
):
    job = PublishedJobFactory(company=acme, created_by=recruiter, title="Robot Tester")
    client.force_login(recruiter)
    form = client.get(reverse("recruiters:job_edit", args=[job.pk]))
    assert b"Your edit is reviewed first" in form.content
    response = client.post(
        reverse("recruiters:job_edit", args=[job.pk]), posting_data(title="Chief Robot Tester")
    )
    assert response.status_code == 302
    assert JobRevision.objects.filter(job=job, status=JobRevision.Status.PENDING).exists()
    assert b"Robot Tester" in client.get(job.get_absolute_url()).content
    assert b"Chief Robot Tester" not in client.get(job.get_absolute_url()).content
    # Editing again starts from the pending edit, not the live version.
    assert (
        b"Chief Robot Tester" in client.get(reverse("recruiters:job_edit", args=[job.pk])).content
    )


def test_unknown_action_is_a_404(client, recruiter, acme):
    job = DraftJobFactory(company=acme, created_by=recruiter)
    client.force_login(recruiter)
    assert (
        client.post(reverse("recruiters:job_action", args=[job.pk, "publish"])).status_code == 404
    )


def test_forbidden_action_says_why(client, recruiter, acme):
    job = DraftJobFactory(company=acme, created_by=recruiter)
    client.force_login(recruiter)
    response = client.post(reverse("recruiters:job_action", args=[job.pk, "close"]), follow=True)
    assert b"Only published or expired jobs can be closed." in response.content
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT


def test_dashboard_filters_and_counts_views_and_apply_clicks(client, recruiter, acme, places):
    live = PublishedJobFactory(company=acme, created_by=recruiter, title="Welder")
    DraftJobFactory(company=acme, created_by=recruiter, title="Painter")
    client.get(live.get_absolute_url())
    response = client.get(reverse("listings:job_apply", args=[live.pk]))
    assert (response.status_code, response["Location"]) == (302, live.apply_url)
    live.refresh_from_db()
    assert (live.view_count, live.apply_click_count) == (1, 1)

    client.force_login(recruiter)
    page = client.get(reverse("recruiters:start"), {"status": "published"}).content.decode()
    assert "Welder" in page
    assert "Painter" not in page
    page = client.get(reverse("recruiters:start"), {"q": "paint"}).content.decode()
    assert "Painter" in page
    assert "Welder" not in page


def test_apply_link_of_an_unpublished_job_is_a_404(client, acme):
    job = DraftJobFactory(company=acme)
    assert client.get(reverse("listings:job_apply", args=[job.pk])).status_code == 404


def test_places_endpoint_suggests_known_places(client, recruiter, places):
    client.force_login(recruiter)
    response = client.get(reverse("recruiters:places"), {"q": "san"})
    assert response.json() == {"places": ["San Jose, CA"]}
    assert client.get(reverse("recruiters:places"), {"q": "s"}).json() == {"places": []}


def test_pages_have_bounded_queries(client, recruiter, acme, places, django_assert_max_num_queries):
    jobs = [
        PublishedJobFactory(company=acme, created_by=recruiter, places=[places.san_jose])
        for _ in range(12)
    ]
    client.force_login(recruiter)
    # Each bound includes one query for the header's count of the account's saved jobs.
    with django_assert_max_num_queries(11):
        assert client.get(reverse("recruiters:start")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("recruiters:job", args=[jobs[0].pk])).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("recruiters:job_new")).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("recruiters:members")).status_code == 200


def test_membership_factory_makes_an_approved_verified_recruiter(acme):
    user = MembershipFactory(company=acme).user
    assert email_is_verified(user=user)


def test_dashboard_pages_so_every_posting_can_be_found(client, recruiter, acme, monkeypatch):
    monkeypatch.setattr("listings.recruiters.selectors.DASHBOARD_PAGE", 2)
    jobs = [DraftJobFactory(company=acme, created_by=recruiter, title=f"Job {n}") for n in range(5)]
    client.force_login(recruiter)
    last = client.get(reverse("recruiters:start"), {"page": 3})
    assert last.status_code == 200
    assert [job.pk for job, _ in last.context["jobs"]] == [jobs[0].pk]
    assert b"Postings 5-5 of 5." in last.content
    assert client.get(reverse("recruiters:start"), {"page": 4}).status_code == 404
    for bad in ("x", "²", "٣"):
        refused = client.get(reverse("recruiters:start"), {"page": bad})
        assert (refused.status_code, refused.content) == (
            400,
            f"“{bad}” is not a page number. Pages are numbered from 1.".encode(),
        )


def test_dashboard_rows_offer_the_actions_each_status_allows(client, recruiter, acme):
    expiring = PublishedJobFactory(
        company=acme, created_by=recruiter, expires_at=timezone.now() + timedelta(days=2)
    )
    closed = PublishedJobFactory(company=acme, created_by=recruiter, status=Job.Status.CLOSED)
    client.force_login(recruiter)
    page = client.get(reverse("recruiters:start")).content.decode()
    renew = reverse("recruiters:job_action", args=[expiring.pk, "renew"])
    assert renew in page
    assert reverse("recruiters:job_edit", args=[expiring.pk]) in page
    assert reverse("recruiters:job_edit", args=[closed.pk]) not in page
    assert reverse("recruiters:job_action", args=[closed.pk, "close"]) not in page
    assert reverse("recruiters:job_action", args=[closed.pk, "duplicate"]) in page
    client.post(renew)
    expiring.refresh_from_db()
    assert expiring.expires_at > timezone.now() + timedelta(days=29)


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (Job.Status.DRAFT, {"submit", "edit"}),
        (Job.Status.PENDING, {"edit"}),
        (Job.Status.PUBLISHED, {"edit", "renew", "close"}),  # it expires in 2 days
        (Job.Status.REJECTED, {"submit", "edit"}),
        (Job.Status.EXPIRED, {"renew", "close"}),
        (Job.Status.CLOSED, set()),
    ],
)
def test_preview_and_dashboard_offer_the_buttons_the_status_allows(
    client, recruiter, acme, status, buttons
):
    job = PublishedJobFactory(
        company=acme,
        created_by=recruiter,
        status=status,
        expires_at=timezone.now() + timedelta(days=2),
    )
    links = {
        "submit": reverse("recruiters:job_action", args=[job.pk, "submit"]),
        "edit": reverse("recruiters:job_edit", args=[job.pk]),
        "renew": reverse("recruiters:job_action", args=[job.pk, "renew"]),
        "close": reverse("recruiters:job_action", args=[job.pk, "close"]),
    }
    client.force_login(recruiter)
    preview = client.get(reverse("recruiters:job", args=[job.pk])).content.decode()
    dashboard = client.get(reverse("recruiters:start")).content.decode()
    assert {button for button, link in links.items() if link in preview} == buttons
    # The dashboard row has no submit button: drafts are submitted from their preview.
    assert {button for button, link in links.items() if link in dashboard} == buttons - {"submit"}


def test_refused_recruiter_may_ask_another_company_or_create_one(client, acme):
    user = verified_user()
    MembershipFactory(user=user, company=acme, status=Membership.Status.REFUSED, verified=False)
    client.force_login(user)
    page = client.get(reverse("recruiters:start"))
    assert b"was refused" in page.content
    assert b"Create your company" in page.content
    response = client.post(reverse("recruiters:company"), {"intent": "create", "name": "Initech"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert (membership.company.name, membership.status) == ("Initech", Membership.Status.APPROVED)


def test_apply_link_never_redirects_to_another_scheme(client, acme):
    job = PublishedJobFactory(company=acme)
    Job.objects.filter(pk=job.pk).update(apply_url="javascript:alert(1)")
    assert client.get(reverse("listings:job_apply", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("name", ["Acme Robotics!!", "ACME, Robotics", "Ａｃｍｅ Ｒｏｂｏｔｉｃｓ"])
def test_creating_a_company_that_differs_only_in_punctuation_or_width_offers_to_join(
    client, acme, name
):
    client.force_login(verified_user())
    response = client.post(reverse("recruiters:company"), {"intent": "create", "name": name})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Acme Robotics is on Payline already" in html
    assert 'value="Acme Robotics"' in html  # the join form is filled in
    assert Company.objects.count() == 1


def test_joining_by_a_name_that_differs_only_in_punctuation_finds_the_company(client, acme):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("recruiters:company"), {"intent": "join", "company": "Acme-Robotics."}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=user).company == acme


def test_a_recruiter_creates_a_company_with_a_non_latin_name(client):
    client.force_login(verified_user())
    response = client.post(
        reverse("recruiters:company"), {"intent": "create", "name": "株式会社テスト"}
    )
    assert response.status_code == 302
    assert Company.objects.get(name="株式会社テスト").slug == "zhushihuishetesuto"
