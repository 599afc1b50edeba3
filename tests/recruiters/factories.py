"""Factories for recruiters: accounts with a verified email and a company membership."""

import factory
from django.utils import timezone

from listings.recruiters.models import Membership, VerifiedEmail
from tests.companies.factories import UserFactory
from tests.factories import CompanyFactory


class RecruiterUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"recruiter{n}@example.com")


class VerifiedEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VerifiedEmail

    user = factory.SubFactory(RecruiterUserFactory)
    email = factory.LazyAttribute(lambda verified: verified.user.email)
    verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An approved, verified recruiter of a company; ``status=`` for other stages."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(RecruiterUserFactory)
    company = factory.SubFactory(CompanyFactory)
    status = Membership.Status.APPROVED

    @factory.post_generation
    def verified(membership, create, extracted, **kwargs):
        if create and extracted is not False:
            VerifiedEmailFactory(user=membership.user)


def posting_data(**overrides) -> dict:
    """What a recruiter types into the posting form, valid as it stands."""
    data = {
        "title": "Robotics Engineer",
        "places": "San Jose, CA",
        "workplace_type": "hybrid",
        "employment_type": "full_time",
        "pay_min": "140000",
        "pay_max": "180000",
        "pay_currency": "USD",
        "pay_period": "year",
        "description_markdown": (
            "## About the role\n\nBuild **robots**.\n\n- Design arms\n- Test them"
        ),
        "apply_url": "https://acme.example/jobs/1",
        "apply_email": "",
        "expires_on": "",
        "website": "",
    }
    data.update(overrides)
    return data
