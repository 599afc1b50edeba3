"""A job's derived columns, computed by one function for every writer.

``Job.save()`` and ``job_refresh_places`` (one job through the ORM, by
``Job.derived_fields``), the ingest upsert and the demo load all call ``job_derived_fields``,
so annualised pay, places, the fingerprint, the occupation and the plain text cannot drift
apart between them. What it needs from other tables comes in ``DerivedLookups``, read once per
batch (``listings.services.derived_lookups``), so a bulk writer spends the same few queries on
a thousand jobs as on one.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from listings.dedupe import job_fingerprint
from listings.html import html_to_text, sanitize_html
from salaries.pay import pay_derived

if TYPE_CHECKING:  # models.py imports this module, for Job.save
    from listings.models import Place

REMOTE = "remote"  # Job.WorkplaceType.REMOTE


@dataclass(frozen=True)
class DerivedLookups:
    """What deriving reads from other tables.

    ``usd_rates`` holds US dollars per unit of each currency (a currency it lacks has no
    rate); ``remote_place_ids`` the "Remote" places every remote job is in; ``occupation_ids``
    each title's occupation id. Occupations are mapped by salaries' SQL
    (``salaries.normaliser.occupation_ids_for_titles``, one query for any number of titles),
    which sits above this layer, so a bulk writer maps its batch's titles and passes them in;
    without them the occupation is left out, for salaries' services to map after the write.
    """

    usd_rates: Mapping[str, Decimal]
    remote_place_ids: Sequence[int] = ()
    occupation_ids: Mapping[str, int | None] | None = None


def job_derived_fields(
    *,
    title: str,
    company_id: int | None,
    workplace_type: str,
    description_html: str,
    description_text: str | None = None,
    pay_min: Decimal | None,
    pay_max: Decimal | None,
    pay_currency: str,
    pay_period: str,
    places: "Iterable[Place] | None",
    lookups: DerivedLookups,
) -> dict[str, Any]:
    """The columns a job derives from its own values, by attribute name, ready to write.

    Always the sanitised ``description_html`` with its ``description_text`` and the yearly
    pay in its own currency and in US dollars. With ``places`` (each with its lineage) also
    ``place_ids`` and the ``fingerprint``: ``Job.save()`` passes None, since a new job gets
    its places only once it has an id, and ``job_refresh_places`` computes them then. With
    occupations in ``lookups`` also ``occupation_id``.

    ``description_text`` is for HTML a writer built itself from the same parts as its text
    (the demo's generator): both are then taken as they are, which its test holds to what
    sanitising and flattening give; parsing every generated description would take twice as
    long as generating it.
    """
    if description_text is None:
        description_html = sanitize_html(description_html)
        description_text = html_to_text(description_html)
    fields: dict[str, Any] = {
        "description_html": description_html,
        "description_text": description_text,
        **pay_derived(
            pay_min=pay_min,
            pay_max=pay_max,
            period=pay_period,
            usd_per_unit=lookups.usd_rates.get(pay_currency),
        ),
    }
    if places is not None:
        place_ids = {pk for place in places for pk in place.lineage}
        if workplace_type == REMOTE:
            place_ids.update(lookups.remote_place_ids)
        fields["place_ids"] = sorted(place_ids)
        fields["fingerprint"] = job_fingerprint(
            company_id=company_id,
            title=title,
            place_ids=place_ids,
            description_text=description_text,
        )
    if lookups.occupation_ids is not None:
        fields["occupation_id"] = lookups.occupation_ids.get(title)
    return fields
