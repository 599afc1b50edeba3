"""The abbreviations and short words of this trade, and a first count of the title words.

Counting the titles here gives a database that already holds jobs its vocabulary at once,
rather than at the next hourly refresh.
"""

from django.db import migrations

# term, expansion: what job seekers type, and the words job titles use for it.
SYNONYMS = [
    ("admin", "administrative"),
    ("ai", "artificial intelligence"),
    ("asst", "assistant"),
    ("cdl", "commercial driver license"),
    ("cna", "certified nursing assistant"),
    ("cpa", "certified public accountant"),
    ("csr", "customer service representative"),
    ("dba", "database administrator"),
    ("dev", "developer"),
    ("emt", "emergency medical technician"),
    ("eng", "engineer"),
    ("hr", "human resources"),
    ("jr", "junior"),
    ("lpn", "licensed practical nurse"),
    ("lvn", "licensed vocational nurse"),
    ("mgr", "manager"),
    ("ml", "machine learning"),
    ("np", "nurse practitioner"),
    ("pm", "product manager"),
    ("pm", "project manager"),
    ("qa", "quality assurance"),
    ("rep", "representative"),
    ("rn", "registered nurse"),
    ("sde", "software development engineer"),
    ("sr", "senior"),
    ("sre", "site reliability engineer"),
    ("swe", "software engineer"),
    ("tech", "technician"),
    ("ux", "user experience"),
    ("vp", "vice president"),
]


# The counting of listings.words.services.title_words_refresh, as it is today, over the rows
# a search can find (published, not past expiry, not a duplicate).
COUNT_TITLE_WORDS = """
INSERT INTO words_titleword (word, frequency)
SELECT word, count(*)
FROM listings_job AS job,
    regexp_split_to_table(lower(unaccent(job.title)), '[^[:alnum:]]+') AS word
WHERE job.status = 'published' AND job.duplicate_of_id IS NULL
    AND (job.expires_at IS NULL OR job.expires_at > now())
    AND word ~ '[[:alpha:]]' AND length(word) <= 100
GROUP BY word
"""


def synonyms_copy(apps):
    """The seeded synonyms, as ``Synonym`` rows (any already there are kept)."""
    Synonym = apps.get_model("words", "Synonym")
    Synonym.objects.bulk_create(
        [Synonym(term=term, expansion=expansion) for term, expansion in SYNONYMS],
        ignore_conflicts=True,
    )


def seed(apps, schema_editor):
    synonyms_copy(apps)
    schema_editor.execute(COUNT_TITLE_WORDS)


def unseed(apps, schema_editor):
    apps.get_model("words", "TitleWord").objects.all().delete()
    Synonym = apps.get_model("words", "Synonym")
    for term, expansion in SYNONYMS:
        Synonym.objects.filter(term=term, expansion=expansion).delete()


class Migration(migrations.Migration):
    dependencies = [("words", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
