"""Reads for the salary pages, the comparison page and the box beside search results."""

import hashlib

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db.models import Case, F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Value, When

from listings.models import Place
from listings.selectors import SuggestKey, suggest_typed, suggest_word_start
from salaries.faq import faq_for
from salaries.insights import (
    CityOpenings,
    ComparisonPage,
    ComparisonRowView,
    ComparisonView,
    SalaryBox,
    SalaryInsight,
)
from salaries.models import Comparison, FaqEntry, Occupation, OpeningCount, SalaryAggregate
from salaries.normaliser import occupation_for_title

# Pages show one currency; postings in others are aggregated separately and not mixed in.
PAGE_CURRENCY = "USD"
CITIES_LISTED = 10
CITIES_HIRING = 5
BOX_CACHE_SECONDS = 10 * 60
# In the box's cache key: bump it when SalaryBox, or a class it holds, changes shape or module,
# so a shared cache never hands new code a pickle it cannot load.
BOX_FORMAT = 2
# Bumped by every refresh, so a cached box never outlives the figures it shows.
AGGREGATES_VERSION_KEY = "salaries:aggregates_version"


def _latest(aggregates: QuerySet[SalaryAggregate], *per: str) -> QuerySet[SalaryAggregate]:
    """The newest row per ``per`` columns (DISTINCT ON), in the page's currency."""
    return (
        aggregates.filter(currency=PAGE_CURRENCY)
        .order_by(*per, "-as_of")
        .distinct(*per)
        .select_related("place__parent")
    )


def aggregate_latest(*, occupation: Occupation, place: Place | None) -> SalaryAggregate | None:
    """The newest aggregate for an occupation in a place (None: everywhere)."""
    return (
        SalaryAggregate.objects.filter(occupation=occupation, place=place, currency=PAGE_CURRENCY)
        .order_by("-as_of")
        .first()
    )


def aggregates_for_cities(*, occupation: Occupation, place: Place | None) -> list[SalaryAggregate]:
    """The cities inside ``place`` on the occupation's newest day, the most postings first.

    One day only, so the rows read stay the same however much history accumulates.
    """
    if place is not None and place.kind in (Place.Kind.CITY, Place.Kind.REMOTE):
        return []
    newest_day = (
        SalaryAggregate.objects.filter(occupation=occupation).order_by("-as_of").values("as_of")[:1]
    )
    cities = SalaryAggregate.objects.filter(
        occupation=occupation,
        currency=PAGE_CURRENCY,
        as_of=Subquery(newest_day),
        place__kind=Place.Kind.CITY,
    )
    if place is not None:
        cities = cities.filter(place__lineage__contains=[place.pk])
    cities = cities.select_related("place__parent").order_by("-sample_size", "place__name")
    return list(cities[:CITIES_LISTED])


def aggregates_for_related(
    *, occupation: Occupation, place: Place | None
) -> list[tuple[Occupation, SalaryAggregate | None]]:
    """Related occupations with their newest aggregate in the same place."""
    related = list(occupation.related.all())
    rows = {
        row.occupation_id: row
        for row in _latest(
            SalaryAggregate.objects.filter(occupation__in=related, place=place), "occupation_id"
        )
    }
    return [(other, rows.get(other.pk)) for other in related]


def comparisons_for(*, occupation: Occupation) -> list[ComparisonView]:
    """Curated comparisons involving ``occupation``, turned so it is on the left."""
    comparisons = (
        Comparison.objects.filter(Q(occupation=occupation) | Q(other=occupation))
        .select_related("occupation", "other")
        .prefetch_related("rows")
    )
    return [_oriented(comparison, occupation) for comparison in comparisons]


def _oriented(comparison: Comparison, left: Occupation) -> ComparisonView:
    flipped = comparison.other_id == left.pk
    rows = [
        ComparisonRowView(
            aspect=row.aspect,
            left=row.other_text if flipped else row.occupation_text,
            right=row.occupation_text if flipped else row.other_text,
        )
        for row in comparison.rows.all()
    ]
    return ComparisonView(
        left=comparison.other if flipped else comparison.occupation,
        right=comparison.occupation if flipped else comparison.other,
        rows=rows,
        summary=comparison.summary,
    )


def comparison_between(*, left: Occupation, right: Occupation) -> ComparisonView | None:
    """The curated comparison of two occupations in either order, oriented left to right."""
    comparison = (
        Comparison.objects.filter(Q(occupation=left, other=right) | Q(occupation=right, other=left))
        .select_related("occupation", "other")
        .prefetch_related("rows")
        .first()
    )
    return _oriented(comparison, left) if comparison else None


