"""Career pages carrying schema.org JobPosting JSON-LD: one posting a page, or several."""

import json

from bs4 import BeautifulSoup

from listings.html import html_to_text, sanitize_html
from listings.ingest.records import (
    Location,
    PayloadError,
    RawItem,
    Record,
    RecordError,
    clean_text,
    digest_json,
    employment_type,
    http_url,
    parse_when,
    pay_from_text,
    strip_tracking,
)
from salaries.pay import Pay, parse_pay, pay_from_amounts


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    """Every JobPosting in the page's ``application/ld+json`` blocks, in ``@graph`` or lists.

    The id is the posting's ``identifier``, else its ``url``, else the page's own address
    (without tracking parameters), numbered when one page lists several postings.
    """
    soup = BeautifulSoup(payload, "lxml")
    blocks = soup.find_all("script", attrs={"type": "application/ld+json"})
    postings = []
    for block in blocks:
        try:
            data = json.loads(block.string or block.get_text() or "null", strict=False)
        except (ValueError, RecursionError):
            continue  # one broken (or absurdly nested) block does not hide the others
        postings.extend(_job_postings(data))
    if not postings:
        raise PayloadError("the page has no schema.org JobPosting JSON-LD")
    page = strip_tracking(url)
    found = []
    for number, posting in enumerate(postings, start=1):
        external_id = _identifier(posting) or strip_tracking(http_url(posting.get("url")))
        if not external_id:
            external_id = page if len(postings) == 1 else f"{page}#{number}"
        found.append(
            RawItem(
                external_id=external_id[:255],
                data={"posting": posting, "page": url},
                digest=digest_json(posting),
            )
        )
    return found


def record(item: RawItem) -> Record:
    posting, page = item.data["posting"], item.data["page"]
    title = clean_text(posting.get("title") or posting.get("name"))
    if not title:
        raise RecordError("no title")
    organisation = posting.get("hiringOrganization")
    company = organisation.get("name") if isinstance(organisation, dict) else organisation
    remote = "TELECOMMUTE" in str(posting.get("jobLocationType") or "").upper()
    locations = [_place(place) for place in _as_list(posting.get("jobLocation"))]
    if remote:
        locations += [
            _place(place) for place in _as_list(posting.get("applicantLocationRequirements"))
        ]
    description = posting.get("description") or ""
    return Record(
        external_id=item.external_id,
        title=title,
        company_name=clean_text(company),
        locations=tuple(loc for loc in locations if str(loc)),
        workplace_type="remote" if remote else "",
        employment_type=employment_type(posting.get("employmentType")),
        pay=_salary(posting) or pay_from_text(html_to_text(sanitize_html(description))),
        description_html=description,
        apply_url=str(posting.get("url") or page),
        posted_at=parse_when(posting.get("datePosted")),
        expires_at=parse_when(posting.get("validThrough")),
        source_url=http_url(page),
    )


def _job_postings(data) -> list[dict]:
    if isinstance(data, list):
        return [posting for one in data for posting in _job_postings(one)]
    if not isinstance(data, dict):
        return []
    if "@graph" in data:
        return _job_postings(data["@graph"])
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [data] if "JobPosting" in kinds else []


def _identifier(posting: dict) -> str:
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value") or identifier.get("@id")
    return clean_text(identifier)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _place(place) -> Location:
    if isinstance(place, str):
        return Location(text=clean_text(place))
    if not isinstance(place, dict):
        return Location()
    address = place.get("address")
    if isinstance(address, dict):
        country = address.get("addressCountry")
        if isinstance(country, dict):
            country = country.get("name")
        return Location(
            city=clean_text(address.get("addressLocality")),
            region=clean_text(address.get("addressRegion")),
            country=clean_text(country),
        )
    if place.get("@type") == "Country":
        return Location(country=clean_text(place.get("name")))
    return Location(text=clean_text(place.get("name") or address))


def _salary(posting: dict) -> Pay | None:
    """``baseSalary`` as a MonetaryAmount, or the legacy bare figure with ``salaryCurrency``."""
    salary = posting.get("baseSalary")
    if isinstance(salary, dict):
        value = salary.get("value")
        if isinstance(value, dict):
            return pay_from_amounts(
                low=value.get("minValue", value.get("value")),
                high=value.get("maxValue"),
                currency=salary.get("currency"),
                period=value.get("unitText"),
            )
        return pay_from_amounts(
            low=value, high=None, currency=salary.get("currency"), period=salary.get("unitText")
        )
    if isinstance(salary, int | float) or (isinstance(salary, str) and salary.strip()):
        return pay_from_amounts(
            low=salary, high=None, currency=posting.get("salaryCurrency"), period=None
        ) or parse_pay(str(salary))
    return None
