"""Ashby posting API: ``{"apiVersion": "1", "jobs": [...]}``, compensation when asked for."""

from urllib.parse import quote, urlsplit

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
    raw_item,
    split_locations,
    workplace_type,
)
from salaries.pay import Pay, parse_pay, pay_from_amounts


def board_url(board: str) -> str:
    return f"https://api.ashbyhq.com/posting-api/job-board/{quote(board)}?includeCompensation=true"


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    jobs = json_postings(
        payload,
        key="jobs",
        missing='an Ashby job board has a "jobs" list; this payload does not',
    )
    # Unlisted jobs are reachable by link only; the employer does not advertise them.
    return [
        raw_item(job, str(job.get("id", "")))
        for job in jobs
        if job.get("isListed", True) not in (False, "False")
    ]


def record(item: RawItem) -> Record:
    job = item.data
    if not job.get("title"):
        raise RecordError("no title")
    locations = [_address(job.get("address"), job.get("location"))]
    for secondary in job.get("secondaryLocations") or []:
        locations.append(_address(secondary.get("address"), secondary.get("location")))
    remote_text, _ = split_locations(clean_text(job.get("location")))
    remote = job.get("isRemote") in (True, "True") or remote_text
    job_url = http_url(job.get("jobUrl"))
    return Record(
        external_id=item.external_id,
        title=clean_text(job["title"]),
        company_name=_company_from_url(job_url),
        locations=tuple(loc for loc in locations if str(loc)),
        workplace_type=workplace_type(job.get("workplaceType")) or ("remote" if remote else ""),
        employment_type=employment_type(job.get("employmentType")),
        pay=_compensation_pay(job.get("compensation")),
        description_html=job.get("descriptionHtml") or "",
        apply_url=str(job.get("applyUrl") or job_url),
        posted_at=parse_when(job.get("publishedAt")),
        source_url=job_url,
        extra={"location_text": clean_text(job.get("location"))},
    )


def _address(address, name) -> Location:
    postal = (address or {}).get("postalAddress") or {}
    if postal.get("addressLocality") or postal.get("addressRegion"):
        return Location(
            city=clean_text(postal.get("addressLocality")),
            region=clean_text(postal.get("addressRegion")),
            country=clean_text(postal.get("addressCountry")),
        )
    _, named = split_locations(clean_text(name))
    return named[0] if named else Location()


def _compensation_pay(compensation) -> Pay | None:
    """The salary component of the first tier, else the summary text ("$200K – $310K")."""
    compensation = compensation or {}
    components = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        components.extend(tier.get("components") or [])
    for component in components:
        if component.get("compensationType") == "Salary":
            pay = pay_from_amounts(
                low=component.get("minValue"),
                high=component.get("maxValue"),
                currency=component.get("currencyCode"),
                period=component.get("interval"),
            )
            if pay is not None:
                return pay
    return parse_pay(
        compensation.get("scrapeableCompensationSalarySummary")
        or compensation.get("compensationTierSummary")
    )


def _company_from_url(url: str) -> str:
    path = urlsplit(url).path.strip("/").split("/")
    return path[0].replace("-", " ").title() if path and path[0] else ""
