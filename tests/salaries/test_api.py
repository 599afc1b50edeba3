"""The salary API: the salary page's figures for a title and a place, or "too few"."""

import statistics
from decimal import Decimal

import pytest
from django.utils import timezone

from salaries.models import Occupation
from salaries.services import salary_aggregates_refresh
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
SITE = "http://testserver.example"
# Yearly ranges in San Jose (five: enough for figures) and Sunnyvale (two: too few).
SAN_JOSE = [
    (150000, 170000),
    (160000, 200000),
    (133600, 160500),
    (190000, 230000),
    (210000, 250000),
]
SUNNYVALE = [(120000, 140000), (175000, 175000)]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def engineer(places):
    occupation = Occupation.objects.create(name="Computer Vision Engineer")
    for city, ranges in ((places.san_jose, SAN_JOSE), (places.sunnyvale, SUNNYVALE)):
        for low, high in ranges:
            PublishedJobFactory(
                title="Computer Vision Engineer",
                occupation=occupation,
                pay_min=Decimal(low),
                pay_max=Decimal(high),
                places=[city],
            )
    salary_aggregates_refresh()
    return occupation


def test_figures_for_a_title_in_a_place_match_the_postings(client, engineer, places):
    body = client.get(f"/api/v1/salaries/{engineer.slug}/{places.san_jose.slug}").json()
    midpoints = [(low + high) / 2 for low, high in SAN_JOSE]
    figures = body.pop("figures")
    assert body == {
        "occupation": {"name": "Computer Vision Engineer", "slug": engineer.slug},
        "place": {
            "name": "San Jose",
            "display_name": "San Jose, CA",
            "slug": places.san_jose.slug,
            "kind": "city",
        },
        "url": f"{SITE}/salaries/{engineer.slug}/{places.san_jose.slug}/",
        "currency": "USD",
        "period": "year",
        "as_of": timezone.localdate().isoformat(),
        "sample_size": 5,
        "published": True,
        "note": "Yearly pay of 5 live Computer Vision Engineer postings in San Jose that state "
        "pay in USD, from the midpoint of each posted range.",
    }
    assert figures["mean"] == pytest.approx(statistics.mean(midpoints), abs=0.01)
    assert figures["median"] == pytest.approx(statistics.median(midpoints), abs=0.01)
    assert (figures["min"], figures["max"]) == (min(midpoints), max(midpoints))
    quartiles = statistics.quantiles(midpoints, n=4, method="inclusive")
    assert (figures["p25"], figures["p75"]) == pytest.approx(quartiles[::2], abs=0.01)
    assert figures["p10"] < figures["p25"] < figures["median"] < figures["p75"] < figures["p90"]


def test_a_state_and_everywhere_pool_their_cities(client, engineer, places):
    state = client.get(f"/api/v1/salaries/{engineer.slug}/{places.california.slug}").json()
    everywhere = client.get(f"/api/v1/salaries/{engineer.slug}").json()
    assert state["sample_size"] == everywhere["sample_size"] == 7
    assert everywhere["place"] is None
    assert everywhere["url"] == f"{SITE}/salaries/{engineer.slug}/"


def test_too_few_postings_give_no_figures_and_say_so(client, engineer, places):
    body = client.get(f"/api/v1/salaries/{engineer.slug}/{places.sunnyvale.slug}").json()
    assert (body["published"], body["figures"], body["sample_size"]) == (False, None, 2)
    assert body["note"] == (
        "Too few postings for a fair figure: 2 live Computer Vision Engineer postings in "
        "Sunnyvale state their pay, and figures need 5."
    )


def test_a_place_without_any_postings_has_no_figures(client, engineer, places):
    body = client.get(f"/api/v1/salaries/{engineer.slug}/{places.austin.slug}").json()
    assert (body["published"], body["sample_size"], body["as_of"]) == (False, 0, None)


@pytest.mark.parametrize(
    "path, detail",
    [
        ("/api/v1/salaries/astronaut/san-jose-ca", "No job title has this slug"),
        ("/api/v1/salaries/computer-vision-engineer/atlantis", "No place has this slug"),
    ],
)
def test_unknown_titles_and_places_are_a_json_404(client, engineer, places, path, detail):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"].startswith(detail)


def test_salary_runs_a_bounded_number_of_queries(
    client, engineer, places, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(f"/api/v1/salaries/{engineer.slug}/{places.san_jose.slug}")
