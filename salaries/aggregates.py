"""The one SQL statement that computes every salary aggregate from live postings."""

from datetime import date

from django.conf import settings
from django.db import connection

from listings.models import Job

# Round-number bin widths; an occupation uses the narrowest that covers its pay in MAX_BINS.
BIN_WIDTHS = [1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 250000, 500000]
MAX_BINS = 20
# Annualised figures outside this range are typing errors ("$120" a year, "$1.2B"), not pay.
PLAUSIBLE_ANNUAL_PAY = (5_000, 5_000_000)

_REFRESH = """
WITH postings AS MATERIALIZED (
    SELECT job.occupation_id, job.pay_currency AS currency, job.place_ids,
           (coalesce(job.annual_pay_min, job.annual_pay_max) + job.annual_pay_max) / 2 AS pay
    FROM ({live_jobs}) AS job
),
plausible AS (
    SELECT * FROM postings WHERE pay BETWEEN %(lowest)s AND %(highest)s
),
ranges AS (
    SELECT occupation_id, currency, min(pay) AS lowest, max(pay) AS highest
    FROM plausible GROUP BY occupation_id, currency
),
widths AS (
    SELECT occupation_id, currency, coalesce((
        SELECT width FROM unnest(%(widths)s::numeric[]) AS width
        WHERE floor(highest / width) - floor(lowest / width) < %(max_bins)s
        ORDER BY width LIMIT 1
    ), %(widest)s) AS width
    FROM ranges
),
points AS MATERIALIZED (
    -- One row per posting and scope: each of its places and their ancestors, and 0 for
    -- "everywhere". place_ids already holds the ancestors, so no join to places is needed.
    SELECT plausible.occupation_id, plausible.currency, coalesce(scope.place_id, 0) AS scope_id,
           plausible.pay, floor(plausible.pay / widths.width)::int AS bin
    FROM plausible
    JOIN widths USING (occupation_id, currency)
    CROSS JOIN LATERAL unnest(plausible.place_ids || NULL::bigint) AS scope(place_id)
),
stats AS (
    SELECT occupation_id, currency, scope_id, count(*) AS sample_size,
           min(pay) AS lowest, max(pay) AS highest, avg(pay) AS mean,
           percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9])
               WITHIN GROUP (ORDER BY pay::float8) AS percentiles
    FROM points GROUP BY occupation_id, currency, scope_id
),
bins AS (
    SELECT occupation_id, currency, scope_id, bin, count(*) AS postings
    FROM points GROUP BY occupation_id, currency, scope_id, bin
),
histograms AS (
    SELECT occupation_id, currency, scope_id,
           jsonb_agg(jsonb_build_array(bin, postings) ORDER BY bin) AS histogram
    FROM bins GROUP BY occupation_id, currency, scope_id
)
INSERT INTO salaries_salaryaggregate (
    occupation_id, place_id, currency, as_of, sample_size, pay_min, p10, p25, median, mean,
    p75, p90, pay_max, bin_width, histogram, computed_at
)
SELECT stats.occupation_id, nullif(stats.scope_id, 0), stats.currency, %(as_of)s,
       stats.sample_size,
       CASE WHEN published THEN round(stats.lowest, 2) END,
       CASE WHEN published THEN round(stats.percentiles[1]::numeric, 2) END,
       CASE WHEN published THEN round(stats.percentiles[2]::numeric, 2) END,
       CASE WHEN published THEN round(stats.percentiles[3]::numeric, 2) END,
       CASE WHEN published THEN round(stats.mean, 2) END,
       CASE WHEN published THEN round(stats.percentiles[4]::numeric, 2) END,
       CASE WHEN published THEN round(stats.percentiles[5]::numeric, 2) END,
       CASE WHEN published THEN round(stats.highest, 2) END,
       CASE WHEN published THEN widths.width END,
       CASE WHEN published THEN histograms.histogram ELSE '[]'::jsonb END,
       now()
FROM stats
JOIN histograms USING (occupation_id, currency, scope_id)
JOIN widths USING (occupation_id, currency)
CROSS JOIN LATERAL (SELECT stats.sample_size >= %(min_sample)s AS published) AS rule
"""


_OPENINGS = """
INSERT INTO salaries_openingcount (occupation_id, place_id, as_of, openings, computed_at)
SELECT job.occupation_id, scope.place_id, %(as_of)s, count(*), now()
FROM ({live_jobs}) AS job
CROSS JOIN LATERAL unnest(job.place_ids || NULL::bigint) AS scope(place_id)
GROUP BY job.occupation_id, scope.place_id
"""


def _named(queryset) -> tuple[str, dict]:
    """The queryset's SQL with its positional parameters renamed, and their values.

    The ORM writes positional %s placeholders; psycopg cannot mix them with the named ones of
    the statements around it, so they are renamed (values still go as parameters).
    """
    sql, params = queryset.query.sql_with_params()
    named = {f"live_{index}": value for index, value in enumerate(params)}
    return sql % tuple(f"%({name})s" for name in named), named


def openings_insert(*, as_of: date, occupation_id: int | None = None) -> int:
    """Insert today's live openings per occupation and place (every scope); rows written."""
    live_jobs = Job.objects.searchable().filter(occupation__isnull=False)
    if occupation_id is not None:
        live_jobs = live_jobs.filter(occupation_id=occupation_id)
    live_sql, params = _named(live_jobs.values("occupation_id", "place_ids"))
    with connection.cursor() as cursor:
        cursor.execute(_OPENINGS.format(live_jobs=live_sql), {**params, "as_of": as_of})
        return cursor.rowcount


def aggregates_insert(*, as_of: date, occupation_id: int | None = None) -> int:
    """Insert the aggregates of ``as_of`` for every occupation (or one); rows written.

    Pay per posting is the midpoint of its posted range, annualised at 2,080 hours a year;
    a single figure counts as itself. Only live postings count once each (published, not
    expired, not a duplicate), mapped to an occupation and stating pay, one currency at a
    time. Percentiles are ``percentile_cont`` (linear interpolation between postings). Below
    ``SALARY_MIN_SAMPLE`` postings only the count is stored; the figures stay null.
    """
    live_jobs = Job.objects.searchable().filter(
        occupation__isnull=False, annual_pay_max__isnull=False
    )
    if occupation_id is not None:
        live_jobs = live_jobs.filter(occupation_id=occupation_id)
    live_sql, named = _named(
        live_jobs.values(
            "occupation_id", "pay_currency", "place_ids", "annual_pay_min", "annual_pay_max"
        )
    )
    params = {
        **named,
        "as_of": as_of,
        "lowest": PLAUSIBLE_ANNUAL_PAY[0],
        "highest": PLAUSIBLE_ANNUAL_PAY[1],
        "widths": BIN_WIDTHS,
        "widest": BIN_WIDTHS[-1],
        "max_bins": MAX_BINS,
        "min_sample": settings.SALARY_MIN_SAMPLE,
    }
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH.format(live_jobs=live_sql), params)
        return cursor.rowcount
