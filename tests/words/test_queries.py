"""Synonyms in search: each term finds what its expansions find, ranked the same way."""

from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse
from django.utils import timezone

from listings.models import Job, SearchRow
from listings.search import exact_title_keys, job_search, keyword_matches, keyword_query
from listings.words.queries import SynonymQuery
from tests.conftest import plans_by_index_conditions
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("listings:search")
# Words that are no synonym term and no expansion, for the decoys' descriptions.
PLAIN = "<p>Join a friendly team. Weekly schedule, paid leave.</p>"


def ranked_ids(keywords: str) -> list[int]:
    rows = SearchRow.objects.all()
    return [
        job.pk
        for job in job_search(rows=rows, keywords=keywords, sort="relevance", page_number=1).jobs
    ]


def matched_ids(keywords: str) -> set[int]:
    return set(keyword_matches(Job.objects.searchable(), keywords).values_list("pk", flat=True))


@pytest.fixture
def jobs_for_every_expansion(seeded_synonyms):
    """A job titled with each seeded expansion, newest last, and one that only mentions it in
    its description, so both tiers of the ranking have something to order."""
    now = timezone.now()
    expansions = sorted({e for phrases in seeded_synonyms.values() for e in phrases})
    for age, expansion in enumerate(expansions):
        PublishedJobFactory(
            title=expansion.title(), description_html=PLAIN, posted_at=now - timedelta(hours=age)
        )
        PublishedJobFactory(
            title="Line Cook",
            description_html=f"<p>Work beside our {expansion} every day.</p>",
            posted_at=now - timedelta(hours=age, minutes=30),
        )
    PublishedJobFactory(title="Barista", description_html=PLAIN)
    return seeded_synonyms


def test_each_seeded_synonym_finds_what_its_expansions_find(jobs_for_every_expansion):
    for term, expansions in jobs_for_every_expansion.items():
        found = set().union(*(matched_ids(expansion) for expansion in expansions))
        assert found, term
        assert matched_ids(term) == found, term
        assert matched_ids(term.upper()) == found, term


def test_each_seeded_synonym_ranks_as_its_expansion_ranks(jobs_for_every_expansion):
    for term, expansions in jobs_for_every_expansion.items():
        if len(expansions) == 1:
            assert ranked_ids(term) == ranked_ids(expansions[0]), term


def test_swe_in_texas_shows_what_software_engineer_in_texas_shows(client, places):
    for title, place in [
        ("Software Engineer", places.austin),
        ("Senior Software Engineer", places.texas),
        ("Software Engineer", places.san_jose),
        ("Nurse", places.austin),
    ]:
        PublishedJobFactory(title=title, places=[place])
    PublishedJobFactory(
        title="Line Cook",
        description_html="<p>Cook for the software engineers upstairs.</p>",
        places=[places.austin],
    )

    def shown(q):
        response = client.get(SEARCH, {"q": q, "l": "Texas"})
        return [job.pk for job in response.context["results"].jobs]

    assert len(shown("software engineer")) == 3
    assert shown("SWE") == shown("software engineer")


def test_a_term_finds_titles_that_use_it_too(seeded_synonyms):
    abbreviated = PublishedJobFactory(title="SWE II", description_html=PLAIN)
    spelled_out = PublishedJobFactory(title="Software Engineer II", description_html=PLAIN)
    assert matched_ids("swe") == {abbreviated.pk, spelled_out.pk}


def test_a_heading_match_by_expansion_outranks_a_newer_description_match(seeded_synonyms):
    now = timezone.now()
    titled = PublishedJobFactory(title="Registered Nurse", posted_at=now - timedelta(days=5))
    mentioned = PublishedJobFactory(
        title="Unit Clerk",
        description_html="<p>Support the registered nurse on shift.</p>",
        posted_at=now,
    )
    assert ranked_ids("RN") == [titled.pk, mentioned.pk]


def test_search_syntax_keeps_its_meaning_around_a_term(seeded_synonyms):
    senior = PublishedJobFactory(title="Senior Software Engineer", description_html=PLAIN)
    reordered = PublishedJobFactory(title="Senior Engineer, Software", description_html=PLAIN)
    nurse = PublishedJobFactory(title="Nurse", description_html=PLAIN)
    assert matched_ids("sr swe") == {senior.pk, reordered.pk}
    assert matched_ids('"senior swe"') == {senior.pk}  # a phrase stays a phrase
    assert matched_ids('"sr software engineer"') == {senior.pk}
    assert matched_ids("-swe") == {nurse.pk}
    assert matched_ids("swe or nurse") == {senior.pk, reordered.pk, nurse.pk}


def test_a_term_marks_its_expansion_in_the_snippet(client, seeded_synonyms):
    PublishedJobFactory(
        title="Line Cook", description_html="<p>Feed the machine learning team lunch.</p>"
    )
    response = client.get(SEARCH, {"q": "ml"})
    assert "<mark>machine</mark> <mark>learning</mark>" in str(
        response.context["results"].jobs[0].snippet
    )


@pytest.mark.parametrize(
    "typed",
    ["the", "or", "-", '""', "!!!", "&|:*()", "'", "and or the", "swe or", "-swe -", '"', "sr & ("],
)
def test_stop_words_or_symbols_alone_do_not_fail(client, seeded_synonyms, typed):
    PublishedJobFactory(title="Senior Software Engineer")
    assert client.get(SEARCH, {"q": typed}).status_code == 200
    assert client.get("/api/v1/jobs", {"q": typed}).status_code == 200


def test_a_search_without_a_term_is_the_plain_query(seeded_synonyms):
    assert type(keyword_query("registered nurse")) is SearchQuery
    assert isinstance(keyword_query("registered nurse rn"), SynonymQuery)


def test_rules_cost_one_query_per_process_then_none(seeded_synonyms, django_assert_num_queries):
    with django_assert_num_queries(1):
        keyword_query("swe")
    with django_assert_num_queries(0):
        keyword_query("swe")
        keyword_query("nurse")


def test_the_planner_sees_the_rewritten_query_as_a_constant(seeded_synonyms):
    """Folded at planning, so the search indexes and their estimates serve it as they serve
    the words typed out."""
    PublishedJobFactory(title="Software Engineer")
    plan = plans_by_index_conditions(lambda: matched_ids("swe"))[-1]
    assert "heading_vector @@ '''swe'' | ''softwar'' & ''engin'''::tsquery" in plan
    assert "ts_rewrite" not in plan


def test_a_term_ranks_the_exact_titles_of_its_expansions_first(seeded_synonyms):
    assert exact_title_keys("SWE") == ["swe", "software engineer"]
    assert exact_title_keys("pm") == ["pm", "product manager", "project manager"]
