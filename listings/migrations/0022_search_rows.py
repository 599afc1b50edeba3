"""The search table (``SearchRow``): what search reads of every live job, hash-partitioned by
id in eight, and the triggers on ``listings_job`` that keep it a copy of the live rows.

Statement triggers with transition tables, so a COPY or a bulk UPDATE of many jobs writes the
copy in one statement too. An update rewrites only the rows whose searched columns changed (a
view counted or an email sent leaves the copy alone). Deletes and TRUNCATE ... CASCADE reach
the copy through its foreign key.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

PARTITIONS = 8
# The columns copied, in the table's order; "live" (``_live``) is the partial search indexes'
# condition.
COLUMNS = (
    "id, company_id, title_key, heading_vector, search_vector, place_ids, workplace_type,"
    " employment_type, usd_annual_pay_max, posted_at, expires_at, featured"
)


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{column.strip()}" for column in COLUMNS.split(","))


def _live(prefix: str = "") -> str:
    return f"{prefix}status = 'published' AND {prefix}duplicate_of_id IS NULL"


# Whether a job's searched columns (or whether it is live) changed. (OLD and NEW would name
# PL/pgSQL's row variables, not the transition tables' rows.)
_CHANGED = (
    f"({_prefixed('old_job')}, old_job.status, old_job.duplicate_of_id)"
    f" IS DISTINCT FROM ({_prefixed('new_job')}, new_job.status, new_job.duplicate_of_id)"
)

TABLE = f"""
CREATE TABLE listings_searchrow (
    -- A deleted or truncated job takes its row with it.
    id bigint PRIMARY KEY REFERENCES listings_job (id) ON DELETE CASCADE,
    company_id bigint NOT NULL,
    title_key text NOT NULL,
    heading_vector tsvector,
    search_vector tsvector,
    place_ids bigint[] NOT NULL,
    workplace_type varchar(8) NOT NULL,
    employment_type varchar(12) NOT NULL,
    usd_annual_pay_max numeric(12, 2),
    posted_at timestamptz,
    expires_at timestamptz,
    featured boolean NOT NULL
) PARTITION BY HASH (id);
{
    "".join(
        f"CREATE TABLE listings_searchrow_{remainder} PARTITION OF listings_searchrow"
        f" FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {remainder});"
        for remainder in range(PARTITIONS)
    )
}
-- What search reads, as the job table's live partial indexes had it (the README's order).
CREATE INDEX searchrow_search_place ON listings_searchrow USING gin (search_vector, place_ids);
CREATE INDEX searchrow_heading_place ON listings_searchrow
    USING gin (heading_vector, place_ids);
CREATE INDEX searchrow_place_ids ON listings_searchrow USING gin (place_ids);
CREATE INDEX searchrow_posted ON listings_searchrow (posted_at DESC, id DESC);
CREATE INDEX searchrow_featured_posted ON listings_searchrow (posted_at DESC, id DESC)
    WHERE featured;
CREATE INDEX searchrow_title_key_posted ON listings_searchrow
    (title_key, posted_at DESC, id DESC);
CREATE INDEX searchrow_usd_pay_posted ON listings_searchrow
    (usd_annual_pay_max DESC NULLS LAST, posted_at DESC, id DESC);
CREATE INDEX searchrow_company_posted ON listings_searchrow (company_id, posted_at DESC, id DESC);
"""

TRIGGERS = f"""
CREATE FUNCTION listings_searchrow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO listings_searchrow ({COLUMNS}) SELECT {COLUMNS} FROM new_jobs WHERE {_live()};
    RETURN NULL;
END
$$;
CREATE TRIGGER listings_searchrow_insert AFTER INSERT ON listings_job
    REFERENCING NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION listings_searchrow_insert();

CREATE FUNCTION listings_searchrow_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM listings_searchrow AS row
    USING old_jobs AS old_job JOIN new_jobs AS new_job ON new_job.id = old_job.id
    WHERE row.id = old_job.id AND {_CHANGED};
    INSERT INTO listings_searchrow ({COLUMNS})
    SELECT {_prefixed("new_job")}
    FROM new_jobs AS new_job JOIN old_jobs AS old_job ON old_job.id = new_job.id
    WHERE {_live("new_job.")} AND {_CHANGED};
    RETURN NULL;
END
$$;
CREATE TRIGGER listings_searchrow_update AFTER UPDATE ON listings_job
    REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION listings_searchrow_update();

INSERT INTO listings_searchrow ({COLUMNS}) SELECT {COLUMNS} FROM listings_job WHERE {_live()};
ANALYZE listings_searchrow;
"""

REVERSE = """
DROP TRIGGER IF EXISTS listings_searchrow_update ON listings_job;
DROP TRIGGER IF EXISTS listings_searchrow_insert ON listings_job;
DROP FUNCTION IF EXISTS listings_searchrow_update();
DROP FUNCTION IF EXISTS listings_searchrow_insert();
DROP TABLE IF EXISTS listings_searchrow;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0001_initial"),
        ("listings", "0021_title_key_index_with_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(TABLE + TRIGGERS, REVERSE)],
            state_operations=[
                migrations.CreateModel(
                    name="SearchRow",
                    fields=[
                        ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                        ("title_key", models.TextField()),
                        (
                            "heading_vector",
                            django.contrib.postgres.search.SearchVectorField(null=True),
                        ),
                        (
                            "search_vector",
                            django.contrib.postgres.search.SearchVectorField(null=True),
                        ),
                        (
                            "place_ids",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.BigIntegerField(), size=None
                            ),
                        ),
                        ("workplace_type", models.CharField(max_length=8)),
                        ("employment_type", models.CharField(max_length=12)),
                        (
                            "usd_annual_pay_max",
                            models.DecimalField(decimal_places=2, max_digits=12, null=True),
                        ),
                        ("posted_at", models.DateTimeField(null=True)),
                        ("expires_at", models.DateTimeField(null=True)),
                        ("featured", models.BooleanField()),
                        (
                            "company",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.company",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]
