"""A job seeker searches around a ZIP code, narrows the distance and opens a job in Chromium."""

import pytest
from playwright.sync_api import expect

from listings.models import Place
from listings.services import place_save
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_jobs():
    us = Place.objects.create(name="United States", kind="country", code="US")
    california = Place.objects.create(name="California", kind="state", code="CA", parent=us)
    for name in ("San Jose", "Sunnyvale"):
        city = place_save(place=Place(name=name, kind="city", parent=california))
        PublishedJobFactory(title=f"Software Engineer in {name}", places=[city])


def test_search_around_a_zip_code_then_narrow_the_distance(live_server, page, zip_codes):
    make_jobs()
    page.goto(live_server.url)
    page.get_by_placeholder("Job title, keywords or company").fill("software engineer")
    page.get_by_placeholder("City, state, ZIP code or “Remote”").fill("95112")
    page.get_by_role("button", name="Search jobs").click()

    page.wait_for_url("**/jobs/?*")
    assert page.get_by_text("Showing results 1-2 of 2").is_visible()
    assert page.get_by_text("8 mi away").is_visible()
    distance = page.get_by_label("Distance from 95112")
    assert distance.input_value() == "25"

    # Each distance says how many results it gives, once the counts have loaded.
    expect(distance.locator('option[value="5"]')).to_have_text("Within 5 miles (1)")
    expect(distance.locator('option[value="10"]')).to_have_text("Within 10 miles (2)")
    distance.select_option(label="Within 5 miles (1)")
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_text("Showing results 1-1 of 1").is_visible()
    assert "radius=5" in page.url

    page.get_by_role("link", name="Software Engineer in San Jose").click()
    assert page.get_by_text("3 mi away from 95112").is_visible()
