"""Reads for the salary pages, the comparison page and the box beside search results."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet, Subquery
from django.urls import reverse

from listings.models import Place
from salaries.models import Comparison, FaqEntry, Occupation, OpeningCount, SalaryAggregate
from salaries.normaliser import occupation_for_title
from salaries.pay import PERIODS_PER_YEAR

# Pages show one currency; postings in others are aggregated separately and not mixed in.
PAGE_CURRENCY = "USD"
CITIES_LISTED = 10
CITIES_HIRING = 5
BOX_CACHE_SECONDS = 10 * 60
EVERYWHERE = "all locations"
# Bumped by every refresh, so a cached box never outlives the figures it shows.
AGGREGATES_VERSION_KEY = "salaries:aggregates_version"


@dataclass
class FaqItem:
    """One question with its answer: paragraphs, optional links and an optional table."""

    question: str
    paragraphs: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)
    comparison: "ComparisonView | None" = None

    @property
    def answer_text(self) -> str:
        """The whole answer as plain text, for FAQPage JSON-LD."""
        parts = list(self.paragraphs)
        if self.links:
            parts.append("; ".join(label for label, _ in self.links) + ".")
        if self.comparison:
            parts[:0] = [
                f"{row.aspect}: {row.left} ({self.comparison.left.name}); "
                f"{row.right} ({self.comparison.right.name})."
                for row in self.comparison.rows
            ]
        return " ".join(parts)


@dataclass
class ComparisonRowView:
    aspect: str
    left: str
    right: str


@dataclass
class ComparisonView:
    """A curated comparison oriented so that ``left`` is the occupation being read about."""

    left: Occupation
    right: Occupation
    rows: list[ComparisonRowView]
    summary: str

    @property
    def title(self) -> str:
        return f"{self.left.name} vs {self.right.name}"

    def url(self, place: Place | None) -> str:
        return compare_url(self.left, self.right, place)


@dataclass
class CityOpenings:
    place: Place
    openings: int


@dataclass
class SalaryInsight:
    """Everything the salary page shows for one occupation in one place."""

    occupation: Occupation
    place: Place | None
    aggregate: SalaryAggregate | None
    cities: list[SalaryAggregate]
    related: list[tuple[Occupation, SalaryAggregate | None]]
    faq: list[FaqItem]

    @property
    def place_name(self) -> str:
        return self.place.name if self.place else EVERYWHERE

    @property
    def published(self) -> bool:
        return self.aggregate is not None and self.aggregate.is_published

    @property
    def equivalents(self) -> list[tuple[str, Decimal]]:
        """The average as hourly (2,080 hours a year), weekly and monthly pay."""
        if not self.published:
            return []
        mean = self.aggregate.mean
        return [
            (label, mean / PERIODS_PER_YEAR[period])
            for label, period in (
                ("Hourly", "hour"),
                ("Weekly", "week"),
                ("Monthly", "month"),
                ("Yearly", "year"),
            )
        ]


@dataclass
class SalaryBox:
    """The salary box, cities hiring and FAQ beside search results."""

    occupation: Occupation
    place: Place | None
    aggregate: SalaryAggregate | None
    cities_hiring: list[CityOpenings]
    faq: list[FaqItem]

    @property
    def place_name(self) -> str:
        return self.place.name if self.place else EVERYWHERE

    @property
    def published(self) -> bool:
        return self.aggregate is not None and self.aggregate.is_published

    @property
    def salary_url(self) -> str:
        return salary_url(self.occupation, self.place)


def salary_url(occupation: Occupation, place: Place | None) -> str:
    """The salary page of an occupation in a place (or everywhere)."""
    if place is None:
        return reverse("salaries:occupation", args=[occupation.slug])
    return reverse("salaries:occupation_place", args=[occupation.slug, place.slug])


def compare_url(left: Occupation, right: Occupation, place: Place | None) -> str:
    """The "{A} vs {B}" page, in a place or everywhere."""
    if place is None:
        return reverse("salaries:compare", args=[left.slug, right.slug])
    return reverse("salaries:compare_place", args=[left.slug, right.slug, place.slug])


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


def _curated_faq(*, occupation: Occupation, place: Place | None) -> list[FaqItem]:
    entries = FaqEntry.objects.filter(occupation=occupation, published=True).filter(
        Q(place__isnull=True) | Q(place=place)
    )
    return [
        FaqItem(question=entry.question, paragraphs=_paragraphs(entry.answer)) for entry in entries
    ]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def faq_for(
    *,
    occupation: Occupation,
    place: Place | None,
    aggregate: SalaryAggregate | None,
    cities: list[CityOpenings],
    comparisons: list[ComparisonView],
) -> list[FaqItem]:
    """Questions answered from live data first, then curated ones and comparisons."""
    in_place = f" in {place.name}" if place else ""
    title = occupation.name
    items = [_pay_answer(occupation, place, aggregate)]
    if cities:
        items.append(
            FaqItem(
                question=f"What cities{in_place} are hiring for {title} jobs?",
                paragraphs=[f"Cities{in_place} with the most {title} job openings:"],
                links=[
                    (
                        f"{city.place.display_name} ({city.openings} opening"
                        f"{'' if city.openings == 1 else 's'})",
                        reverse("listings:landing", args=[occupation.slug, city.place.slug]),
                    )
                    for city in cities
                ],
            )
        )
    items += _curated_faq(occupation=occupation, place=place)
    items += [
        FaqItem(
            question=f"What is the difference between {comparison.title}?",
            paragraphs=_paragraphs(comparison.summary),
            links=[(f"Compare {comparison.title} pay", comparison.url(place))],
            comparison=comparison,
        )
        for comparison in comparisons
    ]
    return items


def _pay_answer(
    occupation: Occupation, place: Place | None, aggregate: SalaryAggregate | None
) -> FaqItem:
    where = place.name if place else EVERYWHERE
    question = f"How much do {occupation.name} jobs pay per year?"
    if aggregate is None or not aggregate.is_published:
        count = aggregate.sample_size if aggregate else 0
        return FaqItem(
            question=question,
            paragraphs=[
                f"Too few {occupation.name} postings in {where} state their pay right now "
                f"({count}; we publish figures from {settings.SALARY_MIN_SAMPLE}), so we show "
                "no figure rather than a misleading one."
            ],
        )
    return FaqItem(
        question=question,
        paragraphs=[
            f"As of {aggregate.as_of:%B} {aggregate.as_of.day}, {aggregate.as_of.year}, the "
            f"average yearly pay for {occupation.name} in {where} is "
            f"${aggregate.mean:,.0f}, from {aggregate.sample_size:,} job postings that state "
            f"pay. Most earn between ${aggregate.p25:,.0f} and ${aggregate.p75:,.0f} per year "
            f"(the middle half of postings); one in ten posts below ${aggregate.p10:,.0f} and "
            f"one in ten above ${aggregate.p90:,.0f}."
        ],
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
    return f"salaries:box:{version}:{occupation_id}:{place.pk if place else 0}"


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
        ),
    )


@dataclass
class ComparisonPage:
    """Two occupations' pay side by side in one place, with the curated rows if any."""

    left: Occupation
    right: Occupation
    place: Place | None
    left_aggregate: SalaryAggregate | None
    right_aggregate: SalaryAggregate | None
    curated: ComparisonView | None

    @property
    def place_name(self) -> str:
        return self.place.name if self.place else EVERYWHERE

    @property
    def pay_rows(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """(label, left figure, right figure); None where a side has too few postings."""

        def figure(aggregate: SalaryAggregate | None, name: str) -> Decimal | None:
            return getattr(aggregate, name) if aggregate and aggregate.is_published else None

        return [
            (label, figure(self.left_aggregate, name), figure(self.right_aggregate, name))
            for label, name in PAY_ROWS
        ]


PAY_ROWS = [
    ("Low (10th percentile)", "p10"),
    ("25th percentile", "p25"),
    ("Median", "median"),
    ("Average", "mean"),
    ("75th percentile", "p75"),
    ("High (90th percentile)", "p90"),
]


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
