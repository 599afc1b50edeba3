"""Plain accounts: sign up with an email (never telling whether it had one), log in, log out."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.companies.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase"


def sign_up(client, email: str, password: str = PASSWORD, next_url: str = ""):
    url = "/accounts/signup/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"email": email, "password1": password, "password2": password})


def test_sign_up_creates_the_account_and_mails_a_link_without_logging_in(client):
    response = sign_up(client, "Ada@Example.com", next_url="/companies/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/signup/done/?next=%2Fcompanies%2F",
    )
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("ada@example.com", "ada@example.com")
    assert user.check_password(PASSWORD)
    assert [message.subject for message in mail.outbox] == [
        "Confirm your email address for Payline Jobs"
    ]
    done = client.get(response["Location"]).content.decode()
    assert "Check your inbox" in done and 'href="/accounts/login/?next=/companies/"' in done
    assert "Log out" not in done


def test_sign_up_answers_a_taken_email_the_same_and_mails_its_owner(client):
    owner = UserFactory(username="ada@example.com", password=PASSWORD)
    taken = sign_up(Client(), "ADA@example.com", password="another long pass phrase")
    fresh = sign_up(Client(), "bob@example.com", password="another long pass phrase")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert taken.cookies.keys() == fresh.cookies.keys()
    assert Client().get(taken["Location"]).content == Client().get(fresh["Location"]).content
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # nothing about the account changed
    assert get_user_model().objects.filter(username__iexact="ada@example.com").count() == 1
    to_owner = [message for message in mail.outbox if message.to == ["ada@example.com"]]
    assert [message.subject for message in to_owner] == ["You already have a Payline Jobs account"]
    assert "/accounts/password_reset/" in to_owner[0].body
    assert "An account with this email already exists" not in taken.content.decode()


def test_sign_up_drops_an_offsite_next(client):
    response = sign_up(client, "bob@example.com", next_url="https://evil.example/")
    assert response["Location"] == "/accounts/signup/done/"


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
