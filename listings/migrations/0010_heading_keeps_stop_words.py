"""Titles and company names keep every word: "IT" in "IT Support Specialist" is searchable.

English stemming drops stop words ("it", "the", "a"), so a search for "IT" found nothing. A
second configuration, ``jobboard_all_words``, stems the same way (a snowball dictionary
without a stop-word list) and builds ``heading_vector``; descriptions keep the ``jobboard``
configuration, so the common words of running text stay out of the index. The backfill
rewrites every job row once (the trigger recomputes both vectors).
"""

from django.db import migrations

ALL_WORDS_CONFIG = """
CREATE TEXT SEARCH DICTIONARY jobboard_stem_all_words (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION jobboard_all_words (COPY = jobboard);
ALTER TEXT SEARCH CONFIGURATION jobboard_all_words
    ALTER MAPPING REPLACE english_stem WITH jobboard_stem_all_words;
"""

JOB_TRIGGER = """
CREATE OR REPLACE FUNCTION listings_job_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    company_name text := coalesce(
        (SELECT name FROM companies_company WHERE id = NEW.company_id), '');
BEGIN
    NEW.heading_vector :=
        setweight(to_tsvector('jobboard_all_words', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('jobboard_all_words', company_name), 'B');
    NEW.search_vector :=
        NEW.heading_vector
        || setweight(to_tsvector('jobboard', coalesce(NEW.description_text, '')), 'C');
    RETURN NEW;
END
$$;
"""

PREVIOUS_JOB_TRIGGER = """
CREATE OR REPLACE FUNCTION listings_job_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    company_name text := coalesce(
        (SELECT name FROM companies_company WHERE id = NEW.company_id), '');
BEGIN
    NEW.heading_vector :=
        setweight(to_tsvector('jobboard', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('jobboard', company_name), 'B');
    NEW.search_vector :=
        NEW.heading_vector
        || setweight(to_tsvector('jobboard', coalesce(NEW.description_text, '')), 'C');
    RETURN NEW;
END
$$;
"""

DROP_ALL_WORDS_CONFIG = """
DROP TEXT SEARCH CONFIGURATION jobboard_all_words;
DROP TEXT SEARCH DICTIONARY jobboard_stem_all_words;
"""

# Touching title fires the trigger, which recomputes both vectors of every row.
BACKFILL = "UPDATE listings_job SET title = title"


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0009_search_place_indexes"),
    ]

    operations = [
        migrations.RunSQL(ALL_WORDS_CONFIG, DROP_ALL_WORDS_CONFIG),
        migrations.RunSQL(JOB_TRIGGER, PREVIOUS_JOB_TRIGGER),
        migrations.RunSQL(BACKFILL, BACKFILL),
    ]