def cities_hiring(*, occupation: Occupation, place: Place | None) -> list[CityOpenings]:
    """Cities inside ``place`` with the most live openings for ``occupation``.

    Read from the counts the (hourly) refresh takes of live jobs, whether or not they state
    pay: counting a busy occupation's jobs across a state on every page view grows with the
    table, this does not.
    """
    if place is not None and place.kind in (Place.Kind.CITY, Place.Kind.REMOTE):
        return []
    latest = (
        OpeningCount.objects.filter(occupation=occupation).order_by("-as_of").values("as_of")[:1]
    )
    counts = OpeningCount.objects.filter(
        occupation=occupation, as_of=Subquery(latest), place__kind=Place.Kind.CITY
    )
    if place is not None:
        counts = counts.filter(place__lineage__contains=[place.pk])
    counts = counts.select_related("place__parent").order_by("-openings", "place__name")
    return [
        CityOpenings(place=count.place, openings=count.openings) for count in counts[:CITIES_HIRING]
    ]


def faq_entries_for(*, occupation: Occupation, place: Place | None) -> list[FaqEntry]:
    """The occupation's published curated questions for ``place``, and those for everywhere."""
    return list(
        FaqEntry.objects.filter(occupation=occupation, published=True).filter(
            Q(place__isnull=True) | Q(place=place)
        )
    )


def salary_insight(*, occupation: Occupation, place: Place | None) -> SalaryInsight:
    """The salary page's data: figures, cities, related occupations, comparisons and FAQ."""
    aggregate = aggregate_latest(occupation=occupation, place=place)
    return SalaryInsight(
        occupation=occupation,
        place=place,
        aggregate=aggregate,
        cities=aggregates_for_cities(occupation=occupation, place=place),
        related=aggregates_for_related(occupation=occupation, place=place),
        faq=faq_for(
            occupation=occupation,
            place=place,
            aggregate=aggregate,
            cities=cities_hiring(occupation=occupation, place=place),
            comparisons=comparisons_for(occupation=occupation),
            curated=faq_entries_for(occupation=occupation, place=place),
        ),
    )


def occupation_for_search(*, keywords: str, title_slug: str = "") -> Occupation | None:
    """The occupation a search means: a landing URL's slug, else its keywords normalised."""
    if title_slug:
        found = Occupation.objects.filter(slug=title_slug).first()
        if found:
            return found
    keywords = " ".join(keywords.split())
    return occupation_for_title(keywords) if keywords else None


def _box_key(occupation_id: int, place: Place | None) -> str:
    version = cache.get(AGGREGATES_VERSION_KEY, 0)
    return f"salaries:box:{BOX_FORMAT}:{version}:{occupation_id}:{place.pk if place else 0}"


def _cached_box(occupation_id: int, place: Place | None) -> SalaryBox | None:
    return cache.get(_box_key(occupation_id, place))


def salary_box(*, occupation: Occupation, place: Place | None) -> SalaryBox:
    """The box beside search results; cached briefly, and dropped when aggregates refresh."""
    return cache.get_or_set(
        _box_key(occupation.pk, place), lambda: _salary_box(occupation, place), BOX_CACHE_SECONDS
    )


def _salary_box(occupation: Occupation, place: Place | None) -> SalaryBox:
    aggregate = aggregate_latest(occupation=occupation, place=place)
    hiring = cities_hiring(occupation=occupation, place=place)
    return SalaryBox(
        occupation=occupation,
        place=place,
        aggregate=aggregate,
        cities_hiring=hiring,
        faq=faq_for(
            occupation=occupation,
            place=place,
            aggregate=aggregate,
            cities=hiring,
            comparisons=comparisons_for(occupation=occupation),
            curated=faq_entries_for(occupation=occupation, place=place),
        ),
    )


def comparison_page(*, left: Occupation, right: Occupation, place: Place | None) -> ComparisonPage:
    """The data of the "{A} vs {B}" page."""
    latest = {
        row.occupation_id: row
        for row in _latest(
            SalaryAggregate.objects.filter(occupation__in=[left, right], place=place),
            "occupation_id",
        )
    }
    return ComparisonPage(
        left=left,
        right=right,
        place=place,
        left_aggregate=latest.get(left.pk),
        right_aggregate=latest.get(right.pk),
        curated=comparison_between(left=left, right=right),
    )


def occupations_with_pay() -> list[tuple[Occupation, SalaryAggregate | None]]:
    """Every occupation with its newest figures across all locations, for the salaries index."""
    occupations = list(Occupation.objects.all())
    rows = {
        row.occupation_id: row
        for row in _latest(SalaryAggregate.objects.filter(place__isnull=True), "occupation_id")
    }
    return [(occupation, rows.get(occupation.pk)) for occupation in occupations]


