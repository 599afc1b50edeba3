"""Full-text job search: the query behind the search page and its landing URLs."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import PageNotAnInteger
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from listings.filters import DEFAULT_RADIUS, JobSearchFilter
from listings.models import HEADING_SEARCH_CONFIG, NOT_LIVE, SEARCH_CONFIG, Job, Place
from listings.paging import page_number as read_page_number
from listings.places import SearchedPlace, nearest_miles

PER_PAGE = 20
# Results are counted exactly up to this many and shown as "1,000+" beyond: an exact count of
# a broad search visits every matching row, and job seekers do not page past the 50th page
# (LinkedIn stops at 1,000 results too).
MAX_RESULTS = 1_000
# ts_headline marks matches with these private-use characters; the text around them is
# escaped in Python before they become <mark> tags, so description text can never inject HTML.
# The description loses its own copies of them first, so only ts_headline's open a <mark>.
_MARK_START, _MARK_END = "\ue000", "\ue001"
# Description text has one line per paragraph or list item; in a one-line snippet, items that
# end without punctuation are kept apart by a middle dot instead of running together.
_LINE_BREAK = re.compile(r"([.!?:;,]?)\s*\n\s*")
_NEWEST_FIRST = ("-posted_at", "-id")


class PageOutOfRange(Exception):
    """The requested page is past the last page of results."""

    def __init__(self, last_page: int):
        super().__init__(f"There are only {last_page} pages of results.")
        self.last_page = last_page


class SearchInvalid(Exception):
    """The search's parameters were refused; ``errors`` holds one message per problem."""

    def __init__(self, errors: list[str], *, filterset: JobSearchFilter):
        super().__init__(" ".join(errors))
        self.errors = errors
        self.filterset = filterset


@dataclass(frozen=True)
class SearchRequest:
    """A validated search: the jobs its filters leave, and what matches, orders and pages them.

    The one reading of search parameters, shared by the search page, its landing URLs, the
    feeds, the alerts and the API, so that each finds the same jobs for the same parameters.
    """

    filterset: JobSearchFilter
    jobs: QuerySet[Job]  # narrowed by every filter but the keywords, which rank as well
    keywords: str
    place: Place | None
    sort: str
    page_number: int
    # What the "Where" box named (``place`` is its place); its point measures distances.
    where: SearchedPlace | None = None

    def canonical_params(self) -> dict[str, str | list[str]]:
        """The parameters that define this search, normalised and without the page: the same
        search always gives the same dict, whatever order or spelling it was asked in."""
        data = self.filterset.form.cleaned_data
        params: dict[str, str | list[str]] = {
            "q": " ".join(self.keywords.split()),
            "l": self.where.text if self.where else "",
            # Only around a point, and only when not the default.
            "radius": data["radius"]
            if self.where and self.where.point and data["radius"] != DEFAULT_RADIUS
            else "",
            "workplace_type": sorted(data.get("workplace_type") or []),
            "employment_type": sorted(data.get("employment_type") or []),
            "salary_min": _whole(data.get("salary_min")),
            "posted_within": data.get("posted_within") or "",
            "company": data["company"].slug if data.get("company") else "",
            "sort": "" if self.sort == "relevance" else self.sort,
        }
        return {name: value for name, value in params.items() if value}


@dataclass
class SearchResults:
    """One page of results with what the page needs to describe it."""

    number: int
    total: int
    capped: bool  # True when there are more than MAX_RESULTS matches; total is then the cap
    jobs: list[Job] = field(default_factory=list)
    # Keywords with no word in them ("-", '""'): they were ignored and every job is listed.
    ignored_keywords: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PER_PAGE + 1 if self.jobs else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * PER_PAGE + len(self.jobs)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def keyword_query(text: str) -> SearchQuery:
    """Web-search syntax ("exact phrase", -word, or) over our unaccented English config.

    Stop words ("the", "it") are dropped, as they are from indexed descriptions.
    """
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def heading_query(text: str) -> SearchQuery:
    """The same, keeping every word, for titles and company names ("IT Support Specialist")."""
    return SearchQuery(text, config=HEADING_SEARCH_CONFIG, search_type="websearch")


