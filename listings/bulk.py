"""Writing many rows at once with COPY, every column taken from the model's own fields.

A thousand-row INSERT spends longer being compiled by Django and split by psycopg than being
run; COPY sends the rows as they are. The ingest upsert and the demo load write jobs (and
their place links) through ``rows_copy``, and its columns come from ``_meta``: a field added
to a model later is written by both, with its default where a row leaves it out.
"""

from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Exactly these field types store the Python value itself (str, int, bool, Decimal, an aware
# datetime, a list of ids), so COPY takes it without a conversion call per value; any other
# type, including a subclass, goes through its own get_db_prep_save.
_PLAIN_FIELDS = {
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.DateTimeField,
    models.DecimalField,
    models.EmailField,
    models.ForeignKey,
    models.IntegerField,
    models.PositiveIntegerField,
    models.TextField,
    models.URLField,
    ArrayField,
}


def copy_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a COPY into ``model`` writes: every concrete one but those the table's
    triggers fill: the search vectors and the job's title key (migrations 0002, 0006, 0010
    and 0020)."""
    return [
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, SearchVectorField) and field.attname != "title_key"
    ]


def ids_reserve(model: type[models.Model], count: int) -> list[int]:
    """``count`` ids from ``model``'s id sequence, so rows can point at each other in one batch."""
    if not count:
        return []
    meta = model._meta
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def rows_copy(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """COPY ``rows`` into ``model``'s table and return how many; the rows stream, one at a time.

    A row holds column values by attribute name (``company_id``). A column it leaves out gets
    the field's default, as ``model(**row)`` would, and the time of the write for ``auto_now``
    and ``auto_now_add`` dates. The primary key is written when the first row carries one
    (``ids_reserve``), else the table's sequence gives it.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    meta = model._meta
    fields = copy_fields(model)
    if meta.pk.attname not in first:
        fields.remove(meta.pk)
    now = timezone.now()
    # The real connection, once: the module-level proxy costs a thread-local lookup per use.
    db = connections[DEFAULT_DB_ALIAS]
    columns = [
        (field.attname, _default(field, now), None if type(field) in _PLAIN_FIELDS else field)
        for field in fields
    ]
    names = ", ".join(db.ops.quote_name(field.column) for field in fields)
    table = db.ops.quote_name(meta.db_table)
    count = 0
    with db.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in chain([first], rows):
            values = []
            for name, default, converted in columns:
                value = row[name] if name in row else default()
                values.append(value if converted is None else converted.get_db_prep_save(value, db))
            copy.write_row(values)
            count += 1
    return count


def _default(field: models.Field, now) -> Callable[[], Any]:
    """What a column a row leaves out gets: the write's time for automatic dates, else the
    field's own default."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda: now
    return field.get_default
