"""Company reads: the comments shown on a company's page."""

import pytest

from companies.models import Rating
from companies.selectors import company_recent_comments
from companies.services import ratings_moderate
from tests.companies.factories import ApprovedRatingFactory, PendingRatingFactory, backdate
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_recent_comments_are_newest_submitted_first_whenever_they_were_approved():
    company = CompanyFactory()
    old = PendingRatingFactory(company=company, comment="Written last year")
    new = ApprovedRatingFactory(company=company, comment="Written today")
    backdate(Rating.objects.filter(pk=old.pk), days=365)
    ratings_moderate(ratings=Rating.objects.filter(pk=old.pk), status=Rating.Status.APPROVED)
    comments = [rating.comment for rating in company_recent_comments(company=company)]
    assert comments == [new.comment, old.comment]
