"""Password reset with Django's own views, in the site's pages, by email."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from tests.companies.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(username="pat@acme.example")
    page = client.get(reverse("password_reset"))
    assert b"Reset your password" in page.content
    response = client.post(reverse("password_reset"), {"email": "pat@acme.example"})
    assert response["Location"] == reverse("password_reset_done")
    message = mail.outbox[-1]
    assert message.subject == "Choose a new password for Payline Jobs"
    link = re.search(r"https?://\S+/reset/\S+/", message.body).group(0)
    form = client.get(urlsplit(link).path, follow=True)
    assert b"Choose a new password" in form.content
    new = "another long pass phrase"
    response = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_used_or_forged_link_is_refused_plainly(client):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    )
    assert b"This link is not valid any more" in response.content
