"""heading_vector: title (A) and company (B) alone, so search can put heading matches first
without ranking every match; and a pay index that matches "highest pay first, unstated last"."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

JOB_TRIGGER = """
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

PREVIOUS_JOB_TRIGGER = """
CREATE OR REPLACE FUNCTION listings_job_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('jobboard', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('jobboard', coalesce(
            (SELECT name FROM companies_company WHERE id = NEW.company_id), '')), 'B')
        || setweight(to_tsvector('jobboard', coalesce(NEW.description_text, '')), 'C');
    RETURN NEW;
END
$$;
"""

# Touching title fires the trigger, which fills heading_vector for existing rows.
BACKFILL = "UPDATE listings_job SET title = title"


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0005_ingest'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='job',
            name='job_pay_live',
        ),
        migrations.AddField(
            model_name='job',
            name='heading_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(JOB_TRIGGER, PREVIOUS_JOB_TRIGGER),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='job',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('duplicate_of__isnull', True), ('status', 'published')), fields=['heading_vector'], name='job_heading_vector_live'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(models.OrderBy(models.F('annual_pay_max'), descending=True, nulls_last=True), models.OrderBy(models.F('posted_at'), descending=True), condition=models.Q(('duplicate_of__isnull', True), ('status', 'published')), name='job_pay_posted_live'),
        ),
    ]