def search_request(params) -> SearchRequest:
    """Validate search parameters (a QueryDict, as the page gets them); raises
    ``SearchInvalid`` with a message per refused parameter."""
    filterset = JobSearchFilter(params, queryset=Job.objects.all())
    if not filterset.is_valid():
        errors = [error for errors in filterset.errors.values() for error in errors]
        raise SearchInvalid(errors, filterset=filterset)
    try:
        number = read_page_number(params.get("page"))
    except PageNotAnInteger as error:
        raise SearchInvalid([str(error)], filterset=filterset) from None
    data = filterset.form.cleaned_data
    where = data.get("l")
    return SearchRequest(
        filterset=filterset,
        jobs=filterset.qs,
        keywords=data.get("q") or "",
        place=where.place if where else None,
        sort=data.get("sort") or "relevance",
        page_number=number,
        where=where,
    )


def search_results(search: SearchRequest) -> SearchResults:
    """One page of results, ranked as the page shows them, each with its ``distance_miles``
    when a point was searched; raises ``PageOutOfRange``."""
    results = job_search(
        jobs=search.jobs,
        keywords=search.keywords,
        sort=search.sort,
        page_number=search.page_number,
    )
    if search.where and search.where.point:
        for job in results.jobs:
            job.distance_miles = nearest_miles(job.places.all(), search.where.point)
    return results


def search_matches(search: SearchRequest) -> QuerySet[Job]:
    """Every searchable job the search finds, unordered and unranked: for feeds and alerts,
    which list the newest matches rather than a ranked page."""
    return keyword_matches(search.jobs.searchable(), search.keywords)


def _whole(amount) -> str:
    return "" if amount is None else str(int(amount))


def job_search(*, jobs: QuerySet[Job], keywords: str, sort: str, page_number: int) -> SearchResults:
    """Match, order and page the already filtered ``jobs``; mark matches in a snippet.

    ``jobs`` comes from ``JobSearchFilter.qs``. A job matches when its title or company holds
    every searched word, stop words included ("IT", "the"), or when its title, company or
    description holds every searched word that is not a stop word. Relevance is the weighting
    of the search vector (title A, company B, description C) made cheap enough for a million
    postings: heading matches come first, then the others, newest first within each. Both
    tiers are read in index order, so a page costs the same for a search matching 50 jobs or
    50,000; ranking every match with ts_rank did not. Without keywords, featured jobs come
    first; keywords with no word at all ("-") list every job and say so. Raises
    ``PageOutOfRange`` past the last page.
    """
    candidates = jobs.searchable()
    matches = keyword_matches(candidates, keywords)
    query = keyword_query(keywords) if keywords else None
    in_heading = Q(heading_vector=heading_query(keywords)) if keywords else None
    # No ORDER BY: Job's default ordering would make PostgreSQL walk the date index instead.
    total = matches.order_by().values("pk")[: MAX_RESULTS + 1].count()
    if not total and keywords and not has_words(keywords):
        results = job_search(jobs=jobs, keywords="", sort=sort, page_number=page_number)
        results.ignored_keywords = keywords
        return results
    results = SearchResults(
        number=page_number, total=min(total, MAX_RESULTS), capped=total > MAX_RESULTS
    )
    if page_number > results.num_pages:
        raise PageOutOfRange(results.num_pages)

    offset = (page_number - 1) * PER_PAGE
    if sort == "date":
        ids = _ids(matches.order_by(*_NEWEST_FIRST), offset)
    elif sort == "pay":
        # In US dollars, so every currency compares; the job_usd_pay_posted_live index order.
        by_pay = F("usd_annual_pay_max").desc(nulls_last=True)
        ids = _ids(matches.order_by(by_pay, *_NEWEST_FIRST), offset)
    elif query is not None:
        # Each tier tests one vector: repeating the other test would make PostgreSQL think the
        # tier rare, and sort all of it instead of reading the date index.
        elsewhere = candidates.filter(search_vector=query).exclude(in_heading)
        ids = _tiered_ids(candidates.filter(in_heading), elsewhere, offset)
    else:
        ids = _tiered_ids(matches.filter(featured=True), matches.filter(featured=False), offset)
    results.jobs = _cards(ids, query)
    return results


