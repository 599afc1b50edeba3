"""Reading the "Where" box: ZIP codes, city centres, and the points job pages measure from."""

import pytest
from django.db import connection

from listings.geo import miles_between
from listings.ingest.places import PlaceResolver
from listings.ingest.records import Location
from listings.models import Place
from listings.places import (
    city_centre,
    nearest_miles,
    origin_find,
    searched_place_resolve,
)
from listings.services import place_save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("zip_codes")]
# GeoNames' centres, to check ours against.
SUNNYVALE = (37.36883, -122.03635)
SAN_JOSE = (37.33939, -121.89496)


def test_a_zip_code_is_its_point_and_its_city(places):
    searched = searched_place_resolve("95112")
    assert searched.zip_code == "95112"
    assert searched.place == places.san_jose
    assert miles_between(searched.point, SAN_JOSE) < 2
    assert searched.text == searched.token == "95112"


def test_a_zip_plus_four_reads_as_its_zip_code(places):
    assert searched_place_resolve(" 95112-1234 ").zip_code == "95112"


def test_a_zip_code_of_a_city_we_do_not_list_is_its_point_alone(places):
    searched = searched_place_resolve("10001")  # New York, not in the fixture's tree
    assert searched.place is None
    assert searched.point is not None


def test_an_unknown_zip_code_is_nothing(places):
    assert searched_place_resolve("00000") is None
    assert searched_place_resolve("99999") is None


def test_a_city_is_its_place_and_its_centre(located_places):
    searched = searched_place_resolve("San Jose, CA")
    assert searched.place == located_places.san_jose
    assert searched.point == located_places.san_jose.point
    assert (searched.text, searched.token) == ("San Jose, CA", located_places.san_jose.slug)


def test_a_state_is_a_place_without_a_point(located_places):
    searched = searched_place_resolve("California")
    assert (searched.place, searched.point) == (located_places.california, None)


def test_a_us_city_centre_is_within_two_miles_of_geonames(places):
    centre = city_centre(name="Sunnyvale", state=places.california)
    assert miles_between(centre, SUNNYVALE) < 2


def test_cities_outside_the_us_have_no_centre(places):
    australia = Place.objects.create(name="Australia", kind=Place.Kind.COUNTRY, code="AU")
    # "WA" is Washington's code too: only a state of the United States reads ZIP data.
    western_australia = Place.objects.create(
        name="Western Australia", kind=Place.Kind.STATE, code="WA", parent=australia
    )
    assert city_centre(name="Seattle", state=western_australia) is None
    assert city_centre(name="Atlantis", state=places.california) is None
    assert city_centre(name="San Jose", state=None) is None


def test_saving_a_us_city_gives_it_a_centre_and_keeps_one_set_by_hand(places):
    place_save(place=places.sunnyvale)
    places.sunnyvale.refresh_from_db()
    assert miles_between(places.sunnyvale.point, SUNNYVALE) < 2
    places.austin.latitude, places.austin.longitude = 30.0, -97.0
    place_save(place=places.austin)
    places.austin.refresh_from_db()
    assert places.austin.point == (30.0, -97.0)


def test_ingest_places_a_new_us_city_and_leaves_others_unlocated(places):
    resolver = PlaceResolver()
    santa_clara = resolver.resolve(Location(text="Santa Clara, CA"))
    assert santa_clara.kind == Place.Kind.CITY
    assert miles_between(santa_clara.point, (37.35411, -121.95524)) < 2
    cape_town = resolver.resolve(Location(text="Cape Town, Western Cape, South Africa"))
    assert cape_town.point is None


def test_miles_agree_with_postgresql_earth_distance():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT earth_distance(ll_to_earth(%s, %s), ll_to_earth(%s, %s)) / 1609.344",
            [*SAN_JOSE, *SUNNYVALE],
        )
        (in_sql,) = cursor.fetchone()
    assert miles_between(SAN_JOSE, SUNNYVALE) == pytest.approx(in_sql, abs=0.001)
    assert miles_between(SAN_JOSE, SAN_JOSE) == 0


def test_nearest_miles_reads_the_nearest_located_place(located_places):
    remote_and_cities = [located_places.remote, located_places.austin, located_places.sunnyvale]
    miles = nearest_miles(remote_and_cities, located_places.san_jose.point)
    assert miles == pytest.approx(
        miles_between(located_places.san_jose.point, located_places.sunnyvale.point)
    )
    assert nearest_miles([located_places.remote], SAN_JOSE) is None


def test_origin_is_a_zip_code_or_a_located_city_slug(located_places):
    label, point = origin_find("95112")
    assert label == "95112" and miles_between(point, SAN_JOSE) < 2
    assert origin_find(located_places.sunnyvale.slug) == (
        "Sunnyvale, CA",
        located_places.sunnyvale.point,
    )
    for unknown in ("00000", "california", "nowhere", "x" * 5000, "' OR 1=1 --"):
        assert origin_find(unknown) is None
