"""Salary reads: title suggestions from the occupations table."""

import pytest

from salaries.models import Occupation
from salaries.selectors import occupations_matching
from tests.conftest import plans_by_index_conditions

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupations():
    for name, aliases in [
        ("Registered Nurse", ["RN", "Staff Nurse"]),
        ("Dental Hygienist", ["Registered Dental Hygienist"]),
        ("Nurse Practitioner", ["NP"]),
        ("Nursery Teacher", []),
        ("Software Engineer", ["SWE", "Software Developer"]),
        ("Truck Driver", ["CDL-A Driver"]),
        ("Café Manager", []),
        ("Staffing Coordinator", []),
    ]:
        Occupation.objects.create(name=name, aliases=aliases)


def names(typed: str, **kwargs) -> list[str]:
    return [occupation.name for occupation in occupations_matching(q=typed, **kwargs)]


def test_names_starting_with_what_was_typed_come_before_later_words_then_aliases(occupations):
    assert names("nur") == ["Nurse Practitioner", "Nursery Teacher", "Registered Nurse"]
    # Registered Nurse matches by its name and its alias "Staff Nurse": it is listed once.
    assert names("nurse") == ["Nurse Practitioner", "Nursery Teacher", "Registered Nurse"]
    assert names("staff") == ["Staffing Coordinator", "Registered Nurse"]
    assert names("nur", limit=2) == ["Nurse Practitioner", "Nursery Teacher"]


def test_an_alias_finds_its_occupation(occupations):
    assert names("rn") == ["Registered Nurse"]
    assert names("SWE") == ["Software Engineer"]
    assert names("developer") == ["Software Engineer"]
    assert names("cdl") == ["Truck Driver"]


def test_accents_and_case_aside(occupations):
    assert names("CAFE") == ["Café Manager"]
    assert names("cafè man") == ["Café Manager"]


def test_a_misspelt_title_gets_the_closest_occupation(occupations):
    assert names("registerd") == ["Registered Nurse", "Dental Hygienist"]
    assert names("sofware enginer")[0] == "Software Engineer"
    assert names("qqqzzz") == []


@pytest.mark.parametrize(
    "typed", ["n", "", "   ", "%%", "__", "\\\\", "n%", "' OR 1=1 --", "x" * 500]
)
def test_hostile_or_too_short_title_input_finds_nothing_and_never_fails(occupations, typed):
    assert occupations_matching(q=typed) == []


def test_title_suggestions_read_the_occupation_index_never_the_jobs(occupations):
    for typed in ("nur", "registerd"):  # the prefix statement, then the typo one
        for plan in plans_by_index_conditions(lambda typed=typed: occupations_matching(q=typed)):
            assert "occupation_suggest_key_trgm" in plan
            assert "listings_job" not in plan
