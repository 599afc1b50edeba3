"""Job.published_at: when a job last became publicly visible, kept by a trigger.

Existing jobs take their posted_at. From here on the trigger is the one place that sets it: a
job inserted published and unexpired without one, or updated into being published and
unexpired from anything else (published by a moderator, renewed, republished by its feed),
gets the time of that write (clock_timestamp(), not the transaction's start, so a long
transaction does not date its jobs before an alert that began meanwhile); every other write
keeps the value the row already has.
"""

from django.db import migrations, models

TRIGGER = """
CREATE FUNCTION listings_job_published_at() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'published'
       AND (NEW.expires_at IS NULL OR NEW.expires_at > clock_timestamp()) THEN
        IF TG_OP = 'INSERT' THEN
            NEW.published_at := coalesce(NEW.published_at, clock_timestamp());
        ELSIF NOT (OLD.status = 'published'
                   AND (OLD.expires_at IS NULL OR OLD.expires_at > clock_timestamp())) THEN
            NEW.published_at := clock_timestamp();
        END IF;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER listings_job_published_at
    BEFORE INSERT OR UPDATE OF status, expires_at ON listings_job
    FOR EACH ROW EXECUTE FUNCTION listings_job_published_at();
"""

REVERSE = """
DROP TRIGGER IF EXISTS listings_job_published_at ON listings_job;
DROP FUNCTION IF EXISTS listings_job_published_at();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("listings", "0014_ingest_and_recruiter_models_move_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(
            "UPDATE listings_job SET published_at = posted_at WHERE posted_at IS NOT NULL",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(TRIGGER, REVERSE),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                condition=models.Q(("duplicate_of__isnull", True), ("status", "published")),
                fields=["published_at"],
                name="job_published_live",
            ),
        ),
    ]
