"""A job seeker misspells a title, gets "Did you mean", and one click finds the jobs."""

import pytest

from listings.words.services import title_words_refresh
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_misspelled_search_offers_the_correction_in_one_click(live_server, page):
    for _ in range(3):
        PublishedJobFactory(title="Registered Nurse")
    title_words_refresh()
    page.goto(live_server.url)
    page.get_by_placeholder("Job title, keywords or company").fill("registerd nurse")
    page.get_by_role("button", name="Search jobs").click()

    page.wait_for_url("**/jobs/?*")
    assert page.get_by_text("No jobs match this search yet").is_visible()
    page.get_by_role("link", name="registered nurse").click()

    page.wait_for_url("**/jobs/?q=registered+nurse")
    assert page.get_by_text("Showing results 1-3 of 3").is_visible()
    assert not page.get_by_text("Did you mean").is_visible()
