"""Full-text job search: the query behind the search page and its landing URLs."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import PageNotAnInteger
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from listings.filters import DEFAULT_RADIUS, JobSearchFilter
from listings.models import HEADING_SEARCH_CONFIG, NOT_LIVE, SEARCH_CONFIG, Job, Place, SearchRow
from listings.paging import page_number as read_page_number
from listings.places import SearchedPlace, nearest_miles
from listings.words.queries import search_query
from listings.words.selectors import query_correction
from listings.words.synonyms import spelled_out

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
# A keyword search finding fewer results than this suggests a corrected query, if it has one.
FEW_RESULTS = 5


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
    rows: QuerySet[SearchRow]  # narrowed by every filter but the keywords, which rank as well
    keywords: str
    place: Place | None
    sort: str
    page_number: int
    # What the "Where" box named (``place`` is its place); its point measures distances.
    where: SearchedPlace | None = None

    @property
    def jobs(self) -> QuerySet[Job]:
        """The same filters over the job table, for the feeds and alerts; the page and the API
        read ``rows``, so they never build this queryset."""
        return self.filterset.qs

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

    @property
    def nearest_first(self) -> Place | None:
        """The city whose jobs come first within each relevance tier: the city searched
        around (a ZIP code's city) when the radius reaches another city; None otherwise."""
        if not (self.where and self.where.point and self.place):
            return None
        if self.filterset.form.cleaned_data["radius"] == "0":
            return None
        return self.place if set(self.filterset.place_ids_around) - {self.place.pk} else None


@dataclass
class SearchResults:
    """One page of results with what the page needs to describe it."""

    number: int
    total: int
    capped: bool  # True when there are more than MAX_RESULTS matches; total is then the cap
    jobs: list[Job] = field(default_factory=list)
    # Keywords with no word in them ("-", '""'): they were ignored and every job is listed.
    ignored_keywords: str = ""
    # The keywords with their misspellings corrected, when few jobs matched: "Did you mean …?"
    did_you_mean: str = ""

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
    """Web-search syntax ("exact phrase", -word, or) over our unaccented English config, with
    synonyms expanded ("SWE" also finds what "software engineer" finds).

    Stop words ("the", "it") are dropped, as they are from indexed descriptions.
    """
    return search_query(text, config=SEARCH_CONFIG)


def heading_query(text: str) -> SearchQuery:
    """The same, keeping every word, for titles and company names ("IT Support Specialist")."""
    return search_query(text, config=HEADING_SEARCH_CONFIG)


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
        rows=filterset.filter_queryset(SearchRow.objects.all()),
        keywords=data.get("q") or "",
        place=where.place if where else None,
        sort=data.get("sort") or "relevance",
        page_number=number,
        where=where,
    )


def search_results(search: SearchRequest) -> SearchResults:
    """One page of results, ranked as the page shows them, each with its ``distance_miles``
    when a point was searched, and a corrected query when few matched; raises
    ``PageOutOfRange``."""
    results = job_search(
        rows=search.rows,
        keywords=search.keywords,
        sort=search.sort,
        page_number=search.page_number,
        nearest_first=search.nearest_first,
        placed=search.place is not None,
    )
    if search.keywords and results.total < FEW_RESULTS and not results.ignored_keywords:
        results.did_you_mean = query_correction(search.keywords)
    if search.where and search.where.point:
        for job in results.jobs:
            job.distance_miles = nearest_miles(job.place_list, search.where.point)
    return results


def search_matches(search: SearchRequest) -> QuerySet[Job]:
    """Every searchable job the search finds, unordered and unranked: for feeds and alerts,
    which list the newest matches rather than a ranked page."""
    return keyword_matches(search.jobs.searchable(), search.keywords)


def _whole(amount) -> str:
    return "" if amount is None else str(int(amount))


