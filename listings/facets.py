"""Counts beside the search filters: how many results each option of a filter would give."""

import hashlib
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils.http import urlencode

from listings.filters import JobSearchFilter, posted_since
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
    each with its count, in two statements at most; kept ``SEARCH_FACETS_CACHE_SECONDS``.

    Disjunctive, as a filter panel should be: an option's count is what the search gives
    with that option chosen and its own filter's choice set aside, every other filter and
    the keywords applied, so "Remote" beside a ticked "Hybrid" says what ticking it adds.
    """
    key = _cache_key(search)
    facets = cache.get(key)
    if facets is None:
        facets = _counted(search)
        if settings.SEARCH_FACETS_CACHE_SECONDS:
            cache.set(key, facets, settings.SEARCH_FACETS_CACHE_SECONDS)
    return facets


def page_facets(search: SearchRequest) -> tuple[dict[str, list[FacetOption]], bool]:
    """The options for the search page and whether they are counted: counted when this search
    was counted lately (``search_facets``' cache), else without counts, which the page then
    loads after it has shown the results (the counts cost more than the page)."""
    counted = cache.get(_cache_key(search))
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
    """The capped count of each distance around the searched point, in one statement.

    Each is the capped count the results' total is (``SELECT count(*) FROM (SELECT id ...
    LIMIT 1001)``), a scalar subquery of one ``SELECT``: every distance reads the place GIN
    indexes for its own cities, as the search does, instead of one scan of every match in the
    country.
    """
    jobs = keyword_matches(filterset.qs_without("l").searchable(), keywords)
    parts, params = [], []
    for value, _ in filterset.form.fields["radius"].choices:
        within = filterset.in_searched_place(jobs, miles=int(value))
        if within.query.is_empty():  # the city alone, of a ZIP code whose city we do not list
            parts.append("0")
            continue
        capped = within.order_by().values("pk")[: MAX_RESULTS + 1]
        sql, part_params = capped.query.sql_with_params()
        # Django's own compiled SQL, its parameters passed apart.
        parts.append(f"(SELECT count(*) FROM ({sql}) AS capped)")  # noqa: S608
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)  # noqa: S608 - compiled ORM SQL
        return list(cursor.fetchone())


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
