"""The jobs part of the JSON API (/api/v1/): search, one job, and the place and title lists
behind autocompletion.

Each endpoint calls the selector its page calls: search reads its parameters with
``search_request`` and pages with ``search_results``, as the search page does, so the API and
the page validate, filter, order and count one search the same way; a job is
``job_public``, as on the job page. The schemas shared by every part of the API (errors,
places, pay, companies as a job shows them) live here too; companies and salaries build on
them.
"""

import re
from datetime import datetime
from html import unescape

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Field, Path, Query, Router, Schema, Status

from companies.models import Company, CompanyRatingSummary
from listings import selectors
from listings.facets import search_facets
from listings.filters import (
    DEFAULT_RADIUS,
    MAX_QUERY_LENGTH,
    MAX_SALARY,
    POSTED_WITHIN_CHOICES,
    RADIUS_CHOICES,
    SORT_CHOICES,
)
from listings.links import site_url
from listings.models import Job, Place
from listings.search import (
    PER_PAGE,
    PageOutOfRange,
    SearchInvalid,
    search_request,
    search_results,
)
from listings.templatetags.jobs import place_summary
from salaries.display import format_pay_range
from salaries.selectors import occupations_matching

router = Router()

SUGGESTIONS_MAX = 20


class Error(Schema):
    """Every error: a sentence saying what went wrong, and one per refused parameter."""

    detail: str
    errors: list[str] = Field(default_factory=list)


class PastLastPage(Error):
    """A page past the end of the results: which page is the last, and its URL."""

    last_page: int
    last_page_url: str


# The errors any endpoint may answer with; 429 is the per-address throttle.
ERRORS = {400: Error, 404: Error, 429: Error}


class PlaceOut(Schema):
    name: str
    display_name: str = Field(description='"San Jose, CA" for a city, the name otherwise')
    slug: str
    kind: str = Field(description="country, state, city or remote")


class PayOut(Schema):
    """Pay as posted, in its own currency and period."""

    min: float
    max: float
    currency: str = Field(description="ISO 4217 code, as posted")
    period: str = Field(description="hour, day, week, month or year")
    display: str = Field(description='As the page shows it: "$133.60K - $160.50K/yr"')


class RatingBrief(Schema):
    score: float = Field(description="Out of 10")
    count: int = Field(description="Approved employee ratings")


class RatingCategory(Schema):
    label: str
    score: float
    phrase: str


class RatingRole(Schema):
    role: str
    percent: int


class RatingSummary(RatingBrief):
    """A company's rating card: overall score, categories, who rated, rank in its industry."""

    categories: list[RatingCategory]
    current_percent: int = Field(description="Share of ratings from current employees")
    former_percent: int
    roles: list[RatingRole]
    rank: int | None = Field(description="Place among rated companies of its industry")
    rank_total: int | None
    rank_text: str = Field(description='"6th of 30 rated technology companies", or why not')


class CompanyBrief(Schema):
    name: str
    slug: str
    url: str
    rating: RatingBrief | None


class CompanyFacts(Schema):
    name: str
    slug: str
    url: str
    industry: str | None
    size: str | None = Field(description='"1,001-5,000 employees"')
    headquarters: str
    year_founded: int | None
    website: str
    rating: RatingSummary | None


class JobCard(Schema):
    """One search result, as its card shows it."""

    id: int
    title: str
    url: str
    company: CompanyBrief
    places: list[PlaceOut]
    location: str = Field(description='As the card shows it: "Austin, TX +2 more", "Remote"')
    workplace_type: str = Field(description="on_site, hybrid or remote")
    employment_type: str = Field(
        description="full_time, part_time, contract, temporary, internship or per_diem"
    )
    pay: PayOut | None
    posted_at: datetime | None
    expires_at: datetime | None
    featured: bool
    snippet: str = Field(description="Plain text around the matched words")
    snippet_highlights: list[tuple[int, int]] = Field(
        description="[start, end) offsets in the snippet (Unicode code points) of matched words"
    )
    distance_miles: float | None = Field(
        None, description="Miles from the searched city or ZIP code to the job's nearest city"
    )


