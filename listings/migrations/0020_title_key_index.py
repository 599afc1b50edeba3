"""``listings_title_key(title)``, ``salaries_title_key`` declared IMMUTABLE so it can be
indexed, and the index that reads the exact tier of relevance in date order.

``salaries_title_key`` is only STABLE because ``unaccent``'s dictionary could be changed,
which this project never does (as for ``jobboard_suggest_key``, migration 0017). Its search
path is the one it was made with: PostgreSQL builds indexes with a bare search path, where
``salaries_title_key`` and ``unaccent`` would not be found.
"""

import django.db.models.expressions
from django.db import migrations, models

import listings.models

TITLE_KEY = """
CREATE FUNCTION listings_title_key(title text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT salaries_title_key(title)
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0019_zip_codes_and_city_centres"),
        ("salaries", "0003_title_key"),
    ]

    operations = [
        migrations.RunSQL(TITLE_KEY, "DROP FUNCTION IF EXISTS listings_title_key(text);"),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                listings.models.TitleKey("title"),
                django.db.models.expressions.OrderBy(
                    django.db.models.expressions.F("posted_at"), descending=True
                ),
                condition=models.Q(("duplicate_of__isnull", True), ("status", "published")),
                name="job_title_key_posted_live",
            ),
        ),
    ]
