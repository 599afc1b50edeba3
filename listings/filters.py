"""The search form: django-filter validates what job seekers type and narrows the jobs."""

from datetime import timedelta

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from companies.models import Company
from listings.models import Job
from listings.places import place_resolve

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


class PlaceField(forms.CharField):
    """A place typed in free text, cleaned to a Place (or None when left empty)."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        place = place_resolve(text)
        if place is None:
            raise forms.ValidationError(
                "We don’t know a place called “%(text)s”. Try a city (“San Jose, CA”), "
                "a state (“California”) or “Remote”.",
                params={"text": text[:80]},
            )
        return place


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

    def filter_keywords(self, queryset, name, value):
        # Ranking needs the query too, so listings.search applies it; see job_search().
        return queryset

    def filter_place(self, queryset, name, place):
        return queryset.in_place(place) if place else queryset

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(posted_at__gte=timezone.now() - timedelta(days=int(value)))

    def keep(self, queryset, name, value):
        return queryset
