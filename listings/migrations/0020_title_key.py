"""``Job.title_key``: the title as salaries' normaliser compares it (``salaries_title_key``,
salaries migration 0003), kept by a trigger on every write (COPY and bulk UPDATE included),
and the index that reads the exact tier of relevance newest first.

A column rather than an index on the expression: the other heading matches are the heading
matches whose key is not the search's, a test on every row such a tier reads, and computing
the key there (about 40 µs a row, three regular expressions) made that tier 270 ms for
"registered nurse" at 100,000 jobs; reading the column costs nothing. The backfill computes
each distinct title's key once.
"""

from django.db import migrations, models

TRIGGER = """
CREATE FUNCTION listings_job_title_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.title_key := salaries_title_key(NEW.title);
    RETURN NEW;
END
$$;
CREATE TRIGGER listings_job_title_key
    BEFORE INSERT OR UPDATE OF title ON listings_job
    FOR EACH ROW EXECUTE FUNCTION listings_job_title_key();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS listings_job_title_key ON listings_job;
DROP FUNCTION IF EXISTS listings_job_title_key();
"""

BACKFILL = """
UPDATE listings_job AS job SET title_key = keys.key
FROM (SELECT title, salaries_title_key(title) AS key FROM (SELECT DISTINCT title FROM listings_job)
      AS titles) AS keys
WHERE job.title = keys.title AND keys.key <> ''
"""


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0019_zip_codes_and_city_centres"),
        ("salaries", "0003_title_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="title_key",
            field=models.TextField(db_default="", default="", editable=False),
        ),
        migrations.RunSQL(TRIGGER, DROP_TRIGGER),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                condition=models.Q(("duplicate_of__isnull", True), ("status", "published")),
                fields=["title_key", "-posted_at"],
                name="job_title_key_posted_live",
            ),
        ),
    ]
