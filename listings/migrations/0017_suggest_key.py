"""``jobboard_suggest_key(text)``: how typed text and the names it may complete are compared
(lower case, no accents), and the trigram index of place names in that form, so place
suggestions are an index lookup at any size.

IMMUTABLE so it can be indexed: ``unaccent`` is only STABLE because its dictionary could be
changed, which this project never does. Its search path is the one it was made with:
PostgreSQL builds and maintains indexes with a bare search path, where ``unaccent`` (and
this function, for the index of salaries migration 0006) would not be found."""

from django.db import migrations

SUGGEST_KEY = """
CREATE FUNCTION jobboard_suggest_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT lower(unaccent('unaccent'::regdictionary, coalesce(name, '')))
$$;
CREATE INDEX place_suggest_key_trgm ON listings_place
    USING gin (jobboard_suggest_key(name) gin_trgm_ops);
"""

REVERSE = """
DROP INDEX IF EXISTS place_suggest_key_trgm;
DROP FUNCTION IF EXISTS jobboard_suggest_key(text);
"""


class Migration(migrations.Migration):
    dependencies = [("listings", "0016_job_admin_indexes")]

    operations = [migrations.RunSQL(SUGGEST_KEY, REVERSE)]