class SearchPage(Schema):
    """One page of search results, counted as the search page counts them."""

    total: int = Field(description="Matches, counted exactly up to 1,000")
    capped: bool = Field(description="More than 1,000 matches: total is then 1,000")
    page: int
    num_pages: int
    per_page: int
    first_index: int = Field(description='"Showing results 1-20": 1, or 0 with no results')
    last_index: int
    next: str | None
    previous: str | None
    ignored_keywords: str = Field(
        description='Keywords with no word in them ("-"): ignored, every job is listed'
    )
    did_you_mean: str = Field(
        description='With few matches, the keywords with misspellings corrected ("registered '
        'nurse" for "registerd nurse"), or ""'
    )
    search: dict[str, str | list[str]] = Field(
        description="The search as understood, normalised: the parameters that define it"
    )
    jobs: list[JobCard]


class JobDetail(Schema):
    id: int
    title: str
    url: str
    canonical_url: str = Field(description="The original posting's page, for a duplicate")
    status: str = Field(description="published, closed or expired")
    is_open: bool = Field(description="Whether job seekers can still apply")
    company: CompanyFacts
    places: list[PlaceOut]
    location: str
    workplace_type: str
    employment_type: str
    pay: PayOut | None
    posted_at: datetime | None
    expires_at: datetime | None
    apply_url: str | None = Field(description="Where to apply, while the job is open")
    description_html: str = Field(description="Sanitised HTML, as the job page shows it")
    description_text: str


class FacetOptionOut(Schema):
    value: str = Field(description="The parameter's value that chooses this option")
    label: str
    chosen: bool
    count: int = Field(description="Results with this option chosen, up to the cap")
    capped: bool = Field(description="More results than count (shown as 1,000+)")


class SearchFacets(Schema):
    """How many results each option of a filter would give: the search with that option
    chosen and its own filter's choice set aside (the other filters and keywords apply)."""

    radius: list[FacetOptionOut] | None = Field(
        None, description="Only when a city or ZIP code with a point was searched"
    )
    workplace_type: list[FacetOptionOut]
    employment_type: list[FacetOptionOut]
    posted_within: list[FacetOptionOut] = Field(description='"" is any time')


class Suggestion(Schema):
    name: str
    slug: str


class PlaceSuggestion(Suggestion):
    display_name: str
    kind: str


class TitleSuggestion(Suggestion):
    salary_url: str
    jobs_url: str


def _choices(pairs) -> list[str]:
    return [value for value, _ in pairs]


def _query_parameter(name: str, description: str, schema: dict) -> dict:
    return {"in": "query", "name": name, "required": False, "description": description, **schema}


