"""The salaries part of the JSON API: the figures of a salary page, for a title and a place.

The salary page's own selector (``aggregate_latest``) and its minimum-sample rule: below
``SALARY_MIN_SAMPLE`` postings stating pay there are no figures, only a note saying so.
"""

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from listings.api import ERRORS, PlaceOut, place_out
from listings.links import site_url
from listings.models import Place
from salaries import selectors
from salaries.insights import EVERYWHERE, salary_url
from salaries.models import Occupation

router = Router(tags=["salaries"])


class OccupationOut(Schema):
    name: str
    slug: str


class SalaryFigures(Schema):
    """Yearly pay, from the midpoints of the postings' ranges."""

    p10: float
    p25: float
    median: float
    mean: float
    p75: float
    p90: float
    min: float
    max: float


class Salary(Schema):
    occupation: OccupationOut
    place: PlaceOut | None = Field(description="None: every place")
    url: str = Field(description="The salary page")
    currency: str
    period: str = Field(description="Always year: figures are yearly pay")
    as_of: date | None = Field(description="The day the figures were computed")
    sample_size: int = Field(description="Live postings stating pay in this currency")
    published: bool = Field(description="Whether there are enough postings for figures")
    figures: SalaryFigures | None = Field(description="None when published is false")
    note: str = Field(description="What the figures are, or why there are none")


@router.get(
    "/salaries/{title_slug}",
    response={200: Salary, **ERRORS},
    summary="Salary figures for a title everywhere",
)
def salary_everywhere(request: HttpRequest, title_slug: str):
    return _salary(title_slug, None)


@router.get(
    "/salaries/{title_slug}/{place_slug}",
    response={200: Salary, **ERRORS},
    summary="Salary figures for a title in a place",
    description="The figures the salary page shows: percentiles, mean and median of yearly "
    "pay, the sample size and the day. With too few postings stating pay, figures is null "
    "and the note says so.",
)
def salary_in_place(request: HttpRequest, title_slug: str, place_slug: str):
    return _salary(title_slug, place_slug)


def _salary(title_slug: str, place_slug: str | None):
    occupation = Occupation.objects.filter(slug=title_slug).first()
    if occupation is None:
        return Status(404, {"detail": "No job title has this slug; /api/v1/titles?q= lists them."})
    place = None
    if place_slug is not None:
        place = Place.objects.select_related("parent").filter(slug=place_slug).first()
        if place is None:
            return Status(404, {"detail": "No place has this slug; /api/v1/places?q= lists them."})
    aggregate = selectors.aggregate_latest(occupation=occupation, place=place)
    published = aggregate is not None and aggregate.is_published
    where = place.name if place else EVERYWHERE
    sample = aggregate.sample_size if aggregate else 0
    if published:
        note = (
            f"Yearly pay of {sample} live {occupation.name} postings in {where} that state "
            f"pay in {selectors.PAGE_CURRENCY}, from the midpoint of each posted range."
        )
    else:
        note = (
            f"Too few postings for a fair figure: {sample} live {occupation.name} postings in "
            f"{where} state their pay, and figures need {settings.SALARY_MIN_SAMPLE}."
        )
    return {
        "occupation": {"name": occupation.name, "slug": occupation.slug},
        "place": place_out(place) if place else None,
        "url": site_url(salary_url(occupation, place)),
        "currency": selectors.PAGE_CURRENCY,
        "period": "year",
        "as_of": aggregate.as_of if aggregate else None,
        "sample_size": sample,
        "published": published,
        "figures": _figures(aggregate) if published else None,
        "note": note,
    }


def _figures(aggregate) -> dict:
    names = ("p10", "p25", "median", "mean", "p75", "p90")
    figures = {name: float(getattr(aggregate, name)) for name in names}
    return {**figures, "min": float(aggregate.pay_min), "max": float(aggregate.pay_max)}
