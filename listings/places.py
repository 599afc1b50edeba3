"""Reading places from what people type: "California", "CA", "San Jose, CA", "remote"."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Case, IntegerField, Value, When
from django.utils.text import slugify

from listings.models import Place

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