def job_search(
    *,
    rows: QuerySet[SearchRow],
    keywords: str,
    sort: str,
    page_number: int,
    nearest_first: Place | None = None,
    placed: bool = False,
) -> SearchResults:
    """Match, order and page the already filtered ``rows``; load the page's jobs and mark
    matches in a snippet.

    ``rows`` are the search table's (``SearchRow``, partitioned so that a capped count stops
    early) narrowed by the filters of ``JobSearchFilter``. A job matches when its title or
    company holds every searched word, stop words included ("IT", "the"), or when its title,
    company or description holds every searched word that is not a stop word. Relevance is the
    weighting of the search vector (title A, company B, description C) made cheap enough for a
    million postings: tiers of matches (``_keyword_tiers``), newest first within each, each read in
    index order, so a page costs the same for a search matching 50 jobs or 50,000; ranking
    every match with ts_rank did not. ``nearest_first`` (the city searched around) splits each
    tier into that city's jobs, then the others; ``placed`` says ``rows`` are narrowed to a
    place (with the count, it steers how the exact tier is read: see ``_keyword_tiers``).
    Without keywords, featured jobs come first; keywords with no word at all ("-") list every
    job and say so. Raises ``PageOutOfRange`` past the last page.
    """
    candidates = rows.searchable()
    matches = keyword_matches(candidates, keywords)
    query = keyword_query(keywords) if keywords else None
    # Without ORDER BY, the count stops at the cap in the first partitions it reads.
    total = matches.order_by().values("pk")[: MAX_RESULTS + 1].count()
    if not total and keywords and not has_words(keywords):
        results = job_search(rows=rows, keywords="", sort=sort, page_number=page_number)
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
        # In US dollars, so every currency compares; the searchrow_usd_pay_posted index order.
        by_pay = F("usd_annual_pay_max").desc(nulls_last=True)
        ids = _ids(matches.order_by(by_pay, *_NEWEST_FIRST), offset)
    elif query is not None:
        # A place with more matches than the cap holds enough of the exact title's jobs for
        # its title-key index to reach a page of them soon; around a city, the band of the
        # city's own jobs may hold few.
        by_place = placed and (not results.capped or nearest_first is not None)
        tiers = _keyword_tiers(candidates, keywords=keywords, query=query, by_place=by_place)
        ids = _tiered_ids(_nearest_first(tiers, nearest_first), offset, total)
    else:
        featured = [matches.filter(featured=True), matches.filter(featured=False)]
        ids = _tiered_ids(featured, offset, total)
    results.jobs = _cards(ids, query)
    return results


def _keyword_tiers(
    candidates: QuerySet[SearchRow], *, keywords: str, query: SearchQuery, by_place: bool = False
) -> list[QuerySet[SearchRow]]:
    """The matches of a keyword search in relevance tiers, best first (the README's order):

    1. exact titles: heading matches whose title key is one of ``exact_title_keys`` (index
       ``searchrow_title_key_posted``), so "Registered Nurse" comes before "Registered Nurse -
       ICU Travel Contract";
    2. the other heading matches: the title or company holds every searched word;
    3. the others: the description holds the words.

    Each tier tests one vector: repeating the other test would make PostgreSQL think the tier
    rare, and sort all of it instead of reading the date index. The exact tier is read from
    its title-key index in date order (``_heading_holds``), or, ``by_place``, the heading and
    place index finds the heading matches of a place that holds few, which a sort orders
    cheaply: read the first way, the newest exact titles of a small place lie far apart.
    """
    heading_words = heading_query(keywords)
    in_heading = Q(heading_vector=heading_words)
    elsewhere = candidates.filter(search_vector=query).exclude(in_heading)
    heading = candidates.filter(in_heading)
    keys = exact_title_keys(keywords)
    if not keys:
        return [heading, elsewhere]
    exact = heading if by_place else candidates.filter(_heading_holds(heading_words))
    return [exact.filter(title_key__in=keys), heading.exclude(title_key__in=keys), elsewhere]


def _heading_holds(heading_words: SearchQuery) -> Func:
    """The heading test as its function, ``ts_match_vq``, not its operator ``@@``: the same
    test, which no index can serve. A job with the searched title key nearly always holds the
    words, but PostgreSQL, multiplying the words' frequencies as if they were unrelated, takes
    "truck" and "driver" together for rare, and would read every heading match and sort them
    (116 ms at a million jobs) instead of the title-key index in date order (0.1 ms)."""
    return Func(
        "heading_vector",
        heading_words,
        function="ts_match_vq",
        output_field=BooleanField(),
    )


