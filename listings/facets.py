"""Counts beside the search filters: how many results each option of a filter would give."""

import hashlib
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.http import urlencode

from listings.filters import JobSearchFilter, posted_since
from listings.geo import miles_between
from listings.places import SearchedPlace
from listings.search import MAX_RESULTS, SearchRequest, has_words, keyword_matches

# Filters of one column each, counted together in one scan of the search's jobs.
COLUMN_FACETS = ("workplace_type", "employment_type", "posted_within")


@dataclass(frozen=True)
class FacetOption:
    """One option of a filter and the results the search would give with it chosen."""

    value: str
    label: str
    chosen: bool
    count: int | None = None  # None until counted; capped at MAX_RESULTS as the total is
    capped: bool = False  # more than MAX_RESULTS


def search_facets(search: SearchRequest) -> dict[str, list[FacetOption]]:
    """The options of the distance (around a point), workplace, job type and date filters,
    each with its count: one statement for the distances, one for the rest (and one asking
    whether the keywords hold a word); kept ``SEARCH_FACETS_CACHE_SECONDS``.

    Disjunctive, as a filter panel should be: an option's count is what the search gives
    with that option chosen and its own filter's choice set aside, every other filter and
    the keywords applied, so "Remote" beside a ticked "Hybrid" says what ticking it adds.
    """
    seconds = settings.SEARCH_FACETS_CACHE_SECONDS
    if not seconds:
        return _counted(search)
    return cache.get_or_set(_cache_key(search), lambda: _counted(search), seconds)


def page_facets(search: SearchRequest) -> tuple[dict[str, list[FacetOption]], bool]:
    """The options for the search page and whether they are counted: counted when this search
    was counted lately (``search_facets``' cache), else without counts, which the page then
    loads after it has shown the results (the counts cost more than the page)."""
    seconds = settings.SEARCH_FACETS_CACHE_SECONDS
    counted = cache.get(_cache_key(search)) if seconds else None
    return (counted, True) if counted is not None else (_uncounted(search), False)


def _uncounted(search: SearchRequest) -> dict[str, list[FacetOption]]:
    filterset = search.filterset
    names = COLUMN_FACETS
    if search.where and search.where.point:
        names = ("radius", *names)
    return {
        name: [
            FacetOption(value=value, label=label, chosen=value in _chosen(filterset, name))
            for value, label in filterset.form.fields[name].choices
        ]
        for name in names
    }


def _counted(search: SearchRequest) -> dict[str, list[FacetOption]]:
    # Keywords without a word ("-") list every job, and so count every job.
    keywords = search.keywords if search.keywords and has_words(search.keywords) else ""
    facets = _uncounted(search)
    counts = _column_counts(search.filterset, keywords)
    if "radius" in facets:
        counts["radius"] = _distance_counts(search.filterset, keywords)
    return {
        name: [
            replace(option, count=min(count, MAX_RESULTS), capped=count > MAX_RESULTS)
            for option, count in zip(options, counts[name], strict=True)
        ]
        for name, options in facets.items()
    }


def _column_counts(filterset: JobSearchFilter, keywords: str) -> dict[str, list[int]]:
    """The counts of every option of the ``COLUMN_FACETS``, in one statement.

    One scan of the jobs the search finds without those three filters, each option counted
    with ``count(*) FILTER (WHERE ...)`` on its own condition and the other two filters'
    choices: one pass over the matches instead of one per option. A rare option ("Internship"
    among 15,000 nurses) has to visit every match either way; a capped count per option
    visited them again for each one (measured in the README).
    """
    jobs = keyword_matches(filterset.qs_without(*COLUMN_FACETS).searchable(), keywords)
    chosen = {name: _chosen_q(filterset, name) for name in COLUMN_FACETS}
    aggregates = {}
    for name in COLUMN_FACETS:
        others = Q(*(condition for other, condition in chosen.items() if other != name))
        for index, (value, _) in enumerate(filterset.form.fields[name].choices):
            aggregates[f"{name}_{index}"] = Count("pk", filter=others & _option_q(name, value))
    counted = jobs.aggregate(**aggregates)
    return {
        name: [
            counted[f"{name}_{index}"] for index in range(len(filterset.form.fields[name].choices))
        ]
        for name in COLUMN_FACETS
    }


def _distance_counts(filterset: JobSearchFilter, keywords: str) -> list[int]:
    """The counts of every distance around the searched point, in one statement.

    One scan of the jobs the search finds within the widest distance, found by the place GIN
    indexes the search reads, each distance counted with ``count(*) FILTER (WHERE place_ids
    && ARRAY(its cities))``. A capped count per distance read the keywords' posting lists
    again for each (measured in the README).
    """
    miles = [int(value) for value, _ in filterset.form.fields["radius"].choices]
    conditions = [filterset.searched_place_condition(miles=each) for each in miles]
    # Only the jobs of the widest circle are read, and of the city alone when it lies outside
    # (the planner reads the places' index alone for an OR, and every job near New York).
    reached = conditions[miles.index(max(miles))]
    alone = conditions[miles.index(0)]
    if alone is not None and not _city_within(filterset.form.cleaned_data["l"], max(miles)):
        reached |= alone
    jobs = keyword_matches(filterset.qs_without("l").searchable(), keywords)
    counted = jobs.filter(reached).aggregate(
        **{
            f"radius_{index}": Count("pk", filter=condition)
            for index, condition in enumerate(conditions)
            if condition is not None
        }
    )
    return [counted.get(f"radius_{index}", 0) for index in range(len(conditions))]


def _city_within(searched: SearchedPlace, miles: int) -> bool:
    """Whether the searched place is a city whose centre is within ``miles`` of the point."""
    centre = searched.place.point if searched.place else None
    return centre is not None and miles_between(centre, searched.point) <= miles


def _chosen(filterset: JobSearchFilter, name: str) -> list[str]:
    chosen = filterset.form.cleaned_data.get(name)
    return chosen if isinstance(chosen, list) else [chosen or ""]


def _option_q(name: str, value: str) -> Q:
    """The condition of one option of a column facet, as ``JobSearchFilter`` applies it."""
    if name == "posted_within":
        return Q(posted_at__gte=posted_since(value)) if value else Q()  # "" is "Any time"
    return Q(**{name: value})


def _chosen_q(filterset: JobSearchFilter, name: str) -> Q:
    """The condition of a column facet's current choice (any of them), none without one."""
    return reduce(or_, (_option_q(name, value) for value in _chosen(filterset, name)), Q())


def _cache_key(search: SearchRequest) -> str:
    """The search's canonical form without its order, which changes no count."""
    params = {name: value for name, value in search.canonical_params().items() if name != "sort"}
    digest = hashlib.sha256(urlencode(params, doseq=True).encode()).hexdigest()[:32]
    return f"listings:facets:{digest}"
