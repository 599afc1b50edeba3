"""The companies part of the JSON API: a company's facts, rating summary and open jobs.

The company page's selectors (``company_for_page``, ``company_open_jobs_summary``), so the
API and the page agree; the company schemas a job shows come from ``listings.api``.
"""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Field, Router, Schema, Status

from companies import selectors
from companies.models import Company
from listings.api import ERRORS, CompanyFacts, company_facts
from listings.links import site_url

router = Router(tags=["companies"])


class OccupationPay(Schema):
    """Yearly pay of the company's open jobs of one occupation that state it in US dollars."""

    occupation: str
    slug: str
    count: int = Field(description="Open postings stating pay")
    p25: float
    median: float
    p75: float


class OpenJobs(Schema):
    count: int
    url: str = Field(description="This company's jobs in the search API")
    pay_by_occupation: list[OccupationPay] = Field(
        description=f"Occupations with at least {selectors.PAY_MIN_POSTINGS} postings stating pay"
    )


class CompanyDetail(CompanyFacts):
    description: str
    open_jobs: OpenJobs


@router.get(
    "/companies/{slug}",
    response={200: CompanyDetail, 301: None, **ERRORS},
    summary="One company",
    description="Facts, rating summary (score, categories, rank in its industry) and open "
    "jobs, as the company page shows them. A merged or renamed company's old slug answers "
    "301 with the new address in Location.",
)
def company_detail(request: HttpRequest, slug: str):
    try:
        company = selectors.company_for_page(slug=slug)
    except selectors.CompanyMoved as moved:
        return HttpResponsePermanentRedirect(
            reverse("api:company_detail", args=[moved.company.slug])
        )
    except Company.DoesNotExist:
        return Status(404, {"detail": "No company has this slug."})
    open_jobs = selectors.company_open_jobs_summary(company=company)
    return {
        **company_facts(company),
        "description": company.description,
        "open_jobs": {
            "count": open_jobs.total,
            "url": site_url(f"{reverse('api:jobs_search')}?{urlencode({'company': company.slug})}"),
            "pay_by_occupation": [
                {
                    "occupation": row["occupation"],
                    "slug": row["slug"],
                    "count": row["count"],
                    "p25": float(row["p25"]),
                    "median": float(row["median"]),
                    "p75": float(row["p75"]),
                }
                for row in open_jobs.pay_by_occupation
            ],
        },
    }
