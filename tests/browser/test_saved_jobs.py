"""A job seeker saves jobs from the results with the keyboard alone, then opens Saved jobs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_until_focused(page, key: str, locator, most: int = 120) -> None:
    """Press ``key`` (Tab or Shift+Tab) until ``locator`` has the keyboard focus."""
    for _ in range(most):
        page.keyboard.press(key)
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {locator}")


def test_save_from_results_without_reload_then_open_saved_jobs(live_server, page):
    from playwright.sync_api import expect

    now = timezone.now()
    company = CompanyFactory(name="Mercy Health")
    for index in range(3):
        PublishedJobFactory(
            title=f"Registered Nurse {index}",
            company=company,
            posted_at=now - timedelta(hours=index),
        )
    page.goto(f"{live_server.url}/jobs/?q=nurse")
    results_url = page.url
    page.evaluate("window.notReloaded = true")

    first = page.get_by_role("button", name="Save Registered Nurse 0 at Mercy Health")
    expect(first).to_have_attribute("aria-pressed", "false")
    press_until_focused(page, "Tab", first)
    page.keyboard.press("Enter")
    saved_first = page.get_by_role("button", name="Saved Registered Nurse 0 at Mercy Health")
    expect(saved_first).to_have_attribute("aria-pressed", "true")
    expect(saved_first).to_be_focused()

    second = page.get_by_role("button", name="Save Registered Nurse 1 at Mercy Health")
    press_until_focused(page, "Tab", second)
    page.keyboard.press("Space")
    expect(
        page.get_by_role("button", name="Saved Registered Nurse 1 at Mercy Health")
    ).to_have_attribute("aria-pressed", "true")
    header_link = page.get_by_role("link", name="Saved jobs (2)")
    expect(header_link).to_be_visible()
    assert page.url == results_url
    assert page.evaluate("window.notReloaded") is True

    press_until_focused(page, "Shift+Tab", header_link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/saved/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved jobs")
    titles = page.locator(".job-card__title a")
    expect(titles).to_have_text(["Registered Nurse 1", "Registered Nurse 0"])
    expect(page.locator(".save-job__button[aria-pressed=true]")).to_have_count(2)