def search_salary_box(
    *, keywords: str, place: Place | None, title_slug: str = ""
) -> SalaryBox | None:
    """The salary box for a search, when its words mean an occupation; None otherwise.

    Which occupation the words mean is cached like the box: matching them runs the
    normaliser's SQL, which the same popular searches would otherwise repeat on every page.
    """
    words = " ".join(keywords.lower().split())
    if not words and not title_slug:
        return None
    digest = hashlib.sha256(f"{title_slug}|{words}".encode()).hexdigest()[:32]
    key = f"salaries:occupation_for:{cache.get(AGGREGATES_VERSION_KEY, 0)}:{digest}"
    occupation_id = cache.get(key)
    if occupation_id is None:
        found = occupation_for_search(keywords=keywords, title_slug=title_slug)
        occupation_id = found.pk if found else 0
        cache.set(key, occupation_id, BOX_CACHE_SECONDS)
        if found:
            return salary_box(occupation=found, place=place)
    if not occupation_id:
        return None
    return _cached_box(occupation_id, place) or salary_box(
        occupation=Occupation.objects.get(pk=occupation_id), place=place
    )


def _on_newest_days(rows: QuerySet) -> QuerySet:
    """The ``rows`` (openings or aggregates) of each occupation's newest counted day.

    Every refresh writes a day of rows and history stays for trends, so "the current rows"
    are those of each occupation's newest day: one probe of ``opening_count_latest`` per
    occupation, then the rows of that day (all occupations usually share it).
    """
    newest = OpeningCount.objects.filter(occupation=OuterRef("pk")).order_by("-as_of")
    days = Occupation.objects.annotate(day=Subquery(newest.values("as_of")[:1])).filter(
        day__isnull=False
    )
    by_day: dict = {}
    for occupation_id, day in days.values_list("pk", "day"):
        by_day.setdefault(day, []).append(occupation_id)
    current = Q(pk__in=[])
    for day, occupation_ids in by_day.items():
        current |= Q(as_of=day, occupation_id__in=occupation_ids)
    return rows.filter(current)


def openings_newest() -> QuerySet[OpeningCount]:
    """Live openings per occupation and place (not "everywhere") as last counted: the title
    and place pairs that have open jobs, for the landing pages' sitemap."""
    return _on_newest_days(OpeningCount.objects.filter(place__isnull=False, openings__gt=0))


def aggregates_published_newest() -> QuerySet[SalaryAggregate]:
    """The newest aggregates whose figures are shown (sample big enough), in the page's
    currency: the salary pages worth listing in the sitemap."""
    return _on_newest_days(
        SalaryAggregate.objects.filter(
            currency=PAGE_CURRENCY,
            sample_size__gte=settings.SALARY_MIN_SAMPLE,
            mean__isnull=False,
        )
    )


class OccupationSuggestKey(Func):
    """An occupation's name and aliases as one ``jobboard_suggest_key`` text (salaries
    migration 0006, whose trigram index title suggestions read)."""

    function = "salaries_occupation_suggest_key"
    output_field = TextField()


def occupations_matching(*, q: str, limit: int = 10) -> list[Occupation]:
    """Occupations for what was typed, for title suggestions: names starting with ``q``
    (case and accents aside), then names with a later word starting with it ("nur" finds
    "Registered Nurse"), then occupations one of whose aliases has ("rn"); by name within
    each. When none matches, the closest by trigram word similarity ("registerd"), an
    occupation whose own name is that close before one with only such an alias.

    Reads the occupations table through its trigram index (migration 0006), never the jobs.
    """
    q = suggest_typed(q)
    if not q:
        return []
    typed = SuggestKey(Value(q))
    occupations = Occupation.objects.alias(
        key=SuggestKey("name"), terms=OccupationSuggestKey("name", "aliases")
    )
    starts = Q(key__startswith=typed)
    found = list(
        occupations.filter(Q(terms__startswith=typed) | suggest_word_start("terms", typed))
        .annotate(
            tier=Case(
                When(starts, then=0), When(suggest_word_start("key", typed), then=1), default=2
            )
        )
        .order_by("tier", "name")[:limit]
    )
    if found:
        return found
    return list(
        occupations.filter(terms__trigram_word_similar=typed)
        .annotate(
            similarity=TrigramWordSimilarity(typed, F("terms")),
            name_similarity=TrigramWordSimilarity(typed, F("key")),
        )
        .order_by("-similarity", "-name_similarity", "name")[:limit]
    )
