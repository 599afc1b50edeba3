"""Search support the ORM cannot express: extensions, a text search configuration, and the
triggers that keep ``Job.search_vector`` current whatever writes the row (ORM, COPY, SQL)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

SEARCH_CONFIG = """
CREATE TEXT SEARCH CONFIGURATION jobboard (COPY = english);
ALTER TEXT SEARCH CONFIGURATION jobboard
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

JOB_TRIGGER = """
CREATE FUNCTION listings_job_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('jobboard', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('jobboard', coalesce(
            (SELECT name FROM companies_company WHERE id = NEW.company_id), '')), 'B')
        || setweight(to_tsvector('jobboard', coalesce(NEW.description_text, '')), 'C');
    RETURN NEW;
END
$$;
CREATE TRIGGER listings_job_search_vector
    BEFORE INSERT OR UPDATE OF title, company_id, description_text ON listings_job
    FOR EACH ROW EXECUTE FUNCTION listings_job_search_vector();

-- A renamed company re-indexes its jobs: touching title fires the trigger above.
CREATE FUNCTION companies_company_reindex_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listings_job SET title = title WHERE company_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER companies_company_reindex_jobs
    AFTER UPDATE OF name ON companies_company
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION companies_company_reindex_jobs();
"""

REVERSE = """
DROP TRIGGER IF EXISTS companies_company_reindex_jobs ON companies_company;
DROP FUNCTION IF EXISTS companies_company_reindex_jobs();
DROP TRIGGER IF EXISTS listings_job_search_vector ON listings_job;
DROP FUNCTION IF EXISTS listings_job_search_vector();
DROP TEXT SEARCH CONFIGURATION IF EXISTS jobboard;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0001_initial"),
        ("companies", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(SEARCH_CONFIG + JOB_TRIGGER, REVERSE),
        migrations.RunSQL(
            "CREATE INDEX place_name_trgm ON listings_place USING gin (name gin_trgm_ops);",
            "DROP INDEX IF EXISTS place_name_trgm;",
        ),
    ]
