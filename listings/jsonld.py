"""schema.org JobPosting JSON-LD as Google's job search documents it."""

import json

from django.utils.safestring import SafeString, mark_safe

from listings.models import Job, Place

EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "per_diem": "PER_DIEM",
}
SALARY_UNITS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting_jsonld(job: Job, *, site_url: str) -> dict | None:
    """The JobPosting object for an open job; None for a closed, expired or duplicate one.

    A duplicate's page points its canonical link at the original, so search engines see
    each job once.
    """
    if not job.is_open or job.duplicate_of_id:
        return None
    company = job.company
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description_html,
        "datePosted": job.posted_at.date().isoformat() if job.posted_at else None,
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type),
        "identifier": {"@type": "PropertyValue", "name": company.name, "value": str(job.pk)},
        "hiringOrganization": {
            "@type": "Organization",
            "name": company.name,
            **({"sameAs": company.website} if company.website else {}),
        },
        "url": f"{site_url}{job.get_absolute_url()}",
        "directApply": False,
    }
    if job.expires_at:
        data["validThrough"] = job.expires_at.isoformat()
    data.update(_location(job))
    data["baseSalary"] = _base_salary(job)
    return {key: value for key, value in data.items() if value is not None}


def _base_salary(job: Job) -> dict | None:
    """The stated pay; None without a figure, a currency or a period Google knows.

    Written for any row the database allows (a figure in only one of the two columns, say),
    not only for rows our own forms wrote.
    """
    figures = [float(amount) for amount in (job.pay_min, job.pay_max) if amount is not None]
    if not figures or not job.pay_currency or job.pay_period not in SALARY_UNITS:
        return None
    return {
        "@type": "MonetaryAmount",
        "currency": job.pay_currency,
        "value": {
            "@type": "QuantitativeValue",
            "minValue": min(figures),
            "maxValue": max(figures),
            "unitText": SALARY_UNITS[job.pay_period],
        },
    }


def _location(job: Job) -> dict:
    addresses = [_postal_address(place) for place in job.places.all() if place.kind != "remote"]
    location: dict = {}
    if job.workplace_type == Job.WorkplaceType.REMOTE:
        location["jobLocationType"] = "TELECOMMUTE"
        location["applicantLocationRequirements"] = {"@type": "Country", "name": "US"}
    if addresses:
        location["jobLocation"] = [{"@type": "Place", "address": a} for a in addresses]
    return location


def _postal_address(place: Place) -> dict:
    address = {"@type": "PostalAddress"}
    for ancestor in _ancestors(place):
        if ancestor.kind == Place.Kind.CITY:
            address["addressLocality"] = ancestor.name
        elif ancestor.kind == Place.Kind.STATE:
            address["addressRegion"] = ancestor.code or ancestor.name
        elif ancestor.kind == Place.Kind.COUNTRY:
            address["addressCountry"] = ancestor.code or ancestor.name
    address.setdefault("addressCountry", "US")
    return address


def _ancestors(place: Place):
    # Places are city -> state -> country at most; parents are prefetched two levels deep.
    while place is not None:
        yield place
        place = place.parent if place.parent_id else None


def json_for_script(data: dict) -> SafeString:
    """JSON safe to put inside a <script> element (no "</script>" can close it early)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308
