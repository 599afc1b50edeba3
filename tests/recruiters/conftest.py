from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission

from listings.recruiters.models import Membership
from tests.companies.factories import UserFactory
from tests.factories import CompanyFactory
from tests.recruiters.factories import MembershipFactory


@pytest.fixture
def acme(db):
    return CompanyFactory(name="Acme Robotics")


@pytest.fixture
def recruiter(acme):
    """An approved recruiter of Acme with a verified email."""
    return MembershipFactory(company=acme).user


@pytest.fixture
def roles(acme):
    """One account per role in the access matrix, keyed by name (None: anonymous)."""
    other_company = CompanyFactory(name="Globex")
    moderator = UserFactory(username="moderator@example.com", is_staff=True)
    moderator.user_permissions.add(
        Permission.objects.get(codename="moderate_job"),
        Permission.objects.get(codename="change_job"),
        Permission.objects.get(codename="view_job"),
    )
    return SimpleNamespace(
        anonymous=None,
        other_recruiter=MembershipFactory(company=other_company).user,
        pending_member=MembershipFactory(company=acme, status=Membership.Status.PENDING).user,
        unverified_member=MembershipFactory(company=acme, verified=False).user,
        no_company=UserFactory(username="nocompany@example.com"),
        staff_without_permission=UserFactory(username="staff@example.com", is_staff=True),
        staff_with_permission=moderator,
    )
