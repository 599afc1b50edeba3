import pytest
from django.test import Client

from tests.companies.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def seeker(db):
    """An account that saves jobs (no recruiter side)."""
    return UserFactory(username="seeker@example.com", password=PASSWORD)


@pytest.fixture
def seeker_client(seeker):
    client = Client()
    client.force_login(seeker)
    return client