def _nearest_first(
    tiers: list[QuerySet[SearchRow]], city: Place | None
) -> list[QuerySet[SearchRow]]:
    """Each tier split in two bands, the jobs in ``city`` first, then the others (farther
    within the radius); the tiers as they are without a city.

    Bands rather than a sort by distance: a band is read in date-index order like its tier
    (its place test is the same GIN index a city search reads), where a distance sort reads
    and sorts every match within the radius, thousands of rows for a broad search.
    """
    if city is None:
        return tiers
    in_city = Q(place_ids__contains=[city.pk])
    return [band for tier in tiers for band in (tier.filter(in_city), tier.exclude(in_city))]


# The title key of each spelling of the searched words (as typed, and spelled out by their
# synonyms), and the key of the name of the occupation each is an alias of ("RN": "registered
# nurse"), if any, keyed as salaries' normaliser keys aliases. An alias's
# key words all occur in its lower-case unaccented text, so the cheap strpos() test spares
# computing the key (three regular expressions) of nearly every alias.
_EXACT_KEYS = """
WITH searched AS MATERIALIZED (
    SELECT salaries_title_key(typed.text) AS key, typed.place
    FROM unnest(%s::text[]) WITH ORDINALITY AS typed(text, place)
)
SELECT searched.key, (
    SELECT salaries_title_key(occupation.name)
    FROM salaries_occupation AS occupation CROSS JOIN LATERAL unnest(occupation.aliases) AS alias
    WHERE strpos(lower(unaccent(alias)), split_part(searched.key, ' ', 1)) > 0
        AND salaries_title_key(alias) = searched.key
    ORDER BY occupation.name
    LIMIT 1
)
FROM searched WHERE searched.key <> ''
ORDER BY searched.place
"""


def exact_title_keys(keywords: str) -> list[str]:
    """The title keys (``Job.title_key``) of an exact match for ``keywords``: their own ("Sr.
    Registered Nurse": "registered nurse"), and that of the occupation whose alias they are
    ("RN": "registered nurse"), and those of the keywords spelled out by their synonyms ("SWE":
    "software engineer"); none when no word is left ("Senior"). One query."""
    with connection.cursor() as cursor:
        cursor.execute(_EXACT_KEYS, [[keywords, *spelled_out(keywords)]])
        rows = cursor.fetchall()
    return list(dict.fromkeys(key for row in rows for key in row if key))


def keyword_matches(jobs: QuerySet, keywords: str) -> QuerySet:
    """The ``jobs`` (or search rows) whose title or company holds every searched word, or
    whose title, company or description holds every searched word that is not a stop word;
    all of them without keywords."""
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


def _ids(rows: QuerySet[SearchRow], offset: int, limit: int = PER_PAGE) -> list[int]:
    return list(rows.values_list("pk", flat=True)[offset : offset + limit])


def _tiered_ids(tiers: list[QuerySet[SearchRow]], offset: int, total: int) -> list[int]:
    """Ids of one page of the ``tiers`` one after the other, each newest first, ``total``
    being how many they hold (capped: then more).

    A tier that cannot give the page a job is never read: past the first page each tier is
    first counted up to the page's start (at most that many rows, so cheap), and skipped when
    it ends there; once a tier gives part of the page, the next ones are read from their
    start until the page holds what the total leaves for it.
    """
    wanted = min(PER_PAGE, total - offset)
    ids: list[int] = []
    for tier in tiers:
        if len(ids) == wanted:
            break
        if offset:
            size = tier.order_by().values("pk")[: offset + 1].count()
            if size <= offset:
                offset -= size
                continue
        ids += _ids(tier.order_by(*_NEWEST_FIRST), offset, wanted - len(ids))
        offset = 0
    return ids


# What the page's and the API's result cards read of a job, its company and rating, and no
# more: each column left out is one fewer to convert, twenty times a page.
_CARD_FIELDS = (
    "title",
    "featured",
    "workplace_type",
    "employment_type",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "posted_at",
    "expires_at",
    "description_text",
    "company__name",
    "company__slug",
    "company__rating_summary__score",
    "company__rating_summary__count",
)


def _cards(ids: list[int], query: SearchQuery | None) -> list[Job]:
    """The jobs behind ``ids``, in that order, with what a result card shows."""
    jobs = Job.objects.filter(pk__in=ids).for_cards().only(*_CARD_FIELDS)
    if query is not None:
        jobs = jobs.annotate(headline=_headline(query))
    by_id = {job.pk: job for job in jobs}
    # A job deleted between reading the ids and loading the cards is left out.
    cards = [by_id[pk] for pk in ids if pk in by_id]
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
