"""The companies' sitemaps: every company page, and the rankings."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import cached_property

from companies.models import Company, Industry
from listings.sitemaps import IdRangeSitemap, SiteSitemap, path_format


class CompanySitemap(IdRangeSitemap):
    """Every company's page (merged companies are gone; their old slugs only redirect)."""

    columns = ("pk", "slug")

    def rows(self) -> QuerySet[Company]:
        return Company.objects.all()

    @cached_property
    def _path(self) -> str:
        return path_format("companies:detail", slug="sitemap-company")

    def location(self, row: tuple) -> str:
        _, slug, _ = row
        return self._path.format(slug=slug)


class CompanyRankingSitemap(SiteSitemap):
    """The top rated companies, overall and per industry."""

    def items(self) -> list[str]:
        industries = Industry.objects.order_by("slug").values_list("slug", flat=True)
        return [reverse("companies:top_rated")] + [
            reverse("companies:top_rated_industry", args=[slug]) for slug in industries
        ]

    def location(self, item: str) -> str:
        return item
