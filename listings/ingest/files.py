"""CSV and JSON files an admin uploads: one posting a row (or object), our own column names.

Columns: ``id`` (or ``external_id``), ``title``, ``company``, ``location`` ("San Jose, CA";
"Remote"), ``workplace_type``, ``employment_type``, ``salary`` (text such as "$120K-$150K")
or ``pay_min``/``pay_max``/``pay_currency``/``pay_period``, ``description`` (HTML),
``apply_url``, ``posted_at``, ``expires_at``. Rows without an id get one from their title,
company, location and apply URL, so importing the same file again changes nothing.
"""

import csv
import io

from listings.ingest.records import (
    PayloadError,
    RawItem,
    Record,
    RecordError,
    clean_text,
    digest_json,
    employment_type,
    load_json,
    parse_when,
    raw_item,
    split_locations,
    workplace_type,
)
from salaries.pay import parse_pay, pay_from_amounts


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    text = payload.decode("utf-8-sig", errors="replace")
    if text.lstrip()[:1] in ("[", "{"):
        rows = load_json(payload)
        if isinstance(rows, dict):
            rows = rows.get("jobs")
        if not isinstance(rows, list):
            raise PayloadError('a JSON file holds a list of postings or {"jobs": [...]}')
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "title" not in [f.strip().lower() for f in reader.fieldnames]:
            raise PayloadError('a CSV file needs a header row with at least a "title" column')
        rows = [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]
    found = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        external_id = clean_text(row.get("id") or row.get("external_id"))
        if not external_id:
            key = [row.get(name) for name in ("title", "company", "location", "apply_url")]
            external_id = "row-" + digest_json(key)[:20]
        found.append(raw_item(row, external_id))
    return found


def record(item: RawItem) -> Record:
    row = item.data
    title = clean_text(row.get("title"))
    if not title:
        raise RecordError("no title")
    remote, locations = split_locations(clean_text(row.get("location")))
    pay = pay_from_amounts(
        low=row.get("pay_min") or None,
        high=row.get("pay_max") or None,
        currency=row.get("pay_currency"),
        period=row.get("pay_period"),
    ) or parse_pay(clean_text(row.get("salary")))
    apply_url = str(row.get("apply_url") or "").strip()
    return Record(
        external_id=item.external_id,
        title=title,
        company_name=clean_text(row.get("company")),
        locations=locations,
        workplace_type=workplace_type(row.get("workplace_type")) or ("remote" if remote else ""),
        employment_type=employment_type(row.get("employment_type")),
        pay=pay,
        description_html=str(row.get("description") or ""),
        apply_url=apply_url,
        posted_at=parse_when(row.get("posted_at")),
        expires_at=parse_when(row.get("expires_at")),
        extra={"location_text": clean_text(row.get("location"))},
    )
