"""From a search's salary box to the salary page, reading the FAQ on the way, in Chromium."""

import pytest

from listings.models import Place
from salaries.models import FaqEntry, Occupation
from salaries.services import salary_aggregates_refresh
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_salaries() -> Occupation:
    us = Place.objects.create(name="United States", kind="country", code="US")
    california = Place.objects.create(name="California", kind="state", code="CA", parent=us)
    san_jose = Place.objects.create(name="San Jose", kind="city", parent=california)
    nurse = Occupation.objects.create(name="Registered Nurse", aliases=["RN"])
    FaqEntry.objects.create(
        occupation=nurse, question="What does a Registered Nurse do?", answer="Cares for patients."
    )
    for index in range(8):
        pay = 100_000 + index * 10_000
        PublishedJobFactory(
            title="Registered Nurse", occupation=nurse, pay_min=pay, pay_max=pay, places=[san_jose]
        )
    salary_aggregates_refresh()
    return nurse


def test_salary_box_leads_to_the_salary_page(live_server, page):
    make_salaries()
    page.goto(f"{live_server.url}/jobs/registered-nurse/california/")
    box = page.get_by_role("region", name="Registered Nurse pay in California")
    assert "$135K" in box.inner_text()  # the average of 100K, 110K, ... 170K
    assert "10th percentile" in box.inner_text()

    faq_answer = page.get_by_text("Cares for patients.")
    assert not faq_answer.is_visible()
    page.get_by_text("What does a Registered Nurse do?").click()
    assert faq_answer.is_visible()

    box.get_by_role("link", name="See California salary details").click()
    page.wait_for_url("**/salaries/registered-nurse/california/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Registered Nurse salary in California"
    )
    chart = page.get_by_role("img", name="How yearly pay for Registered Nurse in California")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    lead = page.locator(".salary-lead")
    assert "the average yearly pay for Registered Nurse in California is $135,000" in (
        lead.inner_text()
    )
