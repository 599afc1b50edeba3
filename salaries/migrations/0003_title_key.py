"""``salaries_title_key(title)``: the one definition of how a title is compared with
occupation names and aliases (used by the bulk and the per-job normaliser alike)."""

from django.db import migrations

TITLE_KEY = r"""
CREATE FUNCTION salaries_title_key(title text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(regexp_replace(
        ' ' || regexp_replace(lower(unaccent(coalesce(title, ''))), '[^a-z0-9+#]+', ' ', 'g') || ' ',
        -- Seniority, level and schedule words say nothing about the occupation.
        ' (senior|sr|junior|jr|lead|principal|staff|entry level|level [0-9]+|i|ii|iii|iv|v|[1-4]'
        '|remote|hybrid|onsite|on site|full time|part time|contract|temporary|temp'
        '|night shift|day shift|weekends?|urgently hiring|hiring now|immediate start)(?= )',
        ' ', 'g'), ' +', ' ', 'g'))
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0002_search"),
        ("salaries", "0002_occupation_related_comparison_comparisonrow_faqentry_and_more"),
    ]

    operations = [
        migrations.RunSQL(TITLE_KEY, "DROP FUNCTION IF EXISTS salaries_title_key(text);"),
    ]
