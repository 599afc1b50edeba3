"""Greenhouse job board API: ``{"jobs": [...], "meta": {...}}``, content entity-escaped once."""

import html
from urllib.parse import quote

from listings.html import html_to_text, sanitize_html
from listings.ingest.records import (
    Location,
    RawItem,
    Record,
    RecordError,
    clean_text,
    http_url,
    json_postings,
    parse_when,
    pay_from_text,
    raw_item,
    split_locations,
)
from salaries.pay import Pay, pay_from_amounts


def board_url(token: str) -> str:
    """The list endpoint for a board token, with descriptions."""
    return f"https://boards-api.greenhouse.io/v1/boards/{quote(token)}/jobs?content=true"


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    jobs = json_postings(
        payload,
        key="jobs",
        missing='a Greenhouse board has a "jobs" list; this payload does not',
    )
    return [raw_item(job, str(job.get("id", ""))) for job in jobs]


def record(item: RawItem) -> Record:
    job = item.data
    if not job.get("title"):
        raise RecordError("no title")
    # Escaped exactly once by Greenhouse: unescaping again would corrupt a literal "&amp;".
    description = html.unescape(job.get("content") or "")
    location_text = clean_text((job.get("location") or {}).get("name"))
    remote, locations = split_locations(location_text)
    offices = [
        Location(text=clean_text(office.get("location")))
        for office in job.get("offices") or []
        if isinstance(office, dict) and office.get("location")
    ]
    return Record(
        external_id=item.external_id,
        title=clean_text(job["title"]),
        company_name=clean_text(job.get("company_name")),
        locations=locations or tuple(offices),
        workplace_type="remote" if remote else "",
        pay=_metadata_pay(job.get("metadata"))
        or pay_from_text(html_to_text(sanitize_html(description))),
        description_html=description,
        apply_url=str(job.get("absolute_url") or ""),
        posted_at=parse_when(job.get("first_published") or job.get("updated_at")),
        expires_at=parse_when(job.get("application_deadline")),
        source_url=http_url(job.get("absolute_url")),
        extra={"location_text": location_text},
    )


def _metadata_pay(metadata) -> Pay | None:
    """Pay from the employer's custom fields: the first currency range or amount with figures."""
    for entry in metadata or []:
        value = entry.get("value") if isinstance(entry, dict) else None
        if not isinstance(value, dict):
            continue
        if entry.get("value_type") == "currency_range":
            pay = pay_from_amounts(
                low=value.get("min_value"),
                high=value.get("max_value"),
                currency=value.get("unit"),
                period=entry.get("name"),
            )
        elif entry.get("value_type") == "currency":
            pay = pay_from_amounts(
                low=value.get("amount"), high=None, currency=value.get("unit"), period=None
            )
        else:
            continue
        if pay is not None:
            return pay
    return None
