from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import BooleanField, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from listings.geo import METERS_PER_MILE, Point

# What no card, feed item or digest line shows: the description as written and as HTML,
# the search vectors, and the company's description.
_NOT_ON_CARDS = (
    "description_html",
    "description_markdown",
    "search_vector",
    "heading_vector",
    "company__description",
)


def in_place(place) -> Q:
    """The condition of ``JobQuerySet.in_place``, for a count's FILTER (listings.facets)."""
    return Q(place_ids__contains=[place.pk])


def in_places(place_ids: list[int] | ArraySubquery) -> Q:
    """The condition of ``JobQuerySet.in_places``."""
    return Q(place_ids__overlap=place_ids)


def unexpired() -> Q:
    """The jobs not past their expiry date (or without one)."""
    return Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())


class JobQuerySet(models.QuerySet):
    def published(self) -> "JobQuerySet":
        """Jobs the public may see: published and not past their expiry date.

        The one definition of "publicly visible", used by search, feeds, sitemaps,
        similar jobs and JSON-LD alike.
        """
        return self.filter(status="published").filter(unexpired())

    def canonical(self) -> "JobQuerySet":
        """Jobs that are not a duplicate of another posting."""
        return self.filter(duplicate_of__isnull=True)

    def searchable(self) -> "JobQuerySet":
        """Published jobs with duplicates collapsed: what search results list."""
        return self.published().canonical()

    def past_expiry(self) -> "JobQuerySet":
        """Published jobs whose expiry date has passed but whose status still says published."""
        return self.filter(status="published", expires_at__lte=timezone.now())

    def in_place(self, place) -> "JobQuerySet":
        """Jobs in the place or anywhere inside it (a state finds its cities)."""
        return self.filter(in_place(place))

    def in_places(self, place_ids: list[int] | ArraySubquery) -> "JobQuerySet":
        """Jobs in any of the places (the cities of a radius search), by the same GIN
        index as ``in_place``; the ids may be a subquery, to filter in the same statement."""
        return self.filter(in_places(place_ids))

    def for_cards(self) -> "JobQuerySet":
        """Load what a result card shows in two queries: the job, its company and rating, then
        the places with their states (``Job.place_list``, a plain list rather than a queryset
        per job), leaving out the long columns no card reads."""
        place = self.model._meta.get_field("places").related_model  # models.py imports this file
        places = place.objects.select_related("parent")
        return (
            self.select_related("company__rating_summary")
            .defer(*_NOT_ON_CARDS)
            .prefetch_related(Prefetch("places", queryset=places, to_attr="place_list"))
        )


class SearchRowQuerySet(models.QuerySet):
    def searchable(self) -> "SearchRowQuerySet":
        """``JobQuerySet.searchable()`` of these rows: they are the published jobs that are
        not duplicates, so only the expiry date is left to test."""
        return self.filter(unexpired())


class PlaceQuerySet(models.QuerySet):
    def remote_ids(self) -> list[int]:
        """Ids of the "Remote" places, which every remote job is in."""
        return list(self.filter(kind="remote").values_list("pk", flat=True))

    def near(self, point: Point, *, miles: float) -> "PlaceQuerySet":
        """The places with coordinates within ``miles`` of ``point`` (latitude, longitude):
        the box around it from the GiST index ``place_earth``, then the circle."""
        latitude, longitude = point
        meters = miles * METERS_PER_MILE
        within = RawSQL(
            "earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth(latitude, longitude)"
            " AND earth_distance(ll_to_earth(%s, %s), ll_to_earth(latitude, longitude)) <= %s",
            (latitude, longitude, meters, latitude, longitude, meters),
            output_field=BooleanField(),
        )
        return self.filter(within, latitude__isnull=False).order_by()

    def ids_near(self, point: Point, *, miles: float) -> list[int]:
        """Ids of the places ``near`` the point."""
        return list(self.near(point, miles=miles).values_list("pk", flat=True))
