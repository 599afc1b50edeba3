from django.db import models
from django.db.models import Q
from django.utils import timezone


class JobQuerySet(models.QuerySet):
    def published(self) -> "JobQuerySet":
        """Jobs the public may see: published and not past their expiry date.

        The one definition of "publicly visible", used by search, feeds, sitemaps,
        similar jobs and JSON-LD alike.
        """
        return self.filter(status="published").filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )

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
        return self.filter(place_ids__contains=[place.pk])

    def for_cards(self) -> "JobQuerySet":
        """Load what a result card shows in a bounded number of queries."""
        return self.select_related("company__rating_summary").prefetch_related("places__parent")


class PlaceQuerySet(models.QuerySet):
    def remote_ids(self) -> list[int]:
        """Ids of the "Remote" places, which every remote job is in."""
        return list(self.filter(kind="remote").values_list("pk", flat=True))
