"""RSS 2.0 and Atom feeds of any search or landing URL: its newest matching jobs."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from listings.links import site_url
from listings.models import Job, Place
from listings.search import SearchInvalid, SearchRequest, search_matches, search_request
from listings.views import landing_params, search_heading, title_from_slug

FEED_ITEMS = 50


@dataclass(frozen=True)
class FeedSearch:
    """The search a feed lists, with what its channel says about it."""

    search: SearchRequest
    heading: str
    page_url: str  # the search page the feed follows, absolute
    feed_url: str  # the feed itself, absolute


class SearchFeed(Feed):
    """RSS 2.0 of a search (/jobs/feed/?q=…) or landing URL (/jobs/<title>/<place>/feed/).

    The same parameters as the page, read by the same ``search_request``; the newest
    ``FEED_ITEMS`` publicly visible, canonical matches, whatever the page's sort or page.
    """

    description_template = "listings/feed_item.html"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except SearchInvalid as invalid:
            return HttpResponseBadRequest(
                f"We couldn't make a feed of that search: {invalid}",
                content_type="text/plain; charset=utf-8",
            )

    def get_object(self, request: HttpRequest, title_slug: str = "", place_slug: str = ""):
        if place_slug:
            place = get_object_or_404(Place, slug=place_slug)
            params = landing_params(request.GET, title_slug=title_slug, place=place)
            page_path = reverse("listings:landing", args=[title_slug, place_slug])
            title = title_from_slug(title_slug)
        else:
            params, page_path = request.GET, reverse("listings:search")
            place, title = None, ""
        search = search_request(params)
        query = request.GET.copy()
        query.pop("page", None)
        suffix = f"?{query.urlencode()}" if query else ""
        return FeedSearch(
            search=search,
            heading=search_heading(title or search.keywords.strip().title(), place or search.place),
            page_url=site_url(f"{page_path}{suffix}"),
            feed_url=site_url(f"{request.path}{suffix}"),
        )

    def title(self, obj: FeedSearch) -> str:
        return f"{obj.heading} · Payline Jobs"

    def link(self, obj: FeedSearch) -> str:
        return obj.page_url

    def feed_url(self, obj: FeedSearch) -> str:
        return obj.feed_url

    def description(self, obj: FeedSearch) -> str:
        return f"The newest {obj.heading.lower()} on Payline Jobs, with their pay."

    def items(self, obj: FeedSearch):
        # The date sort of the page (the job_posted_live index), so both list the same jobs.
        return search_matches(obj.search).order_by("-posted_at", "-id").for_cards()[:FEED_ITEMS]

    def item_title(self, item: Job) -> str:
        return item.title

    def item_link(self, item: Job) -> str:
        return site_url(item.get_absolute_url())

    def item_pubdate(self, item: Job):
        return item.posted_at

    def item_updateddate(self, item: Job):
        return item.updated_at

    def item_author_name(self, item: Job) -> str:
        return item.company.name

    def item_categories(self, item: Job) -> tuple[str, ...]:
        return (item.get_employment_type_display(), item.get_workplace_type_display())


class SearchAtomFeed(SearchFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, obj: FeedSearch) -> str:
        return self.description(obj)
