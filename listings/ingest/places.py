"""Where a feed's posting is: the policy for locations outside sources write.

- A place we know is matched exactly ("San Jose, CA", "Toronto, Ontario, Canada", "Texas"),
  never by trigram similarity: a fuzzy guess would put a job in the wrong city silently.
- A city we do not know is created under its state or country when the feed states one we
  know, or states all three levels ("Cape Town, Western Cape, South Africa"; Ashby and
  JSON-LD addresses); the missing levels are created with it.
- Anything else ("NY office", "Crystal City") leaves the job unplaced: it is still found by
  keywords and by "Remote" when remote, and the feed's text is kept on its IngestedPosting.
"""

from django.db import IntegrityError, transaction

from listings.ingest.records import Location
from listings.models import Place
from listings.places import city_centre
from listings.text import ascii_slug

COUNTRY_ALIASES = {
    "usa": "united states",
    "us": "united states",
    "u.s.": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "gb": "united kingdom",
    "great britain": "united kingdom",
}


class PlaceResolver:
    """Reads feed locations into places, remembering answers for the rest of the run."""

    def __init__(self) -> None:
        self._cache: dict[Location, Place | None] = {}

    def resolve(self, location: Location) -> Place | None:
        if location not in self._cache:
            self._cache[location] = self._resolve(location)
        return self._cache[location]

    def _resolve(self, location: Location) -> Place | None:
        if location.text:
            parts = [part.strip() for part in location.text.split(",") if part.strip()]
            if len(parts) == 1:
                return _named(parts[0])
            if len(parts) == 2:
                return self._city_in_region(parts[0], parts[1])
            return self._structured(parts[0], parts[-2], parts[-1], create_parents=True)
        return self._structured(
            location.city, location.region, location.country, create_parents=True
        )

    def _city_in_region(self, city: str, region: str) -> Place | None:
        """ "Austin, TX", "Austin, Texas" or "London, United Kingdom": only a known region."""
        parent = _state(region) or _country(region)
        return _child(parent, city, Place.Kind.CITY, create=True) if parent else None

    def _structured(
        self, city: str, region: str, country: str, *, create_parents: bool
    ) -> Place | None:
        country_place = _country(country) if country else None
        if country and country_place is None and create_parents and len(country) > 3:
            country_place = _create(country, Place.Kind.COUNTRY, None)
        state = None
        if region:
            state = _state(region, country_place)
            # A code we do not know ("LND") is not a name to create a state with.
            if state is None and country_place is not None and create_parents and len(region) > 3:
                state = _child(country_place, region, Place.Kind.STATE, create=True)
        parent = state or country_place
        if city:
            if parent is None:
                return _named(city, kinds=[Place.Kind.CITY])
            return _child(parent, city, Place.Kind.CITY, create=True)
        return parent


def _named(name: str, kinds=None) -> Place | None:
    """A place by its exact name (or a country alias): the wider place, then the bigger city."""
    if name.lower() in ("remote", "anywhere", ""):
        return None
    places = Place.objects.filter(name__unaccent__iexact=COUNTRY_ALIASES.get(name.lower(), name))
    if kinds:
        places = places.filter(kind__in=kinds)
    order = {Place.Kind.COUNTRY: 0, Place.Kind.STATE: 1, Place.Kind.CITY: 2}
    found = sorted(
        places.select_related("parent"), key=lambda p: (order.get(p.kind, 3), -p.population)
    )
    return found[0] if found else None


def _country(text: str) -> Place | None:
    text = COUNTRY_ALIASES.get(text.strip().lower(), text.strip())
    countries = Place.objects.filter(kind=Place.Kind.COUNTRY)
    if len(text) <= 3:
        return countries.filter(code__iexact=text).first()
    return countries.filter(name__unaccent__iexact=text).first()


def _state(text: str, country: Place | None = None) -> Place | None:
    states = Place.objects.filter(kind=Place.Kind.STATE)
    if country is not None:
        states = states.filter(parent=country)
    if len(text) <= 3:
        return states.filter(code__iexact=text).first()
    return states.filter(name__unaccent__iexact=text).first()


def _child(parent: Place, name: str, kind: str, *, create: bool) -> Place | None:
    found = (
        Place.objects.filter(parent=parent, kind=kind, name__unaccent__iexact=name)
        .select_related("parent")
        .first()
    )
    if found or not create:
        return found
    return _create(name, kind, parent)


def _create(name: str, kind: str, parent: Place | None) -> Place:
    """A new place; two runs creating the same one at once end with one row."""
    # Transliterated: dropping the letters would give every Japanese city the slug "jp", and
    # the first one found would then stand for all of them.
    base = ascii_slug(f"{name} {parent.code or parent.name}" if parent else name) or "place"
    slug, number = base, 1
    while Place.objects.filter(slug=slug).exists():
        same = Place.objects.filter(slug=slug, kind=kind, parent=parent).first()
        if same:
            return same
        number += 1
        slug = f"{base}-{number}"
    # A US city gets its centre for radius searches; any other matches by name only.
    latitude, longitude = (kind == Place.Kind.CITY and city_centre(name=name, state=parent)) or (
        None,
        None,
    )
    try:
        with transaction.atomic():
            return Place.objects.create(
                name=name[:120],
                kind=kind,
                parent=parent,
                slug=slug,
                latitude=latitude,
                longitude=longitude,
            )
    except IntegrityError:
        return Place.objects.get(slug=slug)
