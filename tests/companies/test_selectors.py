"""Company reads: the open jobs and the comments shown on a company's page."""

import pytest

from companies.models import Rating
from companies.selectors import company_open_jobs_summary, company_recent_comments
from companies.services import ratings_moderate
from listings.models import Job
from salaries.models import Occupation
from tests.companies.factories import ApprovedRatingFactory, PendingRatingFactory, backdate
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

pytestmark = pytest.mark.django_db


def test_recent_comments_are_newest_submitted_first_whenever_they_were_approved():
    company = CompanyFactory()
    old = PendingRatingFactory(company=company, comment="Written last year")
    new = ApprovedRatingFactory(company=company, comment="Written today")
    backdate(Rating.objects.filter(pk=old.pk), days=365)
    ratings_moderate(ratings=Rating.objects.filter(pk=old.pk), status=Rating.Status.APPROVED)
    comments = [rating.comment for rating in company_recent_comments(company=company)]
    assert comments == [new.comment, old.comment]


def test_open_jobs_summary_counts_only_publicly_visible_jobs():
    company = CompanyFactory()
    nurse = Occupation.objects.create(name="Registered Nurse")
    live = [PublishedJobFactory(company=company, occupation=nurse) for _ in range(3)]
    for hidden in (
        DraftJobFactory,
        PendingJobFactory,
        RejectedJobFactory,
        ExpiredJobFactory,
        PastExpiryJobFactory,
        ClosedJobFactory,
    ):
        hidden(company=company, occupation=nurse)
    duplicate = PublishedJobFactory(company=company, occupation=nurse)
    Job.objects.filter(pk=duplicate.pk).update(duplicate_of=live[0])
    PublishedJobFactory(occupation=nurse)  # another company's
    summary = company_open_jobs_summary(company=company)
    assert summary.total == 3
    assert [(row["occupation"], row["count"]) for row in summary.pay_by_occupation] == [
        ("Registered Nurse", 3)
    ]
