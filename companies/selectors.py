"""Reads for company pages, the rating quiz and the top-rated lists."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from companies.models import (
    Company,
    CompanySlugRedirect,
    Industry,
    Rating,
    company_slug_base,
    company_slugs_like,
)
from listings.models import Job

JOBS_PER_PAGE = 20
RECENT_COMMENTS = 5
# Pay by occupation is shown only where this many open postings state pay: fewer is noise.
PAY_MIN_POSTINGS = 3


class CompanyMoved(Exception):
    """The slug belonged to a company that was merged or renamed; ``company`` is where it went."""

    def __init__(self, company: Company):
        super().__init__(company.slug)
        self.company = company


def company_for_page(*, slug: str) -> Company:
    """The company with ``slug`` and its rating summary in one query.

    Raises ``CompanyMoved`` for an old slug, ``Company.DoesNotExist`` for an unknown one.
    """
    companies = Company.objects.select_related("industry", "rating_summary")
    try:
        return companies.get(slug=slug)
    except Company.DoesNotExist:
        redirect = CompanySlugRedirect.objects.select_related("company").filter(old_slug=slug)
        moved = redirect.first()
        if moved is None:
            raise
        raise CompanyMoved(moved.company) from None


def company_named(*, name: str) -> Company | None:
    """The company whose name reads as ``name`` once case, punctuation and width are set
    aside ("Acme Inc" finds "Acme, Inc.", "Apple" finds "Ａｐｐｌｅ"); the oldest of several."""
    name = " ".join(name.split())
    exact = Company.objects.filter(name__iexact=name).order_by("pk").first()
    if exact is not None:
        return exact
    # Such names share a slug base, so their companies hold that slug or a numbered one.
    base = company_slug_base(name)
    candidates = company_slugs_like(Company.objects, "slug", base).order_by("pk")
    return next((c for c in candidates if company_slug_base(c.name) == base), None)


@dataclass
class OpenJobsSummary:
    """How many open jobs a company has, and its pay by occupation where there is enough."""

    total: int
    pay_by_occupation: list[dict]


# The live rows are Job.objects.searchable() compiled to SQL, so "publicly visible" has one
# definition; unordered, so the planner folds the subquery into the index scan. Parameters
# are positional: the subquery's first, then the pay minimum.
_OPEN_JOBS_SUMMARY = """
WITH live AS (
    SELECT occupation_id,
           CASE WHEN pay_currency = 'USD' AND annual_pay_min IS NOT NULL
                THEN (annual_pay_min + annual_pay_max) / 2 END AS mid
    FROM ({live_jobs}) AS job
),
grouped AS (
    SELECT grouping(occupation_id) = 1 AS is_total, occupation_id,
           count(*) AS jobs, count(mid) AS with_pay,
           percentile_cont(0.25) WITHIN GROUP (ORDER BY mid) AS p25,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY mid) AS p50,
           percentile_cont(0.75) WITHIN GROUP (ORDER BY mid) AS p75
    FROM live
    GROUP BY GROUPING SETS ((), (occupation_id))
)
SELECT grouped.is_total, occupation.name, occupation.slug, grouped.jobs,
       grouped.with_pay, grouped.p25, grouped.p50, grouped.p75
FROM grouped
LEFT JOIN salaries_occupation AS occupation ON occupation.id = grouped.occupation_id
WHERE grouped.is_total
   OR (occupation.id IS NOT NULL AND grouped.with_pay >= %s)
ORDER BY grouped.is_total DESC, grouped.with_pay DESC, occupation.name
LIMIT 11
"""


def company_open_jobs_summary(*, company: Company) -> OpenJobsSummary:
    """The company's open-job count and pay by occupation, from one scan of its live rows.

    One query with GROUPING SETS ((), (occupation)) over the ``job_company_posted_live``
    index: the empty set counts every open job (the pager's total), the occupation sets give
    the 25th, 50th and 75th percentile of the pay midpoint (yearly, USD) where at least
    PAY_MIN_POSTINGS postings state pay. A busy company's rows sit on thousands of heap pages,
    so reading them once instead of twice is what keeps its page fast at a million jobs.
    """
    live_jobs = (
        Job.objects.searchable()
        .filter(company=company)
        .order_by()
        .values("occupation_id", "pay_currency", "annual_pay_min", "annual_pay_max")
    )
    live_sql, live_params = live_jobs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            _OPEN_JOBS_SUMMARY.format(live_jobs=live_sql), [*live_params, PAY_MIN_POSTINGS]
        )
        rows = cursor.fetchall()
    total = rows[0][3] if rows else 0
    return OpenJobsSummary(
        total=total,
        pay_by_occupation=[
            {
                "occupation": name,
                "slug": slug,
                "count": with_pay,
                "p25": p25,
                "median": p50,
                "p75": p75,
            }
            for _, name, slug, _, with_pay, p25, p50, p75 in rows[1:]
        ],
    )


def company_jobs_page(*, company: Company, page_number: int, total: int) -> Page:
    """One page of the company's open jobs, newest first; ``total`` from the summary above.

    Ordered by (posted_at, id) over the ``job_company_posted_live`` partial index, so a page
    reads its 20 index entries (plus the offset) however many jobs the table holds.
    Raises ``EmptyPage`` for a page past the end.
    """
    jobs = (
        Job.objects.searchable()
        .filter(company=company)
        .order_by("-posted_at", "-id")
        .select_related("company__rating_summary")
        .prefetch_related("places__parent")
        # The cards show no description; these columns are most of a row's bytes.
        .defer("description_html", "description_text", "search_vector")
    )
    paginator = Paginator(jobs, JOBS_PER_PAGE, allow_empty_first_page=True)
    paginator.count = total  # counted already; saves a second scan of the company's rows
    return paginator.page(page_number)


def company_recent_comments(*, company: Company, limit: int = RECENT_COMMENTS) -> list[Rating]:
    """The newest approved ratings that say something, for "What employees say"."""
    return list(
        Rating.objects.filter(company=company, status=Rating.Status.APPROVED)
        .exclude(comment="")
        .order_by("-submitted_at")[:limit]
    )


def rating_of_user(*, company: Company, user) -> Rating | None:
    """The account's own rating of the company, if it has one (the quiz edits it)."""
    if not user.is_authenticated:
        return None
    return Rating.objects.filter(company=company, user=user).first()


def industries_with_top_companies(*, per_industry: int = 3) -> list[Industry]:
    """Industries that have ranked companies, each with its best ``per_industry``."""
    industries = list(
        Industry.objects.filter(companies__rating_summary__rank__isnull=False).distinct()
    )
    ranked = companies_top_rated(industries=industries).filter(
        rating_summary__rank__lte=per_industry
    )
    by_industry: dict[int, list[Company]] = {}
    for company in ranked:
        by_industry.setdefault(company.industry_id, []).append(company)
    for industry in industries:
        industry.top_companies = by_industry.get(industry.pk, [])[:per_industry]
    return industries


def companies_top_rated(*, industries: list[Industry]) -> QuerySet[Company]:
    """Ranked companies of the given industries, best first (ties by name)."""
    return (
        Company.objects.filter(industry__in=industries, rating_summary__rank__isnull=False)
        .select_related("industry", "rating_summary")
        .order_by("industry__name", "rating_summary__rank", "name")
    )
