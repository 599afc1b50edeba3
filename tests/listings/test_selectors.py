"""Job reads: similar jobs, place suggestions."""

import pytest

from listings.models import Place
from listings.selectors import job_similar, places_matching
from tests.conftest import plans_by_index_conditions
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_similar_jobs_of_an_unmapped_title_keep_its_short_words(places):
    job = PublishedJobFactory(title="IT Manager", places=[places.san_jose])
    same_title = PublishedJobFactory(title="IT Manager II", places=[places.sunnyvale])
    PublishedJobFactory(title="Store Manager", places=[places.sunnyvale])
    assert [other.pk for other in job_similar(job=job)] == [same_title.pk]


def names(places) -> list[str]:
    return [place.display_name for place in places]


def test_place_suggestions_start_with_what_was_typed_then_later_words_biggest_first(places):
    Place.objects.create(name="Santa Clara", kind="city", parent=places.california, population=1)
    Place.objects.create(name="Lake Sand", kind="city", parent=places.texas, population=2_000_000)
    assert names(places_matching(q="  SAN ")) == [
        "San Jose, CA",
        "Santa Clara, CA",
        "Lake Sand, TX",
    ]
    assert names(places_matching(q="jose")) == ["San Jose, CA"]
    assert names(places_matching(q="san", limit=1)) == ["San Jose, CA"]
    assert names(places_matching(q="rem")) == ["Remote"]


def test_place_suggestions_ignore_accents_and_narrow_to_the_state_after_a_comma(places):
    Place.objects.create(name="San José", kind="city", parent=places.texas, population=1)
    assert names(places_matching(q="san jose")) == ["San Jose, CA", "San José, TX"]
    assert names(places_matching(q="San Jose, TX")) == ["San José, TX"]
    assert names(places_matching(q="san jose, cal")) == ["San Jose, CA"]
    assert names(places_matching(q="SÁN JOSE")) == ["San Jose, CA", "San José, TX"]


def test_a_misspelt_place_gets_the_closest_names(places):
    assert names(places_matching(q="Califrnia")) == ["California"]
    assert names(places_matching(q="Sunyvale")) == ["Sunnyvale, CA"]
    assert names(places_matching(q="zzzzqqq")) == []


@pytest.mark.parametrize(
    "typed", ["s", " ", "", ", CA", "%%", "__", "\\", "%", "s%", "' OR 1=1 --", "a" * 500]
)
def test_hostile_or_too_short_place_input_finds_nothing_and_never_fails(places, typed):
    assert places_matching(q=typed) == []


def test_wildcards_are_matched_as_themselves(places):
    Place.objects.create(name="100% Town", kind="city", parent=places.texas)
    assert names(places_matching(q="100%")) == ["100% Town, TX"]
    assert places_matching(q="s%e") == places_matching(q="s_n") == []


def test_place_suggestions_are_one_query_the_name_index_can_serve(
    places, django_assert_num_queries
):
    with django_assert_num_queries(1):
        places_matching(q="san")
    for typed in ("san", "zzzzqqq"):  # the prefix statement, then the typo one
        for plan in plans_by_index_conditions(lambda typed=typed: places_matching(q=typed)):
            assert "place_suggest_key_trgm" in plan
            assert "listings_job" not in plan
