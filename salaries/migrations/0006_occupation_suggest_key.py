"""The trigram index behind title suggestions: an occupation's name and aliases in one text,
in ``jobboard_suggest_key`` form, so "nur", "rn" or a typo ("registerd") find it by index."""

from django.db import migrations

OCCUPATION_TERMS = """
CREATE FUNCTION salaries_occupation_suggest_key(name text, aliases varchar[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT jobboard_suggest_key(array_to_string(array_prepend(name::varchar, aliases), ' | '))
$$;
CREATE INDEX occupation_suggest_key_trgm ON salaries_occupation
    USING gin (salaries_occupation_suggest_key(name, aliases) gin_trgm_ops);
"""

REVERSE = """
DROP INDEX IF EXISTS occupation_suggest_key_trgm;
DROP FUNCTION IF EXISTS salaries_occupation_suggest_key(text, varchar[]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0017_suggest_key"),
        ("salaries", "0005_exchange_rates"),
    ]

    operations = [migrations.RunSQL(OCCUPATION_TERMS, REVERSE)]
