"""Writes: synonym edits, which every process's rules follow, and the title vocabulary."""

from django.db import connection, transaction
from django.db.models import QuerySet

from listings.models import Job
from listings.words.models import Synonym, TitleWord
from listings.words.synonyms import synonym_rules_changed

# Each word of each searchable title (unaccented, lower case, split at anything not a letter
# or digit, as search splits it), counted; words that are only digits ("ii" stays) are left
# out. One statement: words no title holds any more go, new ones come, changed counts change,
# and unchanged rows are not rewritten, so an hourly refresh leaves little for vacuum.
_REFRESH = """
WITH counted AS (
    SELECT word, count(*) AS frequency
    FROM ({titles}) AS job,
        regexp_split_to_table(lower(unaccent(job.title)), '[^[:alnum:]]+') AS word
    WHERE word ~ '[[:alpha:]]' AND length(word) <= 100
    GROUP BY word
), gone AS (
    DELETE FROM words_titleword AS known
    WHERE NOT EXISTS (SELECT FROM counted WHERE counted.word = known.word)
)
INSERT INTO words_titleword (word, frequency)
SELECT word, frequency FROM counted
ON CONFLICT (word) DO UPDATE SET frequency = EXCLUDED.frequency
WHERE words_titleword.frequency <> EXCLUDED.frequency
"""


def synonym_save(*, synonym: Synonym) -> None:
    """Save a (validated) synonym; searches use it from the next second on."""
    with transaction.atomic():
        synonym.save()
        transaction.on_commit(synonym_rules_changed)


def synonyms_delete(*, synonyms: QuerySet[Synonym]) -> None:
    """Delete synonyms; searches stop using them from the next second on."""
    with transaction.atomic():
        synonyms.delete()
        transaction.on_commit(synonym_rules_changed)


def title_words_refresh() -> int:
    """Make ``TitleWord`` the words of today's searchable titles with their counts; returns
    how many words there are."""
    titles, params = Job.objects.searchable().values("title").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REFRESH.format(titles=titles), params)
    return TitleWord.objects.count()
