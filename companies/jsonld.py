"""schema.org EmployerAggregateRating JSON-LD for a company page."""

from companies.models import Company, CompanyRatingSummary
from listings.links import site_url


def employer_rating_jsonld(company: Company, summary: CompanyRatingSummary) -> dict:
    """The EmployerAggregateRating Google documents: the organisation, value, scale, count."""
    organisation: dict = {
        "@type": "Organization",
        "name": company.name,
        "url": site_url(company.get_absolute_url()),
    }
    if company.website:
        organisation["sameAs"] = company.website
    return {
        "@context": "https://schema.org/",
        "@type": "EmployerAggregateRating",
        "itemReviewed": organisation,
        "ratingValue": str(summary.score),
        "bestRating": "10",
        "worstRating": "0",
        "ratingCount": summary.count,
    }
