"""Admin: the moderation queue, the per-company breakdown and company merge."""

import pytest
from django.urls import reverse

from companies.models import Company, CompanyRatingSummary, CompanySlugRedirect, Rating
from listings.ingest.models import Source
from tests.companies.factories import ApprovedRatingFactory, PendingRatingFactory
from tests.factories import CompanyFactory, PublishedJobFactory
from tests.recruiters.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_moderation_queue_lists_pending_ratings_and_filters(admin_client):
    PendingRatingFactory(comment="Waiting here")
    ApprovedRatingFactory(comment="Already fine")
    url = reverse("admin:companies_rating_changelist")
    html = admin_client.get(url, {"status__exact": "pending"}).content.decode()
    assert "Waiting here" in html and "Already fine" not in html


def test_bulk_approve_counts_the_ratings(admin_client, django_capture_on_commit_callbacks):
    first = PendingRatingFactory(overall=6)
    PendingRatingFactory(overall=8, company=first.company)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:companies_rating_changelist"),
            {
                "action": "approve",
                "_selected_action": list(Rating.objects.values_list("pk", flat=True)),
            },
        )
    summary = CompanyRatingSummary.objects.get(company=first.company)
    assert (summary.score, summary.count) == (7, 2)


def test_bulk_reject_drops_them_from_the_summary(admin_client, django_capture_on_commit_callbacks):
    rating = ApprovedRatingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:companies_rating_changelist"),
            {"action": "reject", "_selected_action": [rating.pk]},
        )
    assert Rating.objects.get().status == Rating.Status.REJECTED
    assert not CompanyRatingSummary.objects.exists()


def test_company_page_in_admin_shows_the_rating_breakdown(admin_client):
    rating = ApprovedRatingFactory(overall=9)
    PendingRatingFactory(company=rating.company)
    html = admin_client.get(
        reverse("admin:companies_company_change", args=[rating.company.pk])
    ).content.decode()
    assert "Waiting for moderation: 1" in html and "Approved: 1" in html
    assert "<tr><td>9</td><td>1</td></tr>" in html


def test_merge_asks_which_company_stays_then_merges(admin_client):
    keep = CompanyFactory(name="Apple", slug="apple")
    fold = CompanyFactory(name="Apple Inc.", slug="apple-inc")
    job = PublishedJobFactory(company=fold)
    url = reverse("admin:companies_company_changelist")
    selected = {"action": "merge_companies", "_selected_action": [keep.pk, fold.pk]}
    confirm = admin_client.post(url, selected).content.decode()
    assert "Choose the company that stays" in confirm and "Apple Inc." in confirm
    admin_client.post(url, {**selected, "apply": "1", "target": keep.pk})
    assert list(Company.objects.values_list("name", flat=True)) == ["Apple"]
    job.refresh_from_db()
    assert job.company_id == keep.pk
    assert CompanySlugRedirect.objects.get().old_slug == "apple-inc"


def test_merge_needs_two_companies(admin_client):
    company = CompanyFactory()
    response = admin_client.post(
        reverse("admin:companies_company_changelist"),
        {"action": "merge_companies", "_selected_action": [company.pk]},
        follow=True,
    )
    assert "Select at least two companies to merge." in response.content.decode()
    assert Company.objects.count() == 1


def test_deleting_ratings_in_admin_refreshes_the_summary(
    admin_client, django_capture_on_commit_callbacks
):
    kept = ApprovedRatingFactory(overall=4)
    spam = ApprovedRatingFactory(overall=10, company=kept.company)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:companies_rating_changelist"),
            {"action": "delete_selected", "_selected_action": [spam.pk], "post": "yes"},
        )
    assert list(Rating.objects.values_list("pk", flat=True)) == [kept.pk]
    assert CompanyRatingSummary.objects.get(company=kept.company).score == 4


def test_merge_keeps_recruiters_on_their_moved_jobs_and_says_what_moved(admin_client, client):
    keep = CompanyFactory(name="Apple", slug="apple")
    fold = CompanyFactory(name="Apple Inc.", slug="apple-inc")
    recruiter = MembershipFactory(company=fold).user
    job = PublishedJobFactory(company=fold, created_by=recruiter)
    Source.objects.create(name="Board", kind="greenhouse", address="apple", company=fold)
    response = admin_client.post(
        reverse("admin:companies_company_changelist"),
        {
            "action": "merge_companies",
            "_selected_action": [keep.pk, fold.pk],
            "apply": "1",
            "target": keep.pk,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 job, 0 ratings, 1 recruiter membership and 1 ingest source moved" in html
    client.force_login(recruiter)
    assert client.get(reverse("recruiters:job", args=[job.pk])).status_code == 200
