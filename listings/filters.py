"""The search form: django-filter validates what job seekers type and narrows the jobs."""

from datetime import datetime, timedelta
from functools import cached_property

import django_filters
from django import forms
from django.contrib.postgres.expressions import ArraySubquery
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone

from companies.models import Company
from listings.geo import zip_code_text
from listings.models import Job, Place
from listings.places import searched_place_resolve
from listings.querysets import in_place, in_places

MAX_QUERY_LENGTH = 200
MAX_SALARY = 10_000_000
POSTED_WITHIN_CHOICES = [
    ("1", "Last 24 hours"),
    ("3", "Last 3 days"),
    ("7", "Last 7 days"),
    ("14", "Last 14 days"),
    ("30", "Last 30 days"),
]
SORT_CHOICES = [("relevance", "Relevance"), ("date", "Newest"), ("pay", "Highest pay")]
# Miles around a searched city or ZIP code; 0 is the city alone. A state is always itself.
RADIUS_CHOICES = [
    ("0", "This city only"),
    ("5", "Within 5 miles"),
    ("10", "Within 10 miles"),
    ("25", "Within 25 miles"),
    ("50", "Within 50 miles"),
    ("100", "Within 100 miles"),
]
DEFAULT_RADIUS = "25"


def posted_since(posted_within: str) -> datetime:
    """When a job must have been posted since to be "posted within" that many days."""
    return timezone.now() - timedelta(days=int(posted_within))


class PlaceField(forms.CharField):
    """A place or US ZIP code typed in free text, cleaned to a ``SearchedPlace`` (or None
    when left empty)."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        searched = searched_place_resolve(text)
        if searched is None and zip_code_text(text):
            raise forms.ValidationError(
                "We don’t know the ZIP code “%(text)s”. Check its five digits, or type a city "
                "(“San Jose, CA”) or a state.",
                params={"text": text[:80]},
            )
        if searched is None:
            raise forms.ValidationError(
                "We don’t know a place called “%(text)s”. Try a city (“San Jose, CA”), "
                "a ZIP code (“95112”), a state (“California”) or “Remote”.",
                params={"text": text[:80]},
            )
        return searched


class PlaceFilter(django_filters.Filter):
    field_class = PlaceField


class JobSearchFilter(django_filters.FilterSet):
    """Filters of the search page; ranking, sorting and paging live in ``listings.search``."""

    q = django_filters.CharFilter(
        method="filter_keywords",
        max_length=MAX_QUERY_LENGTH,
        label="What",
        error_messages={"max_length": "Keep the search under %(limit_value)d characters."},
    )
    l = PlaceFilter(method="filter_place", max_length=100, label="Where")  # noqa: E741
    radius = django_filters.ChoiceFilter(
        choices=RADIUS_CHOICES,
        method="keep",  # filter_place reads it
        label="Distance",
        empty_label=None,
        error_messages={"invalid_choice": "Choose a distance of 0, 5, 10, 25, 50 or 100 miles."},
    )
    # distinct=False: these are columns of the job row, and DISTINCT would make PostgreSQL
    # sort every match before it could return the first page.
    workplace_type = django_filters.MultipleChoiceFilter(
        choices=Job.WorkplaceType.choices,
        label="Workplace",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    employment_type = django_filters.MultipleChoiceFilter(
        choices=Job.EmploymentType.choices,
        label="Job type",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    # In US dollars, whatever the posting's currency; a currency without a rate never matches.
    salary_min = django_filters.NumberFilter(
        field_name="usd_annual_pay_max",
        lookup_expr="gte",
        label="Minimum yearly pay ($)",
        validators=[
            MinValueValidator(0, "Minimum pay can't be negative."),
            MaxValueValidator(MAX_SALARY, "Minimum pay must be under $10,000,000."),
        ],
    )
    posted_within = django_filters.ChoiceFilter(
        choices=POSTED_WITHIN_CHOICES,
        method="filter_posted_within",
        label="Date posted",
        empty_label="Any time",
    )
    company = django_filters.ModelChoiceFilter(
        queryset=Company.objects.all(),
        to_field_name="slug",
        label="Company",
        widget=forms.HiddenInput,
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="keep", label="Sort by", empty_label=None
    )

    class Meta:
        model = Job
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        # The default distance is a value like the others, so the select shows it chosen.
        if data is not None and not data.get("radius"):
            data = data.copy()
            data["radius"] = DEFAULT_RADIUS
        super().__init__(data, *args, **kwargs)

    def filter_keywords(self, queryset, name, value):
        # Ranking needs the query too, so listings.search applies it; see job_search().
        return queryset

    def qs_without(self, *names: str) -> QuerySet[Job]:
        """The jobs every filter but ``names`` leaves, as ``qs`` filters them: what the
        options of those filters are counted over (``listings.facets``)."""
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name not in names:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def filter_place(self, queryset, name, searched):
        """The place and what it contains; around a point, every city within the distance."""
        if not searched:
            return queryset
        return self.in_searched_place(queryset, miles=self._miles)

    def in_searched_place(self, queryset: QuerySet[Job], *, miles: int) -> QuerySet[Job]:
        """The ``queryset`` jobs in the searched place and what it contains; around its
        point, in every city within ``miles``."""
        condition = self.searched_place_condition(miles=miles)
        return queryset.none() if condition is None else queryset.filter(condition)

    def searched_place_condition(self, *, miles: int) -> Q | None:
        """The condition of ``in_searched_place`` (None: no job), for the distance facet,
        which counts every distance in one pass."""
        searched = self.form.cleaned_data["l"]
        if searched.point is None or not miles:
            # A state, "Remote", a city we have no centre for; or the city alone (a ZIP
            # code's city, and nothing when we do not list its city).
            return in_place(searched.place) if searched.place else None
        if miles == self._miles:
            return in_places(self.place_ids_around)
        # Another distance than the search's: its cities in the same statement as the jobs.
        return in_places(
            ArraySubquery(Place.objects.near(searched.point, miles=miles).values("pk"))
        )

    @property
    def _miles(self) -> int:
        return int(self.form.cleaned_data.get("radius") or DEFAULT_RADIUS)

    @cached_property
    def place_ids_around(self) -> list[int]:
        """The cities within the searched distance of the searched point: read once per
        search, however many of its facets filter by place again."""
        return Place.objects.ids_near(self.form.cleaned_data["l"].point, miles=self._miles)

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(posted_at__gte=posted_since(value))

    def keep(self, queryset, name, value):
        return queryset
