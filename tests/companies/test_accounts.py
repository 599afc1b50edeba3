"""Plain accounts: sign up with an email, log in with it, log out."""

import pytest
from django.contrib.auth import get_user_model

from tests.companies.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase"


def test_sign_up_with_email_logs_the_new_account_in(client):
    response = client.post(
        "/accounts/signup/?next=/companies/",
        {"email": "Ada@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert (response.status_code, response["Location"]) == (302, "/companies/")
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("ada@example.com", "ada@example.com")
    assert "Log out" in client.get("/").content.decode()


def test_sign_up_refuses_a_taken_email_and_an_offsite_next(client):
    UserFactory(username="ada@example.com")
    response = client.post(
        "/accounts/signup/",
        {"email": "ADA@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 400
    assert "An account with this email already exists" in response.content.decode()
    response = client.post(
        "/accounts/signup/?next=https://evil.example/",
        {"email": "bob@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/"


def test_log_in_by_email_and_log_out_by_post(client):
    UserFactory(username="ada@example.com", password=PASSWORD)
    page = client.get("/accounts/login/").content.decode()
    assert "Email" in page and "csrfmiddlewaretoken" in page
    response = client.post(
        "/accounts/login/", {"username": "Ada@example.com ", "password": PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "ada@example.com" in client.get("/").content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    home = client.get("/").content.decode()
    assert "Log in" in home and "Sign up" in home


def test_a_wrong_password_says_so(client):
    UserFactory(username="ada@example.com", password=PASSWORD)
    response = client.post("/accounts/login/", {"username": "ada@example.com", "password": "no"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
