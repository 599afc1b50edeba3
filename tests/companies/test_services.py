"""Rating writes and aggregates: the quiz rules, moderation, the SQL refresh and merges."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from companies.aggregates import company_ratings_refresh
from companies.models import Company, CompanyRatingSummary, CompanySlugRedirect, Rating
from companies.services import (
    RatingRefused,
    company_merge,
    rating_submit,
    ratings_moderate,
)
from listings.ingest.models import Source
from listings.recruiters.models import Membership
from tests.companies.factories import (
    ApprovedRatingFactory,
    PendingRatingFactory,
    RejectedRatingFactory,
    UserFactory,
    backdate,
)
from tests.factories import CompanyFactory, IndustryFactory, PublishedJobFactory
from tests.recruiters.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "overall": 8,
    "pay": 7,
    "benefits": 9,
    "hours": 6,
    "workplace": 8,
    "employment_status": "current",
    "role_type": "office",
    "comment": "Fine place.",
}


def summary_of(company: Company) -> CompanyRatingSummary:
    return CompanyRatingSummary.objects.get(company=company)


def test_aggregates_and_ranks_match_a_hand_computed_fixture(rank_minimum):
    tech = IndustryFactory(name="Technology")
    alpha, beta, gamma, delta = (CompanyFactory(name=n, industry=tech) for n in "ABCD")
    # alpha: overall 9, 8, 6 -> 7.67 -> 7.7; benefits 9, 8, 2 -> 6.3; one former employee.
    ApprovedRatingFactory(company=alpha, overall=9)
    ApprovedRatingFactory(company=alpha, overall=8, employment_status="former")
    ApprovedRatingFactory(company=alpha, overall=6, benefits=2, role_type="office")
    # beta: 7 and 8 -> 7.5; gamma: 5 and 10 -> 7.5, a tie.
    ApprovedRatingFactory(company=beta, overall=7)
    ApprovedRatingFactory(company=beta, overall=8)
    ApprovedRatingFactory(company=gamma, overall=5)
    ApprovedRatingFactory(company=gamma, overall=10)
    # delta has one rating: below the minimum of 2, so shown but not ranked.
    ApprovedRatingFactory(company=delta, overall=10)
    # Pending and rejected ratings never count.
    PendingRatingFactory(company=delta, overall=0)
    RejectedRatingFactory(company=alpha, overall=0)

    assert company_ratings_refresh() == 4

    a = summary_of(alpha)
    assert (a.score, a.count, a.pay, a.benefits) == (
        Decimal("7.7"),
        3,
        Decimal("7.7"),
        Decimal("6.3"),
    )
    assert (a.current_count, a.former_count, a.current_percent, a.former_percent) == (2, 1, 67, 33)
    assert (a.frontline_count, a.office_count, a.management_count) == (2, 1, 0)
    assert a.roles == [{"role": "frontline", "percent": 67}, {"role": "office", "percent": 33}]
    assert (a.rank, a.rank_total) == (1, 3)
    assert (summary_of(beta).rank, summary_of(gamma).rank) == (2, 2)  # a tie shares the rank
    d = summary_of(delta)
    assert (d.score, d.count, d.rank, d.rank_total) == (Decimal("10.0"), 1, None, None)


def test_ranks_are_per_industry_and_a_company_without_one_is_unranked(rank_minimum):
    health = IndustryFactory(name="Healthcare")
    tech_company = CompanyFactory()
    health_company = CompanyFactory(industry=health)
    loner = CompanyFactory(industry=None)
    for company, score in [(tech_company, 5), (health_company, 4), (loner, 9)]:
        ApprovedRatingFactory.create_batch(2, company=company, overall=score)
    company_ratings_refresh()
    assert (summary_of(tech_company).rank, summary_of(tech_company).rank_total) == (1, 1)
    assert (summary_of(health_company).rank, summary_of(health_company).rank_total) == (1, 1)
    assert summary_of(loner).rank is None


def test_refreshing_one_company_reranks_its_industry(rank_minimum):
    first, second = CompanyFactory(), CompanyFactory()
    ApprovedRatingFactory.create_batch(2, company=first, overall=8)
    ApprovedRatingFactory.create_batch(2, company=second, overall=6)
    company_ratings_refresh()
    ApprovedRatingFactory.create_batch(4, company=second, overall=10)
    company_ratings_refresh(company_ids=[second.pk])
    assert summary_of(second).rank == 1
    assert summary_of(first).rank == 2


def test_a_company_whose_last_approved_rating_goes_loses_its_summary():
    rating = ApprovedRatingFactory()
    company_ratings_refresh()
    Rating.objects.filter(pk=rating.pk).update(status=Rating.Status.REJECTED)
    company_ratings_refresh(company_ids=[rating.company_id])
    assert not CompanyRatingSummary.objects.exists()


def test_a_second_rating_by_the_same_account_edits_the_first():
    company, user = CompanyFactory(), UserFactory()
    first = rating_submit(company=company, user=user, data=ANSWERS, ip_address="10.0.0.1")
    second = rating_submit(
        company=company, user=user, data={**ANSWERS, "overall": 3}, ip_address="10.0.0.1"
    )
    assert (first.edited, second.edited) == (False, True)
    assert Rating.objects.count() == 1
    assert Rating.objects.get().overall == 3
    assert second.rating.pk == first.rating.pk


def test_the_database_refuses_a_second_row_for_one_account_and_company():
    from django.db import IntegrityError

    rating = PendingRatingFactory()
    with pytest.raises(IntegrityError):
        PendingRatingFactory(company=rating.company, user=rating.user)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_by_one_account_leave_one_rating():
    company, user = CompanyFactory(), UserFactory()
    barrier = threading.Barrier(2)
    errors = []

    def submit(score):
        try:
            barrier.wait(timeout=5)
            rating_submit(
                company=company, user=user, data={**ANSWERS, "overall": score}, ip_address=None
            )
        except Exception as error:  # noqa: BLE001 - reported to the test thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(score,)) for score in (2, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rating.objects.filter(company=company, user=user).count() == 1
    assert Rating.objects.get().overall in (2, 9)


def test_new_accounts_wait_for_moderation_and_pending_ratings_do_not_count(
    django_capture_on_commit_callbacks,
):
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        submitted = rating_submit(
            company=company, user=UserFactory(), data=ANSWERS, ip_address=None
        )
    assert submitted.rating.status == Rating.Status.PENDING
    assert not CompanyRatingSummary.objects.filter(company=company).exists()


def test_approval_refreshes_the_summary_after_commit(django_capture_on_commit_callbacks):
    rating = PendingRatingFactory(overall=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert ratings_moderate(ratings=Rating.objects.all(), status="approved") == 1
    assert summary_of(rating.company).score == Decimal("6.0")
    with django_capture_on_commit_callbacks(execute=True):
        ratings_moderate(ratings=Rating.objects.all(), status="rejected")
    assert not CompanyRatingSummary.objects.exists()


def test_accounts_in_good_standing_skip_moderation(settings, django_capture_on_commit_callbacks):
    settings.RATING_TRUSTED_AFTER = 2
    user = UserFactory()
    ApprovedRatingFactory.create_batch(2, user=user)
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        submitted = rating_submit(company=company, user=user, data=ANSWERS, ip_address=None)
    assert submitted.rating.status == Rating.Status.APPROVED
    assert summary_of(company).score == Decimal("8.0")


def test_a_rejected_rating_costs_good_standing(settings):
    settings.RATING_TRUSTED_AFTER = 1
    user = UserFactory()
    ApprovedRatingFactory.create_batch(3, user=user)
    RejectedRatingFactory(user=user)
    submitted = rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address=None)
    assert submitted.rating.status == Rating.Status.PENDING


def test_editing_an_approved_rating_sends_it_back_to_moderation(django_capture_on_commit_callbacks):
    rating = ApprovedRatingFactory(overall=9)
    company_ratings_refresh()
    with django_capture_on_commit_callbacks(execute=True):
        rating_submit(company=rating.company, user=rating.user, data=ANSWERS, ip_address=None)
    rating.refresh_from_db()
    assert rating.status == Rating.Status.PENDING
    assert not CompanyRatingSummary.objects.exists()


def test_the_honeypot_refuses_with_a_400_and_keeps_nothing():
    with pytest.raises(RatingRefused) as refused:
        rating_submit(
            company=CompanyFactory(),
            user=UserFactory(),
            data=ANSWERS,
            ip_address=None,
            honeypot="http://spam.example",
        )
    assert refused.value.status == 400
    assert not Rating.objects.exists()


def test_the_per_account_daily_limit(settings):
    settings.RATING_DAILY_LIMIT_PER_ACCOUNT = 2
    user = UserFactory()
    for _ in range(2):
        rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address=None)
    with pytest.raises(RatingRefused) as refused:
        rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address=None)
    assert refused.value.status == 429
    assert "2 companies in the last 24 hours" in str(refused.value)
    assert Rating.objects.count() == 2


def test_the_per_ip_daily_limit(settings):
    settings.RATING_DAILY_LIMIT_PER_IP = 2
    for _ in range(2):
        rating_submit(
            company=CompanyFactory(), user=UserFactory(), data=ANSWERS, ip_address="10.1.1.1"
        )
    with pytest.raises(RatingRefused) as refused:
        rating_submit(
            company=CompanyFactory(), user=UserFactory(), data=ANSWERS, ip_address="10.1.1.1"
        )
    assert refused.value.status == 429
    # Another network is not affected.
    rating_submit(company=CompanyFactory(), user=UserFactory(), data=ANSWERS, ip_address="10.2.2.2")


def test_moderating_yesterdays_ratings_does_not_spend_todays_limit(settings):
    settings.RATING_DAILY_LIMIT_PER_ACCOUNT = 2
    settings.RATING_DAILY_LIMIT_PER_IP = 2
    user = UserFactory()
    for _ in range(2):
        rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address="10.1.1.1")
    backdate(Rating.objects.all(), days=2)
    ratings_moderate(ratings=Rating.objects.all(), status=Rating.Status.APPROVED)
    rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address="10.1.1.1")
    assert Rating.objects.count() == 3


def test_moderation_leaves_the_submission_time_alone():
    rating = rating_submit(
        company=CompanyFactory(), user=UserFactory(), data=ANSWERS, ip_address=None
    ).rating
    backdate(Rating.objects.all(), days=2)
    submitted = Rating.objects.get().submitted_at
    ratings_moderate(ratings=Rating.objects.all(), status=Rating.Status.REJECTED)
    rating.refresh_from_db()
    assert rating.submitted_at == submitted and rating.updated_at > submitted


def test_resubmitting_a_rating_counts_toward_the_daily_limit(settings):
    settings.RATING_DAILY_LIMIT_PER_ACCOUNT = 2
    user = UserFactory()
    first, second = CompanyFactory(), CompanyFactory()
    for company in (first, second):
        rating_submit(company=company, user=user, data=ANSWERS, ip_address=None)
    backdate(Rating.objects.all(), days=2)
    rating_submit(company=first, user=user, data={**ANSWERS, "overall": 3}, ip_address=None)
    rating_submit(company=CompanyFactory(), user=user, data=ANSWERS, ip_address=None)
    with pytest.raises(RatingRefused):
        rating_submit(company=second, user=user, data=ANSWERS, ip_address=None)


def test_out_of_range_scores_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rating_submit(
            company=CompanyFactory(),
            user=UserFactory(),
            data={**ANSWERS, "pay": 11},
            ip_address=None,
        )


def test_merge_moves_jobs_and_ratings_and_keeps_the_old_slug(django_capture_on_commit_callbacks):
    source = CompanyFactory(name="Apple Inc", slug="apple-inc")
    target = CompanyFactory(name="Apple", slug="apple")
    job = PublishedJobFactory(company=source)
    both = UserFactory()
    older = ApprovedRatingFactory(company=target, user=both, overall=2)
    ApprovedRatingFactory(company=source, user=both, overall=9)  # newer: kept
    ApprovedRatingFactory(company=source, overall=7)
    CompanySlugRedirect.objects.create(old_slug="apple-computer", company=source)

    with django_capture_on_commit_callbacks(execute=True):
        company_merge(source=source, target=target)

    assert not Company.objects.filter(pk=source.pk).exists()
    job.refresh_from_db()
    assert job.company_id == target.pk
    assert not Rating.objects.filter(pk=older.pk).exists()
    assert sorted(target.ratings.values_list("overall", flat=True)) == [7, 9]
    assert dict(CompanySlugRedirect.objects.values_list("old_slug", "company_id")) == {
        "apple-inc": target.pk,
        "apple-computer": target.pk,
    }
    assert summary_of(target).count == 2


def test_merge_keeps_the_rating_submitted_last_not_the_one_moderated_last():
    source, target = CompanyFactory(), CompanyFactory()
    both = UserFactory()
    earlier = PendingRatingFactory(company=target, user=both, overall=2)
    later = PendingRatingFactory(company=source, user=both, overall=9)
    backdate(Rating.objects.filter(pk=earlier.pk), days=3)
    backdate(Rating.objects.filter(pk=later.pk), days=1)
    ratings_moderate(ratings=Rating.objects.filter(pk=earlier.pk), status=Rating.Status.APPROVED)
    company_merge(source=source, target=target)
    assert list(target.ratings.values_list("pk", flat=True)) == [later.pk]


def test_merge_collapses_the_same_posting_listed_under_both_companies():
    source, target = CompanyFactory(), CompanyFactory()
    copy = PublishedJobFactory(company=source, description_html="<p>Same text.</p>")
    original = PublishedJobFactory(company=target, description_html="<p>Same text.</p>")
    company_merge(source=source, target=target)
    copy.refresh_from_db()
    original.refresh_from_db()
    links = {copy.pk: copy.duplicate_of_id, original.pk: original.duplicate_of_id}
    assert links in (
        {copy.pk: original.pk, original.pk: None},
        {copy.pk: None, original.pk: copy.pk},
    )


def test_merge_moves_recruiter_memberships_with_their_status():
    source, target = CompanyFactory(), CompanyFactory()
    approved = MembershipFactory(company=source)
    pending = MembershipFactory(company=source, status=Membership.Status.PENDING)
    company_merge(source=source, target=target)
    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.company_id, approved.status) == (target.pk, Membership.Status.APPROVED)
    assert (pending.company_id, pending.status) == (target.pk, Membership.Status.PENDING)


def test_merge_moves_the_ingest_sources_of_the_merged_company():
    source, target = CompanyFactory(), CompanyFactory()
    feed = Source.objects.create(name="Board", kind="greenhouse", address="acme", company=source)
    company_merge(source=source, target=target)
    feed.refresh_from_db()
    assert feed.company_id == target.pk


def test_merge_says_what_moved():
    source, target = CompanyFactory(), CompanyFactory()
    PublishedJobFactory(company=source)
    ApprovedRatingFactory(company=source)
    MembershipFactory(company=source)
    Source.objects.create(name="Board", kind="greenhouse", address="acme", company=source)
    moved = company_merge(source=source, target=target)
    assert moved.moved == {"job": 1, "rating": 1, "membership": 1, "source": 1}
