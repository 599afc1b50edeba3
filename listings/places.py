"""Reading places from what people type: "California", "CA", "San Jose, CA", "remote", and
the US ZIP codes and city centres that radius searches measure from."""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Avg, Case, IntegerField, Value, When
from django.utils.text import slugify

from listings.geo import Point, miles_between, zip_code_text
from listings.models import Place, ZipCode

# When a name is ambiguous ("New York"), the wider place wins, then the bigger city.
_KIND_ORDER = Case(
    When(kind=Place.Kind.REMOTE, then=Value(0)),
    When(kind=Place.Kind.COUNTRY, then=Value(1)),
    When(kind=Place.Kind.STATE, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
FUZZY_THRESHOLD = 0.3  # pg_trgm's own default for the % operator


def place_resolve(text: str) -> Place | None:
    """The place a search box entry means, or None when nothing is close enough.

    Tries, in order: the slug ("san-jose-ca"), "City, ST", a state or country code ("CA"),
    the exact name, then a trigram match for typos ("Califrnia").
    """
    text = " ".join(text.split())
    if not text:
        return None
    places = Place.objects.select_related("parent")
    by_slug = places.filter(slug=slugify(text)).first()
    if by_slug:
        return by_slug
    city, _, region = (
        (part.strip() for part in text.rpartition(",")) if "," in text else ("", "", "")
    )
    if city and region:
        match = (
            places.filter(kind=Place.Kind.CITY, name__unaccent__iexact=city)
            .filter(parent__code__iexact=region)
            .first()
        )
        if match:
            return match
    if len(text) <= 3:
        match = places.filter(code__iexact=text).order_by(_KIND_ORDER).first()
        if match:
            return match
    match = places.filter(name__unaccent__iexact=text).order_by(_KIND_ORDER, "-population").first()
    if match:
        return match
    return (
        places.annotate(similarity=TrigramSimilarity("name", text))
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity", _KIND_ORDER, "-population")
        .first()
    )


@dataclass(frozen=True)
class SearchedPlace:
    """What the "Where" box named: a place, a point to measure a radius from, or both.

    A city with coordinates is both; a ZIP code is its point and its city when we list it; a
    state, a country, "Remote" or a city without coordinates is a place alone.
    """

    place: Place | None
    point: Point | None = None
    zip_code: str = ""

    @property
    def text(self) -> str:
        """The search box's text in its one spelling: "95112", "San Jose, CA"."""
        return self.zip_code or self.place.display_name

    @property
    def token(self) -> str:
        """What a result links to its job page with, for ``origin_find``: "95112", "san-jose-ca"."""
        return self.zip_code or self.place.slug


def searched_place_resolve(text: str) -> SearchedPlace | None:
    """What a search box entry means, a ZIP code ("95112", "95112-1234") or a place as
    ``place_resolve`` reads it; None when we know neither."""
    code = zip_code_text(text)
    if code is None:
        place = place_resolve(text)
        return SearchedPlace(place=place, point=place.point) if place else None
    zip_code = ZipCode.objects.filter(code=code).first()
    if zip_code is None:
        return None
    city = (
        Place.objects.select_related("parent")
        .filter(kind=Place.Kind.CITY, name__unaccent__iexact=zip_code.city)
        .filter(parent__kind=Place.Kind.STATE, parent__code__iexact=zip_code.state)
        .first()
    )
    return SearchedPlace(
        place=city, point=(zip_code.latitude, zip_code.longitude), zip_code=zip_code.code
    )


def origin_find(token: str) -> tuple[str, Point] | None:
    """The point a job page measures its distance from, in one query: a ZIP code or a city's
    slug (``SearchedPlace.token``), with how to name it ("95112", "San Jose, CA")."""
    code = zip_code_text(token)
    if code:
        found = ZipCode.objects.filter(code=code).values_list("latitude", "longitude").first()
        return (code, found) if found else None
    place = Place.objects.select_related("parent").filter(slug=token[:140]).first()
    return (place.display_name, place.point) if place and place.point else None


def city_centre(*, name: str, state: Place | None) -> Point | None:
    """Where a US city is: the mean point of its street-delivery ZIP codes (1-3 miles from
    GeoNames' city centres for the demo's cities). None outside the US or for a name the
    Postal Service does not use; such cities match by name only."""
    if state is None or state.kind != Place.Kind.STATE or not state.code or not state.parent_id:
        return None
    if state.parent.code != "US":
        return None
    centre = ZipCode.objects.filter(
        state=state.code.upper(), city__unaccent__iexact=name, standard=True
    ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if centre["latitude"] is None:
        return None
    return (round(centre["latitude"], 5), round(centre["longitude"], 5))


def nearest_miles(places, point: Point) -> float | None:
    """Miles from ``point`` to the nearest of ``places`` with coordinates (a job's places,
    already loaded), or None when none has any."""
    return min((miles_between(point, place.point) for place in places if place.point), default=None)
