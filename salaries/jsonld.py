"""Structured data: Google's estimated-salary Occupation and FAQPage."""

from listings.models import Place
from salaries.insights import FaqItem, SalaryInsight

LOCATION_TYPES = {Place.Kind.CITY: "City", Place.Kind.STATE: "State", Place.Kind.COUNTRY: "Country"}


def occupation_jsonld(insight: SalaryInsight) -> dict | None:
    """The Occupation with its percentile distribution; None when no figure is published.

    Google requires a location, so "all locations" and "Remote" pages carry none.
    """
    place = insight.place
    if not insight.published or place is None or place.kind not in LOCATION_TYPES:
        return None
    aggregate = insight.aggregate
    occupation = insight.occupation
    data = {
        "@context": "https://schema.org/",
        "@type": "Occupation",
        "name": occupation.name,
        "mainEntityOfPage": {"@type": "WebPage", "lastReviewed": aggregate.as_of.isoformat()},
        "estimatedSalary": [
            {
                "@type": "MonetaryAmountDistribution",
                "name": "base",
                "currency": aggregate.currency,
                "duration": "P1Y",
                "percentile10": float(aggregate.p10),
                "percentile25": float(aggregate.p25),
                "median": float(aggregate.median),
                "percentile75": float(aggregate.p75),
                "percentile90": float(aggregate.p90),
            }
        ],
        "occupationLocation": [{"@type": LOCATION_TYPES[place.kind], "name": place.name}],
    }
    if occupation.description:
        data["description"] = occupation.description
    if occupation.skills:
        data["skills"] = occupation.skills
    if occupation.onet_code:
        data["occupationalCategory"] = occupation.onet_code
    return data


def faq_jsonld(items: list[FaqItem]) -> dict | None:
    """FAQPage with every question and its plain-text answer; None without questions."""
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer_text},
            }
            for item in items
        ],
    }
