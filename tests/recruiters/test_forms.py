"""The posting form's validation: each message a recruiter can act on."""

import pytest

from listings.recruiters.forms import CompanyCreateForm, JobPostForm
from tests.recruiters.factories import posting_data

pytestmark = pytest.mark.django_db


def errors(**overrides) -> dict:
    form = JobPostForm(posting_data(**overrides))
    form.is_valid()
    return form.errors


def test_valid_posting_has_no_errors(places):
    assert errors() == {}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"pay_min": "200000", "pay_max": "150000"}, "pay_max", "at least the lowest"),
        ({"pay_min": "", "pay_max": "150000"}, "pay_min", "Give the lowest pay too"),
        (
            {"pay_min": "140000", "pay_max": "180000", "pay_period": "hour"},
            "pay_min",
            "looks wrong",
        ),
        ({"pay_min": "5", "pay_max": "6", "pay_period": "hour"}, "pay_min", "between 7 and 500"),
        ({"pay_min": "50", "pay_max": "60", "pay_period": "year"}, "pay_max", "Check the period"),
        ({"pay_min": "-5"}, "pay_min", "greater than or equal to 0"),
        ({"apply_url": "javascript:alert(1)"}, "apply_url", "http:// or https://"),
        ({"apply_url": "ftp://acme.example/jobs"}, "apply_url", "http:// or https://"),
        ({"apply_url": "data:text/html,hi"}, "apply_url", "http:// or https://"),
        ({"apply_url": ""}, "apply_url", "Give an apply URL or an email address"),
        ({"description_markdown": ""}, "description_markdown", "This field is required."),
        (
            {"description_markdown": "<script>alert(1)</script><img src=x onerror=alert(1)>"},
            "description_markdown",
            "empty once unsafe markup is removed",
        ),
        ({"places": "Atlantis Prime Under The Sea"}, "places", "We do not know"),
        ({"places": ""}, "places", "Give at least one location, or choose Remote"),
        ({"expires_on": "2001-01-01"}, "expires_on", "Pick a date after today"),
        ({"expires_on": "2999-01-01"}, "expires_on", "at most 90 days"),
        ({"website": "http://spam.example"}, "website", "must stay empty"),
        (
            {"description_markdown": "x" * 20_001},
            "description_markdown",
            "Keep the description under 20,000 characters",
        ),
        ({"places": "San Jose, CA\n" * 100}, "places", "Keep the locations under 1,000"),
        ({"places": "x" * 101}, "places", "A location is at most 100 characters"),
        ({"title": "x" * 201}, "title", "Keep the title under 200 characters"),
    ],
)
def test_bad_input_gets_a_clear_message(places, overrides, field, message):
    found = errors(**overrides)
    assert field in found, found
    assert any(message in error for error in found[field]), found[field]


def test_remote_job_needs_no_location(places):
    assert errors(places="", workplace_type="remote") == {}


def test_apply_by_email_instead_of_url(places):
    assert errors(apply_url="", apply_email="jobs@acme.example") == {}


def test_single_figure_is_a_fixed_rate(places):
    form = JobPostForm(posting_data(pay_min="45", pay_max="", pay_period="hour"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pay_max"] == form.cleaned_data["pay_min"]


def test_description_markdown_is_stored_as_sanitised_html(places):
    form = JobPostForm(
        posting_data(
            description_markdown=(
                "# Big heading\n\nHello <b onclick='x()'>there</b> "
                "[site](javascript:alert(1)) [ok](https://acme.example)"
            )
        )
    )
    assert form.is_valid(), form.errors
    html = form.cleaned_data["description_html"]
    assert "<h2>Big heading</h2>" in html  # h1 is the page's own title
    assert "onclick" not in html
    assert 'href="javascript' not in html  # left as plain text, never a link
    assert 'href="https://acme.example"' in html


def test_several_places_one_per_line(places):
    form = JobPostForm(posting_data(places="San Jose, CA\nAustin, TX; Austin, TX"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["places"] == [places.san_jose, places.austin]


@pytest.mark.parametrize(
    ("overrides", "wrong"),
    [
        (
            {"pay_min": "1000", "pay_max": "170000", "pay_currency": "GBP", "pay_period": "month"},
            True,
        ),
        ({"pay_min": "4000000", "pay_max": "6000000", "pay_currency": "JPY"}, False),
        (
            {"pay_min": "4000", "pay_max": "5000", "pay_currency": "GBP", "pay_period": "month"},
            False,
        ),
    ],
)
def test_pay_plausibility_is_judged_in_us_dollars(places, overrides, wrong):
    found = errors(**overrides)
    assert ("looks wrong" in str(found)) == wrong, found


def test_company_description_has_a_length_cap_with_a_clear_message(db):
    form = CompanyCreateForm({"name": "Acme", "description": "x" * 2_001})
    assert not form.is_valid()
    assert "Keep the description under 2,000 characters" in form.errors["description"][0]
