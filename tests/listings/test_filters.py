"""The search filters' radius: cities and ZIP codes reach their neighbours, states stay whole."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from listings.geo import miles_between
from listings.search import search_request, search_results
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("zip_codes")]
SEARCH = reverse("listings:search")


def found(**params) -> set[int]:
    query = QueryDict(mutable=True)
    query.update(params)
    return {job.pk for job in search_results(search_request(query)).jobs}


@pytest.fixture
def bay_jobs(located_places):
    """A job in San Jose, one in Sunnyvale (8 miles from ZIP 95112), one in Austin, one remote."""
    return {
        "san_jose": PublishedJobFactory(title="Nurse", places=[located_places.san_jose]),
        "sunnyvale": PublishedJobFactory(title="Nurse", places=[located_places.sunnyvale]),
        "austin": PublishedJobFactory(title="Nurse", places=[located_places.austin]),
        "remote": PublishedJobFactory(title="Nurse", workplace_type="remote"),
    }


def test_a_job_8_miles_away_is_found_at_radius_10_and_not_at_radius_5(bay_jobs):
    sunnyvale = bay_jobs["sunnyvale"].places.get()
    zip_point = search_request(QueryDict("l=95112")).where.point
    assert 7.5 < miles_between(zip_point, sunnyvale.point) < 8.5
    assert bay_jobs["sunnyvale"].pk in found(q="nurse", l="95112", radius="10")
    assert bay_jobs["sunnyvale"].pk not in found(q="nurse", l="95112", radius="5")
    assert bay_jobs["san_jose"].pk in found(q="nurse", l="95112", radius="5")


def test_a_zip_code_finds_its_citys_jobs_and_its_neighbours(bay_jobs):
    assert found(q="nurse", l="95112") == {bay_jobs["san_jose"].pk, bay_jobs["sunnyvale"].pk}


def test_a_city_reaches_its_neighbours_by_default_and_radius_0_keeps_it_alone(bay_jobs):
    assert found(l="San Jose, CA") == {bay_jobs["san_jose"].pk, bay_jobs["sunnyvale"].pk}
    assert found(l="San Jose, CA", radius="0") == {bay_jobs["san_jose"].pk}
    assert found(l="95112", radius="0") == {bay_jobs["san_jose"].pk}
    assert found(l="Austin, TX", radius="100") == {bay_jobs["austin"].pk}


def test_a_state_is_the_state_whatever_the_radius(bay_jobs):
    in_california = {bay_jobs["san_jose"].pk, bay_jobs["sunnyvale"].pk}
    assert found(l="California") == found(l="California", radius="5") == in_california
    assert "radius" not in search_request(QueryDict("l=California&radius=5")).canonical_params()


def test_a_city_without_coordinates_still_matches_by_name(places):
    in_san_jose = PublishedJobFactory(places=[places.san_jose])
    PublishedJobFactory(places=[places.sunnyvale])
    assert found(l="San Jose, CA", radius="100") == {in_san_jose.pk}


def test_remote_jobs_are_found_by_remote_and_not_by_a_point(bay_jobs):
    assert found(l="Remote") == {bay_jobs["remote"].pk}
    assert bay_jobs["remote"].pk not in found(l="95112", radius="100")


def test_a_zip_code_far_from_every_city_finds_nothing(bay_jobs):
    assert found(l="99501") == set()  # Anchorage


def test_the_canonical_form_keeps_the_radius_unless_it_is_the_default(located_places):
    def canonical(query: str) -> dict:
        return search_request(QueryDict(query)).canonical_params()

    assert canonical("l=95112-1234&radius=25") == {"l": "95112"}
    assert canonical("l=san+jose,+ca&radius=10") == {"l": "San Jose, CA", "radius": "10"}
    assert canonical("l=San+Jose&radius=0") == {"l": "San Jose, CA", "radius": "0"}


def test_the_page_shows_distances_and_links_job_pages_to_the_point(client, bay_jobs):
    response = client.get(SEARCH, {"q": "nurse", "l": "95112"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "8 mi away" in html and "3 mi away" in html
    assert f'{bay_jobs["sunnyvale"].get_absolute_url()}?near=95112"' in html
    assert '<option value="25" selected>Within 25 miles</option>' in html
    assert 'rel="canonical" href="http://' in html and "/jobs/?q=nurse&amp;l=95112" in html
    job_page = client.get(bay_jobs["sunnyvale"].get_absolute_url(), {"near": "95112"})
    assert "8 mi away from 95112" in job_page.content.decode()


def test_a_city_landing_page_keeps_its_canonical_url_at_the_default_radius(client, bay_jobs):
    response = client.get(reverse("listings:landing", args=["nurse", "san-jose-ca"]))
    assert "/jobs/nurse/san-jose-ca/" in response.context["canonical_url"]
    assert "Under 1 mi away" in response.content.decode()
    wider = client.get(reverse("listings:landing", args=["nurse", "san-jose-ca"]), {"radius": 50})
    assert wider.context["canonical_url"].endswith("/jobs/?q=nurse&l=San+Jose%2C+CA&radius=50")


def test_cards_and_job_pages_show_no_distance_without_a_point(client, bay_jobs):
    html = client.get(SEARCH, {"q": "nurse", "l": "California"}).content.decode()
    assert "mi away" not in html and "?near=" not in html
    assert 'name="radius"' not in html
    for near in ("", "99999", "texas", "<script>", "x" * 3000):
        page = client.get(bay_jobs["austin"].get_absolute_url(), {"near": near})
        assert page.status_code == 200
        assert "mi away" not in page.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"l": "99999"}, "We don’t know the ZIP code “99999”"),
        ({"l": "00000-1234"}, "We don’t know the ZIP code “00000-1234”"),
        ({"l": "95112", "radius": "7"}, "Choose a distance of 0, 5, 10, 25, 50 or 100 miles."),
        ({"l": "95112", "radius": "-5"}, "Choose a distance of 0, 5, 10, 25, 50 or 100 miles."),
    ],
)
def test_an_unknown_zip_code_or_radius_is_a_400_with_a_clear_message(
    client, located_places, params, message
):
    page = client.get(SEARCH, params)
    assert page.status_code == 400
    assert message in page.content.decode()
    api = client.get("/api/v1/jobs", params)
    assert api.status_code == 400
    assert any(message in error for error in api.json()["errors"])


def test_the_api_takes_the_radius_and_gives_each_job_its_distance(client, bay_jobs):
    body = client.get("/api/v1/jobs", {"q": "nurse", "l": "95112", "radius": "10"}).json()
    assert body["search"] == {"q": "nurse", "l": "95112", "radius": "10"}
    distances = {job["id"]: job["distance_miles"] for job in body["jobs"]}
    assert 7.5 < distances[bay_jobs["sunnyvale"].pk] < 8.5
    without_point = client.get("/api/v1/jobs", {"q": "nurse", "l": "Texas"}).json()
    assert [job["distance_miles"] for job in without_point["jobs"]] == [None]


def test_a_radius_search_costs_a_bounded_number_of_queries(
    client, bay_jobs, django_assert_max_num_queries
):
    # ZIP code, its city, the cities near it, exact title keys, count, tiers in the city's
    # band, cards (3), salary box (1)
    with django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "nurse", "l": "95112", "radius": "50"})
    assert len(response.context["results"].jobs) == 2
