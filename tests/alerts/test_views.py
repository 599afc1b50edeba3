"""Alert pages: subscribe from a search (double opt-in, limits, honeypot, CSRF), confirm,
one-click unsubscribe, and who may change which alerts."""

import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from listings.alerts import tokens
from listings.alerts.models import Alert, ConfirmationEmail
from tests.companies.factories import UserFactory
from tests.factories import ActiveAlertFactory, PendingAlertFactory, PublishedJobFactory
from tests.recruiters.factories import VerifiedEmailFactory

pytestmark = pytest.mark.django_db
SUBSCRIBE = reverse("alerts:subscribe")


def subscribe(client, email="seeker@example.com", ip="10.0.0.1", **fields):
    data = {"q": "registered nurse", "email": email, "frequency": "daily", **fields}
    return client.post(SUBSCRIBE, data, REMOTE_ADDR=ip)


def link_in(message, name: str) -> str:
    path = reverse(f"alerts:{name}", args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(re.escape(settings.SITE_URL + path) + r"\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return link.removeprefix(settings.SITE_URL)


def test_every_search_and_landing_page_has_the_alert_form(client, places):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    for url in (
        "/jobs/?q=registered+nurse&l=California&workplace_type=remote",
        "/jobs/registered-nurse/california/",
        "/jobs/?q=nothing+matches+this",
    ):
        html = client.get(url).content.decode()
        assert "Email me jobs like these" in html, url
        assert 'name="csrfmiddlewaretoken"' in html
    html = client.get("/jobs/?q=registered+nurse&l=California&workplace_type=remote").content
    assert b"Registered Nurse jobs in California (Remote)" in html
    assert b'<input type="hidden" name="workplace_type" value="remote">' in html


def test_the_form_is_prefilled_for_a_logged_in_account(client):
    client.force_login(UserFactory(username="me@example.com"))
    assert b'value="me@example.com"' in client.get("/jobs/?q=nurse").content


def test_subscribing_mails_only_a_confirmation_and_the_alert_waits_for_it(client, places):
    response = subscribe(client, l="San Jose, CA", sort="date")

    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    alert = Alert.objects.get()
    assert alert.status == Alert.Status.PENDING
    assert alert.params == {"q": "registered nurse", "l": "San Jose, CA"}
    assert alert.name == "Registered Nurse jobs in San Jose, CA"
    (message,) = mail.outbox
    assert message.subject == "Confirm your job alert: Registered Nurse jobs in San Jose, CA"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_alert_around_a_zip_code_keeps_its_radius_in_its_search_and_name(client, located_places):
    subscribe(client, l="95112-0001", radius="10")
    alert = Alert.objects.get()
    assert alert.params == {"q": "registered nurse", "l": "95112", "radius": "10"}
    assert alert.name == "Registered Nurse jobs within 10 miles of 95112"


def test_nothing_but_the_confirmation_is_sent_before_the_address_confirms(client):
    subscribe(client)
    PublishedJobFactory(title="Registered Nurse")
    from listings.alerts.digests import alert_digests_run

    assert alert_digests_run(every_active=True).alerts == 0
    assert len(mail.outbox) == 1


def test_the_confirmation_link_shows_a_button_and_its_post_turns_the_alert_on(client):
    subscribe(client)
    link = path_of(link_in(mail.outbox[0], "confirm"))

    page = client.get(link)
    assert page.status_code == 200 and b"Confirm my alert" in page.content
    assert Alert.objects.get().status == Alert.Status.PENDING  # a link scanner confirms nothing

    done = client.post(link)
    assert done.status_code == 200 and b"Your alert is on" in done.content
    alert = Alert.objects.get()
    assert alert.status == Alert.Status.ACTIVE and alert.watermark == alert.confirmed_at
    assert client.post(link).status_code == 200  # twice is harmless


def test_a_tampered_confirmation_link_is_refused(client):
    subscribe(client)
    link = path_of(link_in(mail.outbox[0], "confirm"))
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    for method in (client.get, client.post):
        response = method(tampered)
        assert response.status_code == 400
        assert b"not valid" in response.content
    assert Alert.objects.get().status == Alert.Status.PENDING


def test_an_expired_confirmation_link_is_refused(client):
    subscribe(client)
    link = path_of(link_in(mail.outbox[0], "confirm"))

    with mock.patch("time.time", return_value=time.time() + tokens.CONFIRM_MAX_AGE + 60):
        response = client.post(link)

    assert response.status_code == 400
    assert b"expired" in response.content
    assert Alert.objects.get().status == Alert.Status.PENDING


def test_a_token_of_one_kind_is_no_token_of_another(client):
    alert = ActiveAlertFactory()
    unsubscribe = tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email).split("/")[-2]
    assert client.post(reverse("alerts:confirm", args=[unsubscribe])).status_code == 400
    assert client.get(reverse("alerts:manage", args=[unsubscribe])).status_code == 400


def test_a_verified_account_skips_the_confirmation_and_is_told_so(client):
    user = UserFactory(username="nurse@example.com")
    VerifiedEmailFactory(user=user)
    client.force_login(user)

    response = subscribe(client, email="Nurse@Example.com")

    assert b"nothing to confirm" in response.content
    alert = Alert.objects.get()
    assert (alert.status, alert.user, alert.email) == ("active", user, "nurse@example.com")
    assert mail.outbox == []


def test_an_unverified_account_still_confirms_by_email(client):
    client.force_login(UserFactory(username="new@example.com"))
    subscribe(client, email="new@example.com")
    assert Alert.objects.get().status == Alert.Status.PENDING
    assert len(mail.outbox) == 1


def test_invalid_search_parameters_are_refused(client):
    response = subscribe(client, salary_min="-5")
    assert response.status_code == 400
    assert b"Minimum pay can" in response.content
    assert not Alert.objects.exists() and mail.outbox == []


def test_a_bad_email_shows_the_form_again_with_the_reason(client):
    response = subscribe(client, email="not-an-address")
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert b'name="q" value="registered nurse"' in response.content


def test_the_honeypot_is_refused(client):
    response = subscribe(client, website="https://spam.example")
    assert response.status_code == 400
    assert b"must stay empty" in response.content
    assert not Alert.objects.exists() and mail.outbox == []


def test_the_subscribe_form_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert subscribe(client).status_code == 403
    page = client.get("/jobs/?q=nurse")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    response = subscribe(client, csrfmiddlewaretoken=token.decode())
    assert response.status_code == 200
    assert Alert.objects.count() == 1


def test_an_address_gets_a_few_confirmations_a_day_and_the_answer_never_changes(client):
    for n in range(settings.ALERT_CONFIRMATIONS_PER_ADDRESS + 2):
        response = subscribe(client, q=f"nurse {n}", ip=f"10.0.0.{n}")
        assert response.status_code == 200 and b"Check your inbox" in response.content
    assert len(mail.outbox) == settings.ALERT_CONFIRMATIONS_PER_ADDRESS
    assert ConfirmationEmail.objects.count() == settings.ALERT_CONFIRMATIONS_PER_ADDRESS


def test_one_network_gets_a_few_confirmations_a_day_then_a_429(client):
    for n in range(settings.ALERT_CONFIRMATIONS_PER_IP):
        assert subscribe(client, email=f"person{n}@example.com").status_code == 200
    response = subscribe(client, email="one-more@example.com")
    assert response.status_code == 429
    assert b"Too many alert sign-ups" in response.content
    assert len(mail.outbox) == settings.ALERT_CONFIRMATIONS_PER_IP


def test_an_address_with_the_most_alerts_gets_a_manage_link_instead_of_another(client, settings):
    settings.ALERT_MAX_PER_ADDRESS = 2
    ActiveAlertFactory(email="full@example.com", params={"q": "a"})
    ActiveAlertFactory(email="full@example.com", params={"q": "b"})

    response = subscribe(client, email="full@example.com")

    assert b"Check your inbox" in response.content  # the visitor learns nothing
    assert Alert.objects.filter(email="full@example.com").count() == 2
    (message,) = mail.outbox
    assert "2 job alerts already" in message.subject
    assert f"{settings.SITE_URL}/alerts/manage/" in message.body


def test_a_verified_account_at_the_limit_is_told_plainly(client, settings):
    settings.ALERT_MAX_PER_ADDRESS = 1
    user = UserFactory(username="busy@example.com")
    VerifiedEmailFactory(user=user)
    ActiveAlertFactory(email="busy@example.com", user=user, params={"q": "a"})
    client.force_login(user)

    response = subscribe(client, email="busy@example.com")

    assert response.status_code == 400
    assert b"the most one address can have" in response.content


def test_the_unsubscribe_link_shows_one_button_and_a_get_unsubscribes_nobody(client):
    alert = ActiveAlertFactory()
    link = path_of(tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email))

    page = client.get(link)

    assert page.status_code == 200
    assert page.content.count(b'type="submit"') == 1 and b">Unsubscribe</button>" in page.content
    alert.refresh_from_db()
    assert alert.status == Alert.Status.ACTIVE