def keyword_matches(jobs: QuerySet[Job], keywords: str) -> QuerySet[Job]:
    """The ``jobs`` whose title or company holds every searched word, or whose title, company
    or description holds every searched word that is not a stop word; all of them without
    keywords."""
    if not keywords:
        return jobs
    return jobs.filter(
        Q(heading_vector=heading_query(keywords)) | Q(search_vector=keyword_query(keywords))
    )


def keyword_matches_any_status(jobs: QuerySet[Job], keywords: str) -> QuerySet[Job]:
    """``keyword_matches`` over every row, not only the searchable ones (admin's search).

    Each test is written once for the rows the live partial indexes hold and once for the
    rest (``NOT_LIVE``, indexed by migration 0016), so PostgreSQL ORs four index reads instead
    of testing the vectors of every row.
    """
    heading = Q(heading_vector=heading_query(keywords))
    words = Q(search_vector=keyword_query(keywords))
    live = Q(status=Job.Status.PUBLISHED, duplicate_of__isnull=True)
    return jobs.filter(
        (live & heading) | (live & words) | (NOT_LIVE & heading) | (NOT_LIVE & words)
    )


def has_words(keywords: str) -> bool:
    """Whether the keywords hold any word once their syntax is read ("-" and '""' do not)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s)) > 0",
            [HEADING_SEARCH_CONFIG, keywords],
        )
        return cursor.fetchone()[0]


def _ids(jobs: QuerySet[Job], offset: int, limit: int = PER_PAGE) -> list[int]:
    return list(jobs.values_list("pk", flat=True)[offset : offset + limit])


def _tiered_ids(first: QuerySet[Job], second: QuerySet[Job], offset: int) -> list[int]:
    """Ids of one page of ``first`` then ``second``, each newest first.

    The second tier is only read when the page reaches past the end of the first; the first
    tier is then counted, which is cheap because it ends on or before this page.
    """
    ids = _ids(first.order_by(*_NEWEST_FIRST), offset)
    if len(ids) == PER_PAGE:
        return ids
    first_count = offset + len(ids) if ids else first.count()
    return ids + _ids(
        second.order_by(*_NEWEST_FIRST), max(0, offset - first_count), PER_PAGE - len(ids)
    )


def _cards(ids: list[int], query: SearchQuery | None) -> list[Job]:
    """The jobs behind ``ids``, in that order, with what a result card shows."""
    jobs = Job.objects.filter(pk__in=ids).for_cards()
    if query is not None:
        jobs = jobs.annotate(headline=_headline(query))
    by_id = {job.pk: job for job in jobs}
    cards = [by_id[pk] for pk in ids]
    for job in cards:
        job.snippet = _snippet(job)
    return cards


def _headline(query: SearchQuery) -> SearchHeadline:
    unmarked = Func(
        "description_text",
        Value(_MARK_START + _MARK_END),
        Value(""),
        function="translate",
        output_field=TextField(),
    )
    return SearchHeadline(
        unmarked,
        query,
        config=SEARCH_CONFIG,
        start_sel=_MARK_START,
        stop_sel=_MARK_END,
        max_words=30,
        min_words=15,
        short_word=3,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _join_lines(match: re.Match) -> str:
    return f"{match[1]} " if match[1] else " · "


def _snippet(job: Job) -> SafeString:
    """The marked headline, or the start of the description when nothing was searched."""
    headline = getattr(job, "headline", None)
    if not headline:
        text = job.description_text[:220]
        return escape(text.rsplit(" ", 1)[0] + " …" if len(job.description_text) > 220 else text)
    safe = escape(_LINE_BREAK.sub(_join_lines, headline))
    return mark_safe(  # noqa: S308 - everything but our own <mark> tags was escaped above
        f"… {safe} …".replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
    )
