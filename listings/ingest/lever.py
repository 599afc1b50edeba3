"""Lever postings API: a bare JSON array; HTML raw; ``createdAt`` in epoch milliseconds."""

from urllib.parse import quote, urlsplit

from listings.html import html_to_text
from listings.ingest.records import (
    Location,
    RawItem,
    Record,
    RecordError,
    clean_text,
    employment_type,
    http_url,
    json_postings,
    parse_when,
    pay_from_text,
    raw_item,
    split_locations,
    workplace_type,
)
from salaries.pay import pay_from_amounts


def board_url(slug: str) -> str:
    """All postings of a company (no ``limit``: Lever then returns every posting at once)."""
    return f"https://api.lever.co/v0/postings/{quote(slug)}?mode=json"


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    postings = json_postings(
        payload,
        key=None,
        missing="Lever postings come as a JSON array; this payload is not one",
    )
    return [raw_item(posting, str(posting.get("id", ""))) for posting in postings]


def record(item: RawItem) -> Record:
    posting = item.data
    if not posting.get("text"):
        raise RecordError("no title")
    categories = posting.get("categories") or {}
    location_text = clean_text(categories.get("location"))
    remote, locations = split_locations(location_text)
    for other in categories.get("allLocations") or []:
        locations += tuple(loc for loc in split_locations(other)[1] if loc not in locations)
    if posting.get("country") and len(locations) == 1 and "," not in locations[0].text:
        locations = (Location(city=locations[0].text, country=posting["country"]),)
    # "description" is the opening plus the body; the lists and the closing come apart.
    parts = [posting.get("description") or ""]
    for section in posting.get("lists") or []:
        parts.append(
            f"<h3>{clean_text(section.get('text'))}</h3><ul>{section.get('content', '')}</ul>"
        )
    parts.append(posting.get("additional") or "")
    description = "\n".join(parts)
    salary = posting.get("salaryRange") or {}
    pay = pay_from_amounts(
        low=salary.get("min"),
        high=salary.get("max"),
        currency=salary.get("currency"),
        period=salary.get("interval"),
    ) or pay_from_text(
        posting.get("salaryDescriptionPlain")
        or html_to_text(posting.get("salaryDescription") or "")
        or posting.get("additionalPlain")
        or ""
    )
    hosted = http_url(posting.get("hostedUrl"))
    return Record(
        external_id=item.external_id,
        title=clean_text(posting["text"]),
        company_name=_company_from_url(hosted),
        locations=locations,
        workplace_type="remote" if remote else workplace_type(posting.get("workplaceType")),
        employment_type=employment_type(categories.get("commitment")),
        pay=pay,
        description_html=description,
        apply_url=str(posting.get("applyUrl") or hosted),
        posted_at=parse_when(posting.get("createdAt")),
        source_url=hosted,
        extra={"location_text": location_text},
    )


def _company_from_url(url: str) -> str:
    """Lever postings do not name the company; its slug in the address is the best guess."""
    path = urlsplit(url).path.strip("/").split("/")
    return path[0].replace("-", " ").title() if path and path[0] else ""
