"""The salary pages' sitemap: the index, and every occupation and place with figures shown."""

from datetime import date

from django.urls import reverse

from listings.sitemaps import SiteSitemap, path_format
from salaries.models import Comparison
from salaries.selectors import aggregates_published_newest


class SalarySitemap(SiteSitemap):
    """/salaries/, each occupation and occupation in a place whose newest figures are shown
    (pages below the minimum sample say so and ask not to be indexed), and the comparisons.
    lastmod is the day the figures were computed."""

    def items(self) -> list[tuple[str, date | None]]:
        occupation = path_format("salaries:occupation", occupation_slug="sitemap-occupation")
        in_place = path_format(
            "salaries:occupation_place",
            occupation_slug="sitemap-occupation",
            place_slug="sitemap-place",
        )
        rows = (
            aggregates_published_newest()
            .order_by("occupation__slug", "place__slug")
            .values_list("occupation__slug", "place__slug", "as_of")
        )
        pages = [(reverse("salaries:index"), None)]
        for occupation_slug, place_slug, as_of in rows:
            if place_slug is None:
                pages.append((occupation.format(occupation_slug=occupation_slug), as_of))
            else:
                path = in_place.format(occupation_slug=occupation_slug, place_slug=place_slug)
                pages.append((path, as_of))
        comparisons = Comparison.objects.select_related("occupation", "other")
        return pages + [(comparison.get_absolute_url(), None) for comparison in comparisons]

    def location(self, item: tuple[str, date | None]) -> str:
        return item[0]

    def lastmod(self, item: tuple[str, date | None]) -> date | None:
        return item[1]