def test_a_mail_clients_one_click_post_unsubscribes_without_csrf():
    alert = ActiveAlertFactory()
    link = path_of(tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email))
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert b"unsubscribed" in response.content
    alert.refresh_from_db()
    assert alert.status == Alert.Status.UNSUBSCRIBED


def test_a_tampered_unsubscribe_link_is_refused(client):
    alert = ActiveAlertFactory()
    link = path_of(tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email))
    assert client.post(link.replace(":", ":x", 1)).status_code == 400
    alert.refresh_from_db()
    assert alert.status == Alert.Status.ACTIVE


def test_the_manage_link_lists_one_addresss_alerts_to_change_or_delete(
    client, django_assert_max_num_queries
):
    mine = ActiveAlertFactory(email="me@example.com", name="Nurse jobs")
    paused = ActiveAlertFactory(email="me@example.com", name="Driver jobs", params={"q": "d"})
    ActiveAlertFactory(email="other@example.com", name="Someone else's")
    manage = path_of(tokens.manage_link(email="me@example.com"))

    with django_assert_max_num_queries(6):
        page = client.get(manage)
    assert b"Nurse jobs" in page.content and b"Driver jobs" in page.content
    assert b"Someone else" not in page.content

    change = reverse("alerts:manage_change", args=[manage.split("/")[-2], paused.pk])
    assert client.post(change, {"frequency": "weekly", "paused": "on"}).status_code == 302
    paused.refresh_from_db()
    assert (paused.frequency, paused.status) == ("weekly", "paused")

    delete = reverse("alerts:manage_change", args=[manage.split("/")[-2], mine.pk])
    client.post(delete, {"delete": ""})
    assert not Alert.objects.filter(pk=mine.pk).exists()


