"""What the salary pages show: the page data the salary selectors return, and its links."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from listings.models import Place
from salaries.models import Occupation, SalaryAggregate
from salaries.pay import PERIODS_PER_YEAR

EVERYWHERE = "all locations"

PAY_ROWS = [
    ("Low (10th percentile)", "p10"),
    ("25th percentile", "p25"),
    ("Median", "median"),
    ("Average", "mean"),
    ("75th percentile", "p75"),
    ("High (90th percentile)", "p90"),
]


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
