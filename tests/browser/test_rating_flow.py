"""An employee signs up, logs in, rates a company, and sees the card change once approved."""

import pytest

from companies.models import Rating
from companies.services import ratings_moderate
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough pass phrase"


def test_log_in_rate_a_company_and_see_the_card_after_approval(live_server, page):
    company = CompanyFactory(name="Apple", slug="apple")
    job = PublishedJobFactory(company=company, title="Store Leader")

    # Sign up (which logs nobody in: it answers the same for a taken address), then log in.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    assert page.get_by_role("heading", name="Check your inbox").is_visible()
    page.get_by_role("link", name="Continue to log in").click()
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("ada@example.com").is_visible()

    # The job page invites a rating; the card has none yet.
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    assert page.get_by_text("No approved ratings yet").is_visible()
    page.get_by_role("link", name="Rate Apple").click()
    for group, score in [
        ("Overall, how would you rate working here?", "8"),
        ("Pay", "9"),
        ("Benefits", "7"),
        ("Hours and flexibility", "6"),
        ("Workplace", "8"),
    ]:
        page.get_by_role("group", name=group).get_by_label(score, exact=True).check()
    page.get_by_label("Current employee").check()
    page.get_by_label("Office").check()
    page.get_by_label("Anything else job seekers should know? (optional)").fill("<b>Good</b> team")
    page.get_by_role("button", name="Send my rating").click()
    assert page.get_by_text("It counts once a moderator has approved it.").is_visible()
    assert page.get_by_text("No approved ratings yet").is_visible()

    ratings_moderate(ratings=Rating.objects.all(), status=Rating.Status.APPROVED)

    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    card = page.locator(".rating-card")
    assert "8.0 out of 10, based on 1 employee who rated it" in card.inner_text()
    assert "Paid well" in card.inner_text()  # pay 9 of 10
    page.get_by_role("link", name="About Apple").click()
    assert page.get_by_text("<b>Good</b> team").is_visible()
