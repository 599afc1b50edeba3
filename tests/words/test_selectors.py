"""'Did you mean': corrections from the words of searchable titles, offered in one click."""

import pytest
from django.urls import reverse

from listings.words.selectors import query_correction
from listings.words.services import title_words_refresh
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("listings:search")


@pytest.fixture
def titles(seeded_synonyms):
    for title, count in [
        ("Registered Nurse", 21),  # more than MUCH_MORE_COMMON times the typo's one title
        ("Software Engineer", 2),
        ("Travel Nurse", 2),
        ("Phlebotomist", 1),
        ("Registerd Nurse", 1),  # a typo an outside feed sent
    ]:
        for _ in range(count):
            PublishedJobFactory(title=title)
    title_words_refresh()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("registerd nurse", "registered nurse"),
        ("Registred Nurse", "registered Nurse"),
        ("sofware engineer", "software engineer"),
        ("sofware enginer", "software engineer"),
        ("regstered nurse in texas", "registered nurse in texas"),
        ('"registerd nurse" -travl', '"registered nurse" -travel'),
        ("flebotomist", "phlebotomist"),
    ],
)
def test_a_misspelled_title_gets_the_right_suggestion(titles, typed, meant):
    assert query_correction(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["registered nurse", "Travel Nurse", "phlebotomist", "nurses", "software engineers", "nurse 2"],
)
def test_a_correct_query_gets_no_suggestion(titles, typed):
    assert query_correction(typed) == ""


def test_a_spelling_that_searches_alike_is_not_offered_alone(titles):
    assert query_correction("enginer") == ""  # it stems as "engineer" does, and finds as much
    assert query_correction("Software Enginer") == ""


def test_synonym_terms_short_words_and_unknown_words_are_left_as_typed(titles):
    assert query_correction("swe") == ""
    assert query_correction("rn") == ""
    assert query_correction("zzzqqq") == ""
    assert query_correction("swe registerd") == "swe registered"


def test_a_correction_is_one_query_and_words_to_check_none(titles, django_assert_num_queries):
    query_correction("rn")  # loads the synonym terms, as the first search of a process does
    with django_assert_num_queries(1):
        query_correction("registerd nurse")
    with django_assert_num_queries(0):
        query_correction("rn 24")


def test_the_search_page_offers_the_correction_in_one_click(client, titles):
    response = client.get(SEARCH, {"q": "registerd nurse", "workplace_type": "remote"})
    assert response.context["results"].did_you_mean == "registered nurse"
    assert (
        'Did you mean <a href="/jobs/?q=registered+nurse&amp;workplace_type=remote">'
        "registered nurse</a>?" in response.content.decode()
    )


def test_a_search_with_enough_results_is_not_second_guessed(client, titles):
    # "registerd" does find the one title that has it, but "nurse" finds 34.
    response = client.get(SEARCH, {"q": "nurse registerd or nurse"})
    assert response.context["results"].total >= 5
    assert "Did you mean" not in response.content.decode()


def test_a_correct_search_with_few_results_gets_no_suggestion(client, titles):
    response = client.get(SEARCH, {"q": "phlebotomist"})
    assert response.context["results"].total == 1
    assert "Did you mean" not in response.content.decode()


def test_the_suggestion_is_escaped(client, titles):
    response = client.get(SEARCH, {"q": "<b>registerd</b>"})
    html = response.content.decode()
    assert "Did you mean" in html
    assert "&lt;b&gt;registered&lt;/b&gt;" in html
    assert "<b>registered" not in html


def test_the_api_says_what_the_page_suggests(client, titles):
    page = client.get("/api/v1/jobs", {"q": "registerd nurse"}).json()
    assert page["did_you_mean"] == "registered nurse"
    assert client.get("/api/v1/jobs", {"q": "nurse"}).json()["did_you_mean"] == ""