def test_a_manage_link_cannot_touch_another_addresss_alert(client):
    other = ActiveAlertFactory(email="other@example.com")
    token = tokens.manage_link(email="me@example.com").split("/")[-2]
    response = client.post(reverse("alerts:manage_change", args=[token, other.pk]), {"delete": ""})
    assert response.status_code == 404
    assert Alert.objects.filter(pk=other.pk).exists()


def test_an_account_sees_and_changes_only_its_own_alerts(client, django_assert_max_num_queries):
    me, someone = UserFactory(username="me@example.com"), UserFactory(username="x@example.com")
    mine = ActiveAlertFactory(email=me.email, user=me, name="My nurse alert")
    theirs = ActiveAlertFactory(email=someone.email, user=someone, name="Their alert")
    client.force_login(me)

    with django_assert_max_num_queries(8):
        page = client.get(reverse("alerts:mine"))
    assert b"My nurse alert" in page.content and b"Their alert" not in page.content

    assert (
        client.post(reverse("alerts:mine_change", args=[theirs.pk]), {"delete": ""}).status_code
        == 404
    )
    assert Alert.objects.filter(pk=theirs.pk).exists()
    response = client.post(reverse("alerts:mine_change", args=[mine.pk]), {"frequency": "weekly"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.frequency == "weekly"


def test_the_account_page_needs_a_login(client):
    response = client.get(reverse("alerts:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    alert = ActiveAlertFactory()
    assert (
        client.post(reverse("alerts:mine_change", args=[alert.pk]), {"delete": ""}).status_code
        == 302
    )
    assert Alert.objects.filter(pk=alert.pk).exists()


def test_a_pending_alert_cannot_be_changed_before_it_is_confirmed(client):
    alert = PendingAlertFactory(email="me@example.com")
    token = tokens.manage_link(email="me@example.com").split("/")[-2]
    client.post(reverse("alerts:manage_change", args=[token, alert.pk]), {"frequency": "weekly"})
    alert.refresh_from_db()
    assert (alert.status, alert.frequency) == ("pending", "daily")


def test_the_search_page_stays_within_its_query_budget(client, django_assert_max_num_queries):
    PublishedJobFactory(title="Registered Nurse")
    with django_assert_max_num_queries(12):
        assert client.get("/jobs/?q=registered+nurse").status_code == 200
