from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from listings.jsonld import json_for_script
from listings.links import site_url
from listings.models import Place
from salaries import selectors
from salaries.charts import histogram_chart
from salaries.jsonld import occupation_jsonld
from salaries.models import Occupation


def _place_or_404(slug: str | None) -> Place | None:
    if slug is None:
        return None
    try:
        return Place.objects.select_related("parent").get(slug=slug)
    except Place.DoesNotExist:
        raise Http404(f"We don’t know a place called “{slug[:80]}”.") from None


def _occupation_or_404(slug: str) -> Occupation:
    return get_object_or_404(Occupation, slug=slug)


def _canonical_url(request: HttpRequest) -> str:
    """The page's own address, absolute from SITE_URL; salary pages take no query parameters."""
    return site_url(request.path)


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "salaries/index.html",
        {
            "occupations": selectors.occupations_with_pay(),
            "canonical_url": _canonical_url(request),
        },
    )


def occupation(request: HttpRequest, occupation_slug: str, place_slug: str | None = None):
    """/salaries/<occupation>/<place>/: what a title pays in a place, and how we know."""
    occupation = _occupation_or_404(occupation_slug)
    place = _place_or_404(place_slug)
    insight = selectors.salary_insight(occupation=occupation, place=place)
    # The FAQ partial carries its own FAQPage JSON-LD.
    jsonld = occupation_jsonld(insight)
    return render(
        request,
        "salaries/occupation.html",
        {
            "insight": insight,
            "histogram": histogram_chart(insight.aggregate) if insight.published else None,
            "jsonld": json_for_script(jsonld) if jsonld else None,
            "min_sample": settings.SALARY_MIN_SAMPLE,
            "canonical_url": _canonical_url(request),
        },
    )


def compare(request: HttpRequest, left: str, right: str, place_slug: str | None = None):
    """/salaries/compare/<a>/<b>/: two occupations' pay side by side, with curated rows."""
    if left == right:
        raise Http404("Choose two different occupations to compare.")
    left_occupation = _occupation_or_404(left)
    right_occupation = _occupation_or_404(right)
    place = _place_or_404(place_slug)
    return render(
        request,
        "salaries/compare.html",
        {
            "view": selectors.comparison_page(
                left=left_occupation, right=right_occupation, place=place
            ),
            "min_sample": settings.SALARY_MIN_SAMPLE,
            "canonical_url": _canonical_url(request),
        },
    )
