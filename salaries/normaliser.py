"""Title normalisation: which occupation a posting's own title means, decided in SQL.

Titles and occupation names/aliases are both reduced by ``salaries_title_key`` (migration
0003: lower case, no accents or punctuation, no seniority, level or schedule words), then for
each title the best occupation term wins, in this order:

1. the keys are equal ("Sr. Registered Nurse II" = "registered nurse");
2. the term appears as whole words in the title, the longest term first ("CDL-A Truck Driver"
   contains "truck driver"; "RN - Med/Surg" contains the alias "rn");
3. the closest term by ``pg_trgm`` similarity, at or above ``SIMILARITY_THRESHOLD`` and
   about as long (typos: "Registerd Nurse").

The same statement serves one title and every distinct title of a million jobs, so the rules
cannot drift apart; the bulk pass matches each distinct title once, not each row.
"""

from django.db import connection

from salaries.models import Occupation

SIMILARITY_THRESHOLD = 0.6
# A typo changes a title's length by a letter or two; "manager" vs "shop manager" is a
# missing word, which similarity alone would accept.
LENGTH_SLACK = 2

_THRESHOLDS = {"threshold": SIMILARITY_THRESHOLD, "length_slack": LENGTH_SLACK}
_MATCHES = """
WITH terms AS MATERIALIZED (
    SELECT occupation.id AS occupation_id, salaries_title_key(term) AS key
    FROM salaries_occupation AS occupation
    CROSS JOIN LATERAL unnest(array_prepend(occupation.name, occupation.aliases)) AS term
),
keys AS MATERIALIZED (
    SELECT title, salaries_title_key(title) AS key FROM ({titles}) AS titles
),
matches AS (
    SELECT keys.title, best.occupation_id
    FROM keys
    LEFT JOIN LATERAL (
        SELECT terms.occupation_id
        FROM terms
        WHERE terms.key <> '' AND (
            strpos(' ' || keys.key || ' ', ' ' || terms.key || ' ') > 0
            OR (similarity(terms.key, keys.key) >= %(threshold)s
                AND abs(length(terms.key) - length(keys.key)) <= %(length_slack)s)
        )
        ORDER BY
            terms.key = keys.key DESC,
            strpos(' ' || keys.key || ' ', ' ' || terms.key || ' ') > 0 DESC,
            length(terms.key) DESC,
            similarity(terms.key, keys.key) DESC,
            terms.occupation_id
        LIMIT 1
    ) AS best ON true
)
"""


def occupation_for_title(title: str) -> Occupation | None:
    """The occupation ``title`` means, or None when nothing is close enough (one query)."""
    # Only our own constant SQL is formatted in; the title is a parameter.
    sql = _MATCHES.format(titles="SELECT %(title)s::text AS title")  # noqa: S608
    sql += "SELECT occupation.* FROM matches JOIN salaries_occupation AS occupation"
    sql += " ON occupation.id = matches.occupation_id"
    return next(iter(Occupation.objects.raw(sql, {"title": title, **_THRESHOLDS})), None)


def titles_assign_sql(*, job_ids: list[int] | None = None) -> tuple[str, dict]:
    """The UPDATE that maps jobs (all, or ``job_ids``) to their title's occupation.

    Only rows whose occupation changes are written.
    """
    only = "" if job_ids is None else " WHERE id = ANY(%(job_ids)s)"
    # Only our own constant SQL is formatted in; ids and thresholds are parameters.
    sql = _MATCHES.format(titles="SELECT DISTINCT title FROM listings_job" + only)  # noqa: S608
    sql += """
    UPDATE listings_job AS job SET occupation_id = matches.occupation_id
    FROM matches
    WHERE job.title = matches.title AND job.occupation_id IS DISTINCT FROM matches.occupation_id
    """
    if job_ids is not None:
        sql += " AND job.id = ANY(%(job_ids)s)"
    return sql, {**_THRESHOLDS, "job_ids": job_ids}


def occupation_ids_for_titles(titles: list[str]) -> dict[str, int | None]:
    """Each title's occupation id (None when unmapped), all in one query."""
    # Only our own constant SQL is formatted in; the titles are a parameter.
    sql = _MATCHES.format(titles="SELECT unnest(%(titles)s::text[]) AS title")  # noqa: S608
    sql += "SELECT title, occupation_id FROM matches"
    with connection.cursor() as cursor:
        cursor.execute(sql, {"titles": titles, **_THRESHOLDS})
        return dict(cursor.fetchall())
