"""Reads: the corrected query a search with few results suggests ("Did you mean …?")."""

from django.db import connection

from listings.models import SEARCH_CONFIG
from listings.words.models import WORD
from listings.words.synonyms import synonym_terms

# A word as short as "rn" has too few trigrams to be told from another by similarity.
MIN_WORD_LENGTH = 3
# A word that titles hold is still taken for a typo of a similar word that titles hold this
# many times more often ("registerd" in one ingested title, "registered" in hundreds).
MUCH_MORE_COMMON = 20

# For each typed word that is not a stop word: the title word most similar to it (pg_trgm's
# % operator, similarity 0.3 or more, served by the title_word_trgm index), the more frequent
# one first on a tie, when that word is much more common than the typed one; and whether the
# two search alike (they stem alike: "enginer" and "engineer").
_CORRECTIONS = """
SELECT typed.word, best.word,
    plainto_tsquery(%(config)s::regconfig, best.word)
        = plainto_tsquery(%(config)s::regconfig, typed.word)
FROM unnest(%(words)s::text[]) AS typed(word)
LEFT JOIN words_titleword AS known ON known.word = lower(unaccent(typed.word))
CROSS JOIN LATERAL (
    SELECT candidate.word
    FROM words_titleword AS candidate
    WHERE candidate.word %% lower(unaccent(typed.word))
        AND candidate.frequency > %(much_more)s * coalesce(known.frequency, 0)
    ORDER BY similarity(candidate.word, lower(unaccent(typed.word))) DESC,
        candidate.frequency DESC, candidate.word
    LIMIT 1
) AS best
WHERE numnode(plainto_tsquery(%(config)s::regconfig, typed.word)) > 0
"""


def query_correction(keywords: str) -> str:
    """``keywords`` with each misspelled word replaced by the title word it most likely
    meant ("registerd nurse": "registered nurse"); "" when no word needs it, or when the
    corrections would find the same jobs ("nurses" for "nurse", which stem alike).

    Synonym terms, numbers and short words are left as typed, and so is the search syntax
    around the words (quotes, ``-word``, ``or``). One query, none without a word to check.
    """
    terms = synonym_terms()
    words = {
        word.lower()
        for word in WORD.findall(keywords)
        if len(word) >= MIN_WORD_LENGTH and not word.isdigit() and word.lower() not in terms
    }
    if not words:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            _CORRECTIONS,
            {"words": sorted(words), "much_more": MUCH_MORE_COMMON, "config": SEARCH_CONFIG},
        )
        rows = cursor.fetchall()
    if all(same_search for _, _, same_search in rows):
        return ""
    corrections = {typed: meant for typed, meant, _ in rows}
    return WORD.sub(lambda typed: corrections.get(typed[0].lower(), typed[0]), keywords)
