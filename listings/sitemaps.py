"""Sitemaps: the paging and writing every section shares, and the job and landing sections.

Sections are ``django.contrib.sitemaps.Sitemap`` classes (items, location, lastmod). Three
things differ from Django's own views: URLs are absolute from ``SITE_URL`` (the sites
framework is not installed, and the request's host is not ours to trust); big sections page
by id range, not OFFSET; and the XML is written in Python, because Django's template took
seconds for the 50,000 URLs of one page. lastmod is a day (the protocol allows a date).
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import DateField, F, Max, QuerySet
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from listings.links import site_url
from listings.models import Job
from listings.paging import page_number
from salaries.selectors import openings_newest

# The protocol (https://www.sitemaps.org/protocol.html) allows 50,000 URLs a sitemap; a page of
# 10,000 is written in a fifth of the time (a full 50,000-URL page took about 500 ms), for a
# hundred index entries at a million jobs.
SITEMAP_PAGE_SIZE = 10_000
_XML_ESCAPES = {'"': "&quot;", "'": "&apos;"}
_NEEDS_ESCAPE = re.compile(r"[&<>\"']")


def path_format(viewname: str, **samples: str | int) -> str:
    """The path of ``viewname`` with a ``{name}`` hole per argument, to fill with format().

    reverse() costs about 0.1 ms, too much 50,000 times a page; this calls it once. The
    samples must be values the path holds nowhere else (a test compares the result with
    each model's get_absolute_url).
    """
    path = reverse(viewname, kwargs=samples)
    for name, sample in samples.items():
        path = path.replace(f"/{sample}/", f"/{{{name}}}/", 1)
    return path


class SiteSitemap(Sitemap):
    """A sitemap whose URLs are absolute from ``SITE_URL``, whatever host the request named.

    ``get_urls`` reads only ``location`` and ``lastmod``: Django's asks for priority,
    changefreq and alternates too, a quarter of the time of a 50,000-URL page.
    """

    limit = SITEMAP_PAGE_SIZE

    def get_urls(self, page=1, site=None, protocol=None) -> list[tuple[str, date | None]]:
        """(absolute location, lastmod) of every URL of the page."""
        items = self.paginator.page(page).object_list
        prefix, lastmod = site_url(""), getattr(self, "lastmod", None)
        return [(prefix + self.location(item), lastmod and lastmod(item)) for item in items]

    def page_numbers(self) -> list[int]:
        """The pages the index lists."""
        return list(self.paginator.page_range)


@dataclass
class IdRangePage:
    number: int
    object_list: Iterable


class IdRangePaginator:
    """Pages by id: page k holds the rows with id in [(k-1)*N, k*N), N the sitemap's limit.

    Each page is then one range scan of the primary key index, as cheap for the last page of
    a million rows as for the first; Django's Paginator would COUNT every row and read page k
    with OFFSET, visiting every row before it.
    """

    def __init__(self, sitemap: "IdRangeSitemap"):
        self.sitemap = sitemap

    @cached_property
    def num_pages(self) -> int:
        """Pages up to the highest id shown: a backward walk of the primary key index."""
        highest = self.sitemap.rows().aggregate(highest=Max("pk"))["highest"]
        return 1 if highest is None else highest // self.sitemap.limit + 1

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)

    def page(self, number) -> IdRangePage:
        number = page_number(str(number))
        if number > self.num_pages:
            raise EmptyPage(f"There are only {self.num_pages} pages in this sitemap.")
        low = (number - 1) * self.sitemap.limit
        return IdRangePage(number, self.sitemap.items_between(low, low + self.sitemap.limit))


class IdRangeSitemap(SiteSitemap, ABC):
    """A sitemap of one table's rows, paged by id range (``IdRangePaginator``).

    ``columns`` are what ``location`` reads of each row: it gets a tuple of these and
    ``updated_on`` (plain tuples: named ones cost a tenth of a 50,000-URL page).
    """

    columns: tuple[str, ...]

    @abstractmethod
    def rows(self) -> QuerySet:
        """The rows to list, unordered."""

    def items_between(self, low: int, high: int) -> QuerySet:
        # The day in SQL (in UTC, the connection's zone): loading 50,000 timestamps with their
        # time zone took 0.4 s, their dates 0.1 s.
        return (
            self.rows()
            .filter(pk__gte=low, pk__lt=high)
            .annotate(updated_on=Cast("updated_at", DateField()))
            .order_by("pk")
            .values_list(*self.columns, "updated_on")
        )

    def lastmod(self, row: tuple) -> date:
        return row[-1]

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self)

    def page_numbers(self) -> list[int]:
        """The pages holding at least one row, in one query: an index probe per page.

        Pages whose ids all left the board (old expired jobs) are not listed, so the index
        does not fill up with empty sitemaps as the board ages.
        """
        size, pages = self.limit, self.paginator.num_pages
        sql, params = self.rows().order_by().values(shown_id=F("pk")).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page FROM generate_series(1, %s) AS page WHERE EXISTS ("  # noqa: S608
                f"SELECT 1 FROM ({sql}) AS shown "
                "WHERE shown.shown_id >= (page - 1) * %s AND shown.shown_id < page * %s)",
                [pages, *params, size, size],
            )
            return [page for (page,) in cursor.fetchall()]


@lru_cache(maxsize=20_000)
def _title_slug(title: str) -> str:
    """Job.get_absolute_url's slug, once per distinct title (titles repeat a great deal)."""
    return slugify(title) or "job"


class JobSitemap(IdRangeSitemap):
    """Every publicly visible canonical job; lastmod is its last update."""

    columns = ("pk", "title")

    def rows(self) -> QuerySet:
        return Job.objects.searchable()

    @cached_property
    def _path(self) -> str:
        return path_format("listings:job_detail", pk=987654321, slug="sitemap-slug")

    def location(self, row: tuple) -> str:
        pk, title, _ = row
        return self._path.format(pk=pk, slug=_title_slug(title))


class LandingSitemap(SiteSitemap):
    """The landing URL of every title (occupation) and place with open jobs.

    Read from the openings the salary refresh counts per occupation and place, so listing
    them costs a few index lookups instead of grouping a million jobs.
    """

    def items(self):
        return openings_newest().values_list("occupation__slug", "place__slug").order_by("pk")

    @cached_property
    def _path(self) -> str:
        return path_format(
            "listings:landing", title_slug="sitemap-title", place_slug="sitemap-place"
        )

    def location(self, item) -> str:
        title_slug, place_slug = item
        return self._path.format(title_slug=title_slug, place_slug=place_slug)


def _xml_text(text: str) -> str:
    """``text`` escaped for XML; most URLs (slugs and numbers) have nothing to escape."""
    return escape(text, _XML_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _urlset(urls: list[tuple[str, date | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    for location, lastmod in urls:
        lines.append(
            f"<url><loc>{_xml_text(location)}</loc>"
            + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "")
            + "</url>\n"
        )
    lines.append("</urlset>\n")
    return "".join(lines)


def _xml_response(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="application/xml; charset=utf-8")
    # As Django's sitemap views: the sitemap itself is for crawlers, not a result to show.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap_index(request: HttpRequest, sitemaps: Mapping[str, SiteSitemap]) -> HttpResponse:
    """/sitemap.xml: every page of every section."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    lines.append('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    for section, sitemap in sitemaps.items():
        url = site_url(reverse("sitemap_section", args=[section]))
        for number in sitemap.page_numbers():
            location = url if number == 1 else f"{url}?p={number}"
            lines.append(f"<sitemap><loc>{_xml_text(location)}</loc></sitemap>\n")
    lines.append("</sitemapindex>\n")
    return _xml_response("".join(lines))


@require_safe
def sitemap_section(
    request: HttpRequest, sitemaps: Mapping[str, SiteSitemap], section: str
) -> HttpResponse:
    """/sitemap-<section>.xml?p=N: one page of one section."""
    sitemap = sitemaps.get(section)
    if sitemap is None:
        raise Http404("No sitemap of that name.")
    try:
        number = page_number(request.GET.get("p"))
        urls = sitemap.get_urls(page=number)
    except PageNotAnInteger as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    except EmptyPage as error:
        raise Http404(str(error)) from None
    return _xml_response(_urlset(urls))