# The search page's parameters, documented here and validated by its own filter set
# (listings.filters.JobSearchFilter), so the page and the API accept and refuse the same.
SEARCH_PARAMETERS = [
    _query_parameter(
        "q",
        'Keywords: "exact phrase", -word, or',
        {"schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH}},
    ),
    _query_parameter(
        "l",
        'A place: "San Jose, CA", "California", "CA", "Remote", or a US ZIP code ("95112"); '
        "a state finds its cities, a city or ZIP code the cities within `radius`",
        {"schema": {"type": "string", "maxLength": 100}},
    ),
    _query_parameter(
        "radius",
        f"Miles around a city or ZIP code (default {DEFAULT_RADIUS}; 0: the city alone)",
        {"schema": {"type": "string", "enum": _choices(RADIUS_CHOICES)}},
    ),
    *(
        _query_parameter(
            name,
            f"Any of: {', '.join(_choices(choices))}",
            {
                "schema": {"type": "array", "items": {"enum": _choices(choices)}},
                "style": "form",
                "explode": True,
            },
        )
        for name, choices in (
            ("workplace_type", Job.WorkplaceType.choices),
            ("employment_type", Job.EmploymentType.choices),
        )
    ),
    _query_parameter(
        "salary_min",
        "Minimum yearly pay in US dollars (any currency compares)",
        {"schema": {"type": "number", "minimum": 0, "maximum": MAX_SALARY}},
    ),
    _query_parameter(
        "posted_within",
        "Posted within this many days",
        {"schema": {"type": "string", "enum": _choices(POSTED_WITHIN_CHOICES)}},
    ),
    _query_parameter("company", "A company's slug", {"schema": {"type": "string"}}),
    _query_parameter(
        "sort",
        "relevance (default), date (newest first) or pay (highest first)",
        {"schema": {"type": "string", "enum": _choices(SORT_CHOICES)}},
    ),
    _query_parameter(
        "page",
        f"Page number, from 1; {PER_PAGE} results a page",
        {"schema": {"type": "integer", "minimum": 1, "maximum": 999_999_999}},
    ),
]


def _refused(invalid: SearchInvalid) -> Status:
    """The 400 answer of an endpoint taking the search page's parameters."""
    return Status(400, {"detail": "The search was refused.", "errors": invalid.errors})


@router.get(
    "/jobs",
    response={200: SearchPage, 400: Error, 404: PastLastPage, 429: Error},
    summary="Search jobs",
    description="The search page (/jobs/) as JSON: the same parameters, validation, filters, "
    "order and counts. Duplicate postings appear once; closed and expired jobs never.",
    openapi_extra={"parameters": SEARCH_PARAMETERS},
    tags=["jobs"],
)
def jobs_search(request: HttpRequest):
    try:
        search = search_request(request.GET)
    except SearchInvalid as invalid:
        return _refused(invalid)
    try:
        results = search_results(search)
    except PageOutOfRange as out_of_range:
        last = out_of_range.last_page
        return Status(
            404,
            {
                "detail": f"{out_of_range} The last page is {last}.",
                "last_page": last,
                "last_page_url": _page_url(request, last),
            },
        )
    return {
        "total": results.total,
        "capped": results.capped,
        "page": results.number,
        "num_pages": results.num_pages,
        "per_page": PER_PAGE,
        "first_index": results.first_index,
        "last_index": results.last_index,
        "next": _page_url(request, results.number + 1) if results.has_next else None,
        "previous": _page_url(request, results.number - 1) if results.has_previous else None,
        "ignored_keywords": results.ignored_keywords,
        "did_you_mean": results.did_you_mean,
        "search": search.canonical_params(),
        "jobs": [job_card(job) for job in results.jobs],
    }


@router.get(
    "/jobs/facets",
    response={200: SearchFacets, 400: Error, 429: Error},
    summary="Counts of the search filters' options",
    description="For a filter panel: each option of the distance, workplace, job type and date "
    "filters with the results the search (the same parameters as /jobs) would give with it, "
    "capped like the search's total. The search page loads these after its results.",
    openapi_extra={"parameters": SEARCH_PARAMETERS},
    tags=["jobs"],
)
def jobs_facets(request: HttpRequest):
    try:
        search = search_request(request.GET)
    except SearchInvalid as invalid:
        return _refused(invalid)
    return search_facets(search)


@router.get(
    "/jobs/{job_id}",
    response={200: JobDetail, **ERRORS},
    summary="One job",
    description="A published job, or a closed or expired one (is_open false), as its page "
    "shows it. Jobs never made public are not found.",
    tags=["jobs"],
)
def job_detail(request: HttpRequest, job_id: int = Path(..., ge=1, le=2**63 - 1)):
    try:
        job = selectors.job_public(pk=job_id)
    except Job.DoesNotExist:
        return Status(404, {"detail": f"No public job has the id {job_id}."})
    original = job.duplicate_of or job
    can_apply = job.is_open and bool(job.apply_url)
    return {
        "id": job.pk,
        "title": job.title,
        "url": site_url(job.get_absolute_url()),
        "canonical_url": site_url(original.get_absolute_url()),
        "status": job.status,
        "is_open": job.is_open,
        "company": company_facts(job.company),
        "places": [place_out(place) for place in job.place_list],
        "location": place_summary(job),
        "workplace_type": job.workplace_type,
        "employment_type": job.employment_type,
        "pay": pay_out(job),
        "posted_at": job.posted_at,
        "expires_at": job.expires_at,
        "apply_url": site_url(reverse("listings:job_apply", args=[job.pk])) if can_apply else None,
        "description_html": job.description_html,
        "description_text": job.description_text,
    }


@router.get(
    "/places",
    response={200: list[PlaceSuggestion], **ERRORS},
    summary="Places starting with what was typed",
    description="For a location box's suggestions: places whose name starts with q, then "
    'those with a later word starting with it, biggest first; "San Jose, CA" narrows to the '
    "state; a typo finds the closest names. Fewer than 2 characters find nothing.",
    tags=["suggestions"],
)
def places_list(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    limit: int = Query(10, ge=1, le=SUGGESTIONS_MAX),
):
    return [place_out(place) for place in selectors.places_matching(q=q, limit=limit)]


@router.get(
    "/titles",
    response={200: list[TitleSuggestion], **ERRORS},
    summary="Job titles with a word starting with what was typed",
    description='For a keyword box\'s suggestions: occupations ("nur" finds "Registered '
    'Nurse", and so does its alias "rn"), names starting with q first; a typo finds the '
    "closest. Fewer than 2 characters find nothing.",
    tags=["suggestions"],
)
def titles_list(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    limit: int = Query(10, ge=1, le=SUGGESTIONS_MAX),
):
    return [
        {
            "name": occupation.name,
            "slug": occupation.slug,
            "salary_url": site_url(occupation.get_absolute_url()),
            "jobs_url": site_url(
                f"{reverse('listings:search')}?{urlencode({'q': occupation.name})}"
            ),
        }
        for occupation in occupations_matching(q=q, limit=limit)
    ]


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return site_url(f"{request.path}?{params.urlencode()}")


def place_out(place: Place) -> dict:
    return {
        "name": place.name,
        "display_name": place.display_name,
        "slug": place.slug,
        "kind": place.kind,
    }


def pay_out(job: Job) -> dict | None:
    """The posted pay, or None when the posting states none."""
    if job.pay_min is None and job.pay_max is None:
        return None
    low = job.pay_min if job.pay_min is not None else job.pay_max
    high = job.pay_max if job.pay_max is not None else job.pay_min
    return {
        "min": float(low),
        "max": float(high),
        "currency": job.pay_currency,
        "period": job.pay_period,
        "display": format_pay_range(job.pay_min, job.pay_max, job.pay_currency, job.pay_period),
    }


def rating_brief(rating: CompanyRatingSummary | None) -> dict | None:
    return None if rating is None else {"score": float(rating.score), "count": rating.count}


def rating_summary(company: Company) -> dict | None:
    """The rating card's figures and words, as the company and job pages show them."""
    rating = company.rating
    if rating is None:
        return None
    return {
        **rating_brief(rating),
        "categories": [
            {**category, "score": float(category["score"])} for category in rating.categories
        ],
        "current_percent": rating.current_percent,
        "former_percent": rating.former_percent,
        "roles": rating.roles,
        "rank": rating.rank,
        "rank_total": rating.rank_total,
        "rank_text": _rank_text(company, rating),
    }


def _rank_text(company: Company, rating: CompanyRatingSummary) -> str:
    industry = company.industry.name.lower() if company.industry else ""
    if rating.rank:
        return f"{ordinal(rating.rank)} of {rating.rank_total} rated {industry} companies"
    if not industry:
        return "Not ranked: companies are ranked within their industry, and this one has none."
    return (
        f"Not ranked yet: a company needs {settings.RATING_MIN_FOR_RANK} ratings to be ranked "
        f"among {industry} companies."
    )


def company_facts(company: Company) -> dict:
    return {
        "name": company.name,
        "slug": company.slug,
        "url": site_url(company.get_absolute_url()),
        "industry": company.industry.name if company.industry else None,
        "size": company.get_size_display() or None,
        "headquarters": company.headquarters,
        "year_founded": company.year_founded,
        "website": company.website,
        "rating": rating_summary(company),
    }


def job_card(job: Job) -> dict:
    snippet, highlights = plain_snippet(str(job.snippet))
    return {
        "id": job.pk,
        "title": job.title,
        "url": site_url(job.get_absolute_url()),
        "company": {
            "name": job.company.name,
            "slug": job.company.slug,
            "url": site_url(job.company.get_absolute_url()),
            "rating": rating_brief(job.company.rating),
        },
        "places": [place_out(place) for place in job.place_list],
        "location": place_summary(job),
        "workplace_type": job.workplace_type,
        "employment_type": job.employment_type,
        "pay": pay_out(job),
        "posted_at": job.posted_at,
        "expires_at": job.expires_at,
        "featured": job.featured,
        "snippet": snippet,
        "snippet_highlights": highlights,
        "distance_miles": _rounded(getattr(job, "distance_miles", None)),
    }


def _rounded(miles: float | None) -> float | None:
    return None if miles is None else round(miles, 1)


_MARK_TAG = re.compile(r"(</?mark>)")


def plain_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The search snippet (escaped text with our own <mark> tags) as plain text, with the
    offsets of what was marked; everything else in it was escaped, so unescaping restores it."""
    text, highlights, start = "", [], 0
    for part in _MARK_TAG.split(snippet):
        if part == "<mark>":
            start = len(text)
        elif part == "</mark>":
            highlights.append((start, len(text)))
        else:
            text += unescape(part)
    return text, highlights
