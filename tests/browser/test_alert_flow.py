"""A job seeker subscribes to an alert from a results page with the keyboard only."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from listings.alerts.models import Alert
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_subscribe_and_confirm_an_alert_with_the_keyboard_only(live_server, page):
    for n in range(3):
        PublishedJobFactory(title=f"Registered Nurse {n}")
    page.goto(f"{live_server.url}/jobs/?q=registered+nurse")

    tab_to(page, "#alert_email")
    page.keyboard.type("seeker@example.com")
    tab_to(page, "input[name=frequency]")
    page.keyboard.press("ArrowDown")  # from Daily to Weekly
    tab_to(page, ".alert-signup button[type=submit]")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")

    page.wait_for_url("**/alerts/subscribe/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    alert = Alert.objects.get()
    assert (alert.email, alert.frequency, alert.status) == (
        "seeker@example.com",
        "weekly",
        "pending",
    )

    link = re.search(r"http\S+/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your alert is on").wait_for()
    alert.refresh_from_db()
    assert alert.status == "active"
