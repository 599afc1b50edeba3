"""Malformed requests are refused before any view reads them, on every page alike."""

import pytest
from django.test import Client

from tests.factories import CompanyFactory
from tests.recruiters.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/jobs/?q=qa%00",
        "/jobs/registered-nurse/california/?q=a%00b",
        "/companies/apple/?page=%00",
        "/recruiters/?q=qa%00",
        "/recruiters/places.json?q=sa%00",
        "/admin/listings/job/?q=%00",
        "/jobs/?q%00=nurse",
    ],
)
def test_a_null_character_in_any_query_parameter_is_a_400(admin_client, places, url):
    CompanyFactory(slug="apple")
    recruiter = Client()
    recruiter.force_login(MembershipFactory().user)
    client = admin_client if url.startswith("/admin/") else recruiter
    response = client.get(url)
    assert response.status_code == 400
    assert "null character" in response.content.decode()


def test_a_null_character_in_a_form_value_is_a_400(client):
    response = client.post("/accounts/login/", {"username": "ada\x00@example.com", "password": "x"})
    assert response.status_code == 400
    assert "null character" in response.content.decode()
