"""Reads for company pages, the rating quiz and the top-rated lists."""

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from companies.models import Company, CompanySlugRedirect, Industry, Rating

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


def company_jobs_page(*, company: Company, page_number: int) -> Page:
    """One page of the company's open jobs, newest first.

    Ordered by (posted_at, id) over the ``job_company_posted_live`` partial index, so a page
    reads 20 index entries however many jobs the table holds; the count reads only this
    company's live entries.
    """
    from listings.models import Job

    jobs = (
        Job.objects.searchable()
        .filter(company=company)
        .order_by("-posted_at", "-id")
        .select_related("company__rating_summary")
        .prefetch_related("places__parent")
        # The cards show no description; these columns are most of a row's bytes.
        .defer("description_html", "description_text", "search_vector")
    )
    return Paginator(jobs, JOBS_PER_PAGE, allow_empty_first_page=True).page(page_number)


def company_pay_by_occupation(*, company: Company) -> list[dict]:
    """Median and middle-half yearly pay of the company's open postings per occupation.

    Only occupations with at least PAY_MIN_POSTINGS postings stating yearly-equivalent pay,
    in USD; computed with ``percentile_cont`` over the company's live rows (index on
    company_id), largest groups first.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT occupation.name, occupation.slug, count(*),
                   percentile_cont(0.25) WITHIN GROUP (ORDER BY pay.mid),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY pay.mid),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY pay.mid)
            FROM listings_job AS job
            JOIN salaries_occupation AS occupation ON occupation.id = job.occupation_id
            CROSS JOIN LATERAL (
                SELECT (job.annual_pay_min + job.annual_pay_max) / 2 AS mid
            ) AS pay
            WHERE job.company_id = %(company)s
              AND job.status = 'published' AND job.duplicate_of_id IS NULL
              AND (job.expires_at IS NULL OR job.expires_at > now())
              AND job.annual_pay_min IS NOT NULL AND job.pay_currency = 'USD'
            GROUP BY occupation.id
            HAVING count(*) >= %(minimum)s
            ORDER BY count(*) DESC, occupation.name
            LIMIT 10
            """,
            {"company": company.pk, "minimum": PAY_MIN_POSTINGS},
        )
        return [
            {
                "occupation": name,
                "slug": slug,
                "count": count,
                "p25": p25,
                "median": p50,
                "p75": p75,
            }
            for name, slug, count, p25, p50, p75 in cursor.fetchall()
        ]


def company_recent_comments(*, company: Company, limit: int = RECENT_COMMENTS) -> list[Rating]:
    """The newest approved ratings that say something, for "What employees say"."""
    return list(
        Rating.objects.filter(company=company, status=Rating.Status.APPROVED)
        .exclude(comment="")
        .order_by("-updated_at")[:limit]
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
