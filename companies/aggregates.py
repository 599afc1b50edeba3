"""Rating summaries and industry ranks, recomputed in SQL from the approved ratings."""

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction


def company_ratings_refresh(*, company_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored rating summaries in SQL; ``None`` means every company.

    Aggregates the approved ratings of the given companies (deleting summaries of companies
    left with none), then re-ranks every industry: one company's new score moves its
    neighbours, and ranking a few thousand summary rows costs milliseconds. Ranks use the
    score to one decimal as shown, so companies that look tied share a rank, and only
    companies with at least RATING_MIN_FOR_RANK ratings are ranked. Returns how many
    summaries now exist for the given companies.
    """
    only = None if company_ids is None else sorted(set(company_ids))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            DELETE FROM companies_companyratingsummary AS summary
            WHERE (%(only)s::bigint[] IS NULL OR summary.company_id = ANY(%(only)s::bigint[]))
              AND NOT EXISTS (
                  SELECT 1 FROM companies_rating AS rating
                  WHERE rating.company_id = summary.company_id AND rating.status = 'approved'
              )
            """,
            {"only": only},
        )
        cursor.execute(
            """
            INSERT INTO companies_companyratingsummary (
                company_id, score, count, pay, benefits, hours, workplace,
                current_count, former_count, frontline_count, office_count, management_count,
                rank, rank_total, refreshed_at
            )
            SELECT company_id,
                   round(avg(overall), 1), count(*),
                   round(avg(pay), 1), round(avg(benefits), 1),
                   round(avg(hours), 1), round(avg(workplace), 1),
                   count(*) FILTER (WHERE employment_status = 'current'),
                   count(*) FILTER (WHERE employment_status = 'former'),
                   count(*) FILTER (WHERE role_type = 'frontline'),
                   count(*) FILTER (WHERE role_type = 'office'),
                   count(*) FILTER (WHERE role_type = 'management'),
                   NULL, NULL, now()
            FROM companies_rating
            WHERE status = 'approved'
              AND (%(only)s::bigint[] IS NULL OR company_id = ANY(%(only)s::bigint[]))
            GROUP BY company_id
            ON CONFLICT (company_id) DO UPDATE SET
                score = EXCLUDED.score, count = EXCLUDED.count, pay = EXCLUDED.pay,
                benefits = EXCLUDED.benefits, hours = EXCLUDED.hours,
                workplace = EXCLUDED.workplace, current_count = EXCLUDED.current_count,
                former_count = EXCLUDED.former_count,
                frontline_count = EXCLUDED.frontline_count,
                office_count = EXCLUDED.office_count,
                management_count = EXCLUDED.management_count,
                refreshed_at = EXCLUDED.refreshed_at
            """,
            {"only": only},
        )
        cursor.execute(
            """
            WITH ranked AS (
                SELECT summary.company_id,
                       CASE WHEN summary.count >= %(minimum)s THEN
                           rank() OVER (
                               PARTITION BY company.industry_id, summary.count >= %(minimum)s
                               ORDER BY summary.score DESC
                           )
                       END AS rank,
                       CASE WHEN summary.count >= %(minimum)s THEN
                           count(*) OVER (
                               PARTITION BY company.industry_id, summary.count >= %(minimum)s
                           )
                       END AS rank_total
                FROM companies_companyratingsummary AS summary
                JOIN companies_company AS company ON company.id = summary.company_id
                WHERE company.industry_id IS NOT NULL
            )
            UPDATE companies_companyratingsummary AS summary
            SET rank = ranked.rank, rank_total = ranked.rank_total
            FROM ranked
            WHERE ranked.company_id = summary.company_id
              AND (summary.rank, summary.rank_total)
                  IS DISTINCT FROM (ranked.rank, ranked.rank_total)
            """,
            {"minimum": settings.RATING_MIN_FOR_RANK},
        )
        # A company without an industry has nothing to be ranked within.
        cursor.execute(
            """
            UPDATE companies_companyratingsummary AS summary SET rank = NULL, rank_total = NULL
            FROM companies_company AS company
            WHERE company.id = summary.company_id AND company.industry_id IS NULL
              AND summary.rank IS NOT NULL
            """
        )
        cursor.execute(
            """
            SELECT count(*) FROM companies_companyratingsummary
            WHERE %(only)s::bigint[] IS NULL OR company_id = ANY(%(only)s::bigint[])
            """,
            {"only": only},
        )
        return cursor.fetchone()[0]
