"""Full-text job search: the query behind the search page and its landing URLs."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from listings.models import SEARCH_CONFIG, Job

PER_PAGE = 20
# ts_headline marks matches with these private-use characters; the text around them is
# escaped in Python before they become <mark> tags, so description text can never inject HTML.
_MARK_START, _MARK_END = "\ue000", "\ue001"
# Description text has one line per paragraph or list item; in a one-line snippet, items that
# end without punctuation are kept apart by a middle dot instead of running together.
_LINE_BREAK = re.compile(r"([.!?:;,]?)\s*\n\s*")


class PageOutOfRange(Exception):
    """The requested page is past the last page of results."""

    def __init__(self, last_page: int):
        super().__init__(f"There are only {last_page} pages of results.")
        self.last_page = last_page


@dataclass
class SearchResults:
    """One page of results with what the page needs to describe it."""

    page: Page
    total: int
    jobs: list[Job] = field(default_factory=list)

    @property
    def first_index(self) -> int:
        return self.page.start_index()

    @property
    def last_index(self) -> int:
        return self.page.end_index()


def keyword_query(text: str) -> SearchQuery:
    """Web-search syntax ("exact phrase", -word, or) over our unaccented English config."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def job_search(*, jobs: QuerySet[Job], keywords: str, sort: str, page_number: int) -> SearchResults:
    """Rank, sort and page the already filtered ``jobs``; mark matches in a snippet.

    ``jobs`` comes from ``JobSearchFilter.qs``; this adds the full-text match, so that the
    filter (GIN index on search_vector) and the ranking use one tsquery. Relevance is
    ``ts_rank`` with title (A) above company (B) above description (C), newest first on ties.
    Raises ``PageOutOfRange`` for a page past the end.
    """
    jobs = jobs.searchable()
    query = keyword_query(keywords) if keywords else None
    if query is not None:
        jobs = jobs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    jobs = jobs.order_by(*_ordering(sort, ranked=query is not None))

    paginator = Paginator(jobs, PER_PAGE, allow_empty_first_page=True)
    if page_number > paginator.num_pages:
        raise PageOutOfRange(paginator.num_pages)
    page = paginator.page(page_number)
    page_jobs = page.object_list.for_cards()
    if query is not None:
        page_jobs = page_jobs.annotate(headline=_headline(query))
    page.object_list = list(page_jobs)
    for job in page.object_list:
        job.snippet = _snippet(job)
    return SearchResults(page=page, total=paginator.count, jobs=page.object_list)


def _ordering(sort: str, *, ranked: bool) -> list:
    if sort == "date":
        return ["-posted_at", "-id"]
    if sort == "pay":
        return [F("annual_pay_max").desc(nulls_last=True), "-posted_at", "-id"]
    if ranked:
        return ["-rank", "-posted_at", "-id"]
    return ["-featured", "-posted_at", "-id"]


def _headline(query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        "description_text",
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
