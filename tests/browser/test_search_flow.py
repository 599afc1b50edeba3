"""A job seeker searches from the home page, filters, pages and opens a job in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from listings.models import Place
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_jobs():
    us = Place.objects.create(name="United States", kind="country", code="US")
    california = Place.objects.create(name="California", kind="state", code="CA", parent=us)
    san_jose = Place.objects.create(name="San Jose", kind="city", parent=california)
    now = timezone.now()
    for index in range(50):
        PublishedJobFactory(
            title=f"Registered Nurse {index:02d}",
            employment_type="part_time" if index % 10 == 0 else "full_time",
            posted_at=now - timedelta(hours=index),
            places=[san_jose],
        )
    PublishedJobFactory(title="Truck Driver", places=[san_jose])


def test_search_filter_page_and_open_a_job(live_server, page):
    make_jobs()
    page.goto(live_server.url)
    page.get_by_placeholder("Job title, keywords or company").fill("registered nurse")
    page.get_by_placeholder("City, state, ZIP code or “Remote”").fill("California")
    page.get_by_role("button", name="Search jobs").click()

    page.wait_for_url("**/jobs/?*")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Registered Nurse Jobs in California"
    )
    assert page.get_by_text("Showing results 1-20 of 50").is_visible()

    # The counts arrive after the results, in each option's label; none is greyed but usable.
    page.get_by_label("Full-time (45)").check()
    expect(page.get_by_label("Part-time (5)")).to_be_visible()
    expect(page.locator("label.facet--empty", has_text="Contract (0)")).to_be_visible()
    expect(page.locator('option[value="7"]')).to_have_text("Last 7 days (50)")
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_text("Showing results 1-20 of 45").is_visible()
    assert "employment_type=full_time" in page.url
    # Each option still counts its own choice: the job type's choice is set aside.
    expect(page.get_by_label("Part-time (5)")).not_to_be_checked()
    expect(page.get_by_label("Full-time (45)")).to_be_checked()
    expect(page.locator('option[value="7"]')).to_have_text("Last 7 days (45)")

    page.get_by_role("link", name="Next page").click()
    assert page.get_by_text("Showing results 21-40 of 45").is_visible()
    assert "employment_type=full_time" in page.url
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"

    first_title = page.locator(".job-card__title a").first.inner_text()
    page.locator(".job-card__title a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == first_title
    assert page.get_by_text("San Jose, CA").first.is_visible()
    assert page.get_by_role("link", name="Apply on company site").first.is_visible()
