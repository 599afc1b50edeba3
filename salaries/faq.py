"""The salary FAQ: questions answered from the figures, curated entries and comparisons."""

from django.conf import settings
from django.urls import reverse

from listings.models import Place
from salaries.insights import EVERYWHERE, CityOpenings, ComparisonView, FaqItem
from salaries.models import FaqEntry, Occupation, SalaryAggregate


def faq_for(
    *,
    occupation: Occupation,
    place: Place | None,
    aggregate: SalaryAggregate | None,
    cities: list[CityOpenings],
    comparisons: list[ComparisonView],
    curated: list[FaqEntry],
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
    items += [
        FaqItem(question=entry.question, paragraphs=_paragraphs(entry.answer)) for entry in curated
    ]
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


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
