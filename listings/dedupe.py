"""Duplicate postings: one fingerprint per job, and one canonical job per fingerprint."""

import hashlib
import re
from collections.abc import Iterable

from django.db import connection

_NON_WORD = re.compile(r"[\W_]+")


def normalise_words(text: str) -> str:
    """Lower-case words separated by single spaces: punctuation and spacing never matter."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def job_fingerprint(
    *, company_id: int, title: str, place_ids: Iterable[int], description_text: str
) -> str:
    """A hash that two postings of the same job share, whatever feed they came from.

    Built from the company, the title, the places and the first 500 characters of the
    description's words, so reposted copies match while two openings with the same title
    but different text stay apart.
    """
    parts = [
        str(company_id),
        normalise_words(title),
        ",".join(str(pk) for pk in sorted(set(place_ids))),
        normalise_words(description_text)[:500],
    ]
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def jobs_collapse_duplicates(*, fingerprints: Iterable[str] | None = None) -> int:
    """Point every published duplicate at the earliest published job with its fingerprint.

    Limited to ``fingerprints`` when given (after one job changes), else the whole table.
    Returns how many rows changed. One UPDATE in SQL: the oldest posting of each fingerprint
    stays canonical, so results do not flip between copies as new ones arrive; a job that is
    no longer published, or no longer shares a fingerprint, stops pointing anywhere.
    """
    only = list(fingerprints) if fingerprints is not None else None
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH ranked AS (
                SELECT id,
                       first_value(id) OVER (
                           PARTITION BY fingerprint ORDER BY posted_at, id
                       ) AS canonical_id
                FROM listings_job
                WHERE status = 'published' AND fingerprint <> ''
                  AND (%(only)s::text[] IS NULL OR fingerprint = ANY(%(only)s::text[]))
            ),
            wanted AS (
                SELECT job.id, NULLIF(ranked.canonical_id, job.id) AS duplicate_of_id
                FROM listings_job AS job
                LEFT JOIN ranked ON ranked.id = job.id
                WHERE job.duplicate_of_id IS NOT NULL OR ranked.id IS NOT NULL
            )
            UPDATE listings_job AS job
            SET duplicate_of_id = wanted.duplicate_of_id
            FROM wanted
            WHERE job.id = wanted.id
              AND job.duplicate_of_id IS DISTINCT FROM wanted.duplicate_of_id
              AND (%(only)s::text[] IS NULL OR job.fingerprint = ANY(%(only)s::text[]))
            """,
            {"only": only},
        )
        return cursor.rowcount
