"""The Save / Saved form (with and without JavaScript), the log-in merge and the Saved jobs page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from listings.saved.models import SavedJob
from listings.saved.services import SESSION_KEY
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    RejectedJobFactory,
)
from tests.saved.conftest import PASSWORD
from tests.saved.factories import SavedJobFactory

pytestmark = pytest.mark.django_db
SAVED = reverse("saved:list")
SEARCH = reverse("listings:search")
JSON = {"HTTP_ACCEPT": "application/json"}
# What Chromium sends with a plain form post.
BROWSER_ACCEPT = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def toggle(job) -> str:
    return reverse("saved:toggle", args=[job.pk])


def saved_page_ids(response) -> list[int]:
    return [job.pk for job in response.context["page"].object_list]


def test_a_visitor_saves_without_javascript_and_comes_back_to_the_page(client):
    job = PublishedJobFactory()
    response = client.post(
        toggle(job), {"action": "save", "next": "/jobs/?q=engineer&page=2"}, **BROWSER_ACCEPT
    )
    assert (response.status_code, response["Location"]) == (302, "/jobs/?q=engineer&page=2")
    assert client.session[SESSION_KEY] == [job.pk]
    assert not SavedJob.objects.exists()

    response = client.post(toggle(job), {"action": "unsave"})
    assert response["Location"] == job.get_absolute_url()
    assert client.session[SESSION_KEY] == []


def test_an_account_saves_into_the_database(seeker_client, seeker):
    job = PublishedJobFactory()
    seeker_client.post(toggle(job), {"action": "save"})
    assert list(SavedJob.objects.values_list("user", "job")) == [(seeker.pk, job.pk)]
    seeker_client.post(toggle(job), {"action": "unsave"})
    assert not SavedJob.objects.exists()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_next_off_this_site_is_refused_for_the_job_page(client, target):
    job = PublishedJobFactory()
    response = client.post(toggle(job), {"action": "save", "next": target})
    assert response["Location"] == job.get_absolute_url()


def test_fetch_gets_json_and_no_redirect(client):
    job, other = PublishedJobFactory(), PublishedJobFactory()
    client.post(toggle(other), {"action": "save"})
    response = client.post(toggle(job), {"action": "save", "next": "/jobs/"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {"job": job.pk, "saved": True, "count": 2}
    response = client.post(toggle(job), {"action": "unsave"}, **JSON)
    assert response.json() == {"job": job.pk, "saved": False, "count": 1}


def test_csrf_is_enforced_for_forms_and_fetch():
    csrf_client = Client(enforce_csrf_checks=True)
    job = PublishedJobFactory()
    assert csrf_client.post(toggle(job), {"action": "save"}).status_code == 403
    assert csrf_client.post(toggle(job), {"action": "save"}, **JSON).status_code == 403
    assert SESSION_KEY not in csrf_client.session

    page = csrf_client.get(job.get_absolute_url())
    token = page.context["csrf_token"]
    response = csrf_client.post(toggle(job), {"action": "save", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    assert csrf_client.session[SESSION_KEY] == [job.pk]


@pytest.mark.parametrize(
    "factory", [DraftJobFactory, PendingJobFactory, RejectedJobFactory], ids=lambda f: f.__name__
)
def test_never_public_jobs_cannot_be_saved(client, factory):
    job = factory()
    assert client.post(toggle(job), {"action": "save"}).status_code == 404
    response = client.post(toggle(job), {"action": "save"}, **JSON)
    assert (response.status_code, response.json()) == (404, {"error": "No such job."})
    assert SESSION_KEY not in client.session


def test_closed_jobs_can_be_saved_and_unsaved(client):
    job = ClosedJobFactory()
    assert client.post(toggle(job), {"action": "save"}).status_code == 302
    assert client.session[SESSION_KEY] == [job.pk]


def test_bad_requests_get_a_clear_4xx(client):
    job = PublishedJobFactory()
    assert client.get(toggle(job)).status_code == 405
    response = client.post(toggle(job), {"action": "delete-everything"})
    assert response.status_code == 400
    assert "Say whether to save or unsave" in response.content.decode()
    assert client.post(toggle(job), {}, **JSON).json() == {
        "error": "Say whether to save or unsave the job."
    }
    assert client.post("/saved/job/999999999/", {"action": "save"}).status_code == 404


def test_a_full_shortlist_is_refused_with_a_message(client, monkeypatch):
    monkeypatch.setattr("listings.saved.services.SESSION_LIMIT", 1)
    first, second = PublishedJobFactory(), PublishedJobFactory()
    client.post(toggle(first), {"action": "save"})
    response = client.post(toggle(second), {"action": "save", "next": "/jobs/"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "You can keep 1 saved jobs without an account" in page and 'href="/jobs/"' in page
    assert client.post(toggle(second), {"action": "save"}, **JSON).status_code == 409


def test_logging_in_merges_the_sessions_saved_jobs_without_duplicates(client, seeker):
    both, session_only, account_only = PublishedJobFactory.create_batch(3)
    SavedJobFactory(user=seeker, job=both)
    SavedJobFactory(user=seeker, job=account_only)
    client.post(toggle(both), {"action": "save"})
    client.post(toggle(session_only), {"action": "save"})

    response = client.post(
        "/accounts/login/", {"username": "Seeker@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302

    assert SESSION_KEY not in client.session
    assert sorted(SavedJob.objects.filter(user=seeker).values_list("job", flat=True)) == sorted(
        [both.pk, session_only.pk, account_only.pk]
    )
    assert saved_page_ids(client.get(SAVED))[0] == session_only.pk


def test_logging_out_keeps_the_accounts_saved_jobs(seeker_client, seeker):
    job = PublishedJobFactory()
    seeker_client.post(toggle(job), {"action": "save"})
    seeker_client.post("/accounts/logout/")
    assert saved_page_ids(seeker_client.get(SAVED)) == []
    seeker_client.post("/accounts/login/", {"username": seeker.email, "password": PASSWORD})
    assert saved_page_ids(seeker_client.get(SAVED)) == [job.pk]


def test_saved_page_marks_closed_and_expired_jobs_and_hides_never_public_ones(
    seeker_client, seeker
):
    open_job = PublishedJobFactory(title="Open Role")
    closed = ClosedJobFactory(title="Closed Role")
    expired = ExpiredJobFactory(title="Expired Role")
    past_expiry = PastExpiryJobFactory(title="Past Expiry Role")
    for job in (open_job, closed, expired, past_expiry):
        SavedJobFactory(user=seeker, job=job)
    # Saved while public, then taken back to review or rejected: no longer shown anywhere.
    for job in (DraftJobFactory(), PendingJobFactory(), RejectedJobFactory()):
        SavedJobFactory(user=seeker, job=job)

    response = seeker_client.get(SAVED)
    assert response.status_code == 200
    assert saved_page_ids(response) == [past_expiry.pk, expired.pk, closed.pk, open_job.pk]
    html = response.content.decode()
    assert html.count("No longer accepting applications") == 3
    assert "4 saved jobs, newest saved first" in html
    assert '<meta name="robots" content="noindex">' in html
    assert html.count('aria-pressed="true"') == 4


def test_a_visitors_saved_page_lists_the_session_newest_first(client):
    older, newer, draft = PublishedJobFactory(), ClosedJobFactory(), DraftJobFactory()
    client.post(toggle(older), {"action": "save"})
    client.post(toggle(newer), {"action": "save"})
    session = client.session
    session[SESSION_KEY] = [draft.pk, *session[SESSION_KEY]]
    session.save()

    response = client.get(SAVED)
    assert saved_page_ids(response) == [newer.pk, older.pk]
    html = response.content.decode()
    assert "No longer accepting applications" in html and "Kept in this browser only" in html


def test_the_empty_saved_page_links_to_search(client):
    html = client.get(SAVED).content.decode()
    assert "No saved jobs yet" in html
    assert f'href="{SEARCH}"' in html


def test_saved_page_pages_and_refuses_bad_pages(seeker_client, seeker):
    for job in PublishedJobFactory.create_batch(21):
        SavedJobFactory(user=seeker, job=job)
    assert len(saved_page_ids(seeker_client.get(SAVED))) == 20
    assert len(saved_page_ids(seeker_client.get(SAVED, {"page": 2}))) == 1
    assert seeker_client.get(SAVED, {"page": 3}).status_code == 404
    assert seeker_client.get(SAVED, {"page": "²"}).status_code == 400


def test_cards_and_job_page_show_the_saved_state_with_the_jobs_name(seeker_client, seeker):
    saved = PublishedJobFactory(title="Saved Role", company=CompanyFactory(name="Acme"))
    PublishedJobFactory(title="Other Role")
    SavedJobFactory(user=seeker, job=saved)

    search = seeker_client.get(SEARCH, {"q": "role"}).content.decode()
    assert search.count('class="save-job"') == 2
    label = '<span class="save-job__label">Saved</span>'
    assert f'{label}<span class="visually-hidden"> Saved Role at Acme' in search
    assert search.count('aria-pressed="false"') == 1
    assert 'Saved jobs <span class="saved-link__count" data-saved-count>(1)</span>' in search
    assert 'name="next" value="/jobs/?q=role"' in search
    assert 'src="/static/js/saved.js" defer' in search

    detail = seeker_client.get(saved.get_absolute_url()).content.decode()
    assert detail.count('aria-pressed="true"') == 1


def test_search_page_queries_do_not_grow_with_saved_jobs(client, seeker_client, seeker, places):
    jobs = [PublishedJobFactory(title="Nurse", places=[places.san_jose]) for _ in range(20)]
    params = {"q": "nurse", "l": "CA"}
    # The visitor's session exists (saved, then unsaved), as an account's does.
    client.post(toggle(jobs[0]), {"action": "save"})
    client.post(toggle(jobs[0]), {"action": "unsave"})

    for visitor in (client, seeker_client):
        visitor.get(SEARCH, params)  # warms the salary box cache
        with CaptureQueriesContext(connection) as nothing_saved:
            assert visitor.get(SEARCH, params).content.decode().count('aria-pressed="false"') == 20
        for job in jobs:
            visitor.post(toggle(job), {"action": "save"})
        with CaptureQueriesContext(connection) as all_saved:
            assert visitor.get(SEARCH, params).content.decode().count('aria-pressed="true"') == 20
        assert len(all_saved) == len(nothing_saved) <= 11
    assert SavedJob.objects.filter(user=seeker).count() == 20


def test_saved_page_query_count_is_bounded(seeker_client, seeker, django_assert_max_num_queries):
    for _ in range(20):
        SavedJobFactory(user=seeker, job=PublishedJobFactory(company=CompanyFactory()))
    # session and user, count, a page of ids, jobs with companies, places, their parents,
    # and the header's id set
    with django_assert_max_num_queries(8):
        response = seeker_client.get(SAVED)
    assert len(saved_page_ids(response)) == 20
