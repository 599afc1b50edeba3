"""Drafts, pending, rejected and expired postings never reach the public.

Search, the home page's recent jobs, similar jobs, the company page and JSON-LD all read
through ``Job.objects.published()``; each is checked with one job per hidden status beside one
published job, so a leak of any status fails. (Feeds and the sitemap do not exist yet.)
"""

import pytest
from django.urls import reverse

from listings.models import Job
from listings.recruiters import services
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    RejectedJobFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": DraftJobFactory,
    "pending": PendingJobFactory,
    "rejected": RejectedJobFactory,
    "expired": ExpiredJobFactory,
    "past expiry": PastExpiryJobFactory,
    "closed": ClosedJobFactory,
}


@pytest.fixture
def board(acme, places):
    live = PublishedJobFactory(company=acme, title="Robot Welder Live", places=[places.san_jose])
    hidden = {
        name: factory(company=acme, title=f"Robot Welder {name.title()}", places=[places.san_jose])
        for name, factory in HIDDEN.items()
    }
    return live, hidden


def hidden_titles(content: bytes, hidden) -> list[str]:
    return [job.title for job in hidden.values() if job.title.encode() in content]


def test_search_lists_only_the_published_job(client, board):
    live, hidden = board
    response = client.get(reverse("listings:search"), {"q": "robot welder"})
    assert [job.pk for job in response.context["results"].jobs] == [live.pk]
    assert hidden_titles(response.content, hidden) == []


def test_search_by_place_lists_only_the_published_job(client, board, places):
    live, hidden = board
    response = client.get(reverse("listings:search"), {"l": "California"})
    assert [job.pk for job in response.context["results"].jobs] == [live.pk]


def test_home_page_recent_jobs_are_published_only(client, board):
    live, hidden = board
    response = client.get(reverse("listings:home"))
    assert [job.pk for job in response.context["recent_jobs"]] == [live.pk]


def test_similar_jobs_are_published_only(client, board, places):
    live, hidden = board
    other = PublishedJobFactory(title="Robot Welder", places=[places.sunnyvale])
    response = client.get(other.get_absolute_url())
    assert [job.pk for job in response.context["similar_jobs"]] == [live.pk]
    assert hidden_titles(response.content, hidden) == []


def test_company_page_lists_published_jobs_only(client, board, acme):
    live, hidden = board
    response = client.get(acme.get_absolute_url())
    assert live.title.encode() in response.content
    assert hidden_titles(response.content, hidden) == []


@pytest.mark.parametrize("name", ["draft", "pending", "rejected"])
def test_unpublished_job_pages_are_404(client, board, name):
    _, hidden = board
    assert client.get(hidden[name].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["expired", "past expiry", "closed"])
def test_ended_job_pages_stay_readable_without_json_ld(client, board, name):
    _, hidden = board
    response = client.get(hidden[name].get_absolute_url())
    assert response.status_code == 200
    assert b"application/ld+json" not in response.content
    assert b"no longer accepting applications" in response.content


def test_published_job_has_json_ld(client, board):
    live, _ = board
    assert b"application/ld+json" in client.get(live.get_absolute_url()).content


def test_approving_a_submitted_posting_puts_it_in_search(client, acme, recruiter, places, roles):
    job = DraftJobFactory(company=acme, created_by=recruiter, title="Cobot Integrator")
    search = {"q": "cobot integrator"}
    assert client.get(reverse("listings:search"), search).context["results"].jobs == []
    services.job_submit(job=job, by=recruiter)
    assert client.get(reverse("listings:search"), search).context["results"].jobs == []
    services.job_approve(job=job, by=roles.staff_with_permission)
    results = client.get(reverse("listings:search"), search).context["results"].jobs
    assert [found.pk for found in results] == [job.pk]
    assert Job.objects.get(pk=job.pk).status == Job.Status.PUBLISHED
