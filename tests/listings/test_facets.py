"""The filters' counts: each option's results with it chosen, capped, in one statement a facet."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from listings import facets
from listings.facets import page_facets, search_facets
from listings.search import search_request
from tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("listings:search")
FACETS_API = "/api/v1/jobs/facets"


def counts(query: str) -> dict[str, dict[str, int]]:
    counted = search_facets(search_request(QueryDict(query)))
    return {
        name: {option.value: option.count for option in options}
        for name, options in counted.items()
    }


@pytest.fixture
def nurses():
    """Six nurse jobs of every kind and age, plus jobs search never counts."""
    now = timezone.now()

    def nurse(workplace, employment, days_ago):
        return PublishedJobFactory(
            title="Registered Nurse",
            workplace_type=workplace,
            employment_type=employment,
            posted_at=now - timedelta(days=days_ago, hours=1),
        )

    jobs = [
        nurse("on_site", "full_time", 0),
        nurse("on_site", "full_time", 5),
        nurse("on_site", "part_time", 20),
        nurse("remote", "part_time", 2),
        nurse("remote", "contract", 10),
        nurse("hybrid", "full_time", 40),
    ]
    PublishedJobFactory(title="Cashier", workplace_type="remote")
    DraftJobFactory(title="Registered Nurse", workplace_type="remote")
    return jobs


def test_each_option_counts_what_the_search_gives_with_it_chosen(nurses):
    found = counts("q=nurse")
    assert found["workplace_type"] == {"on_site": 3, "hybrid": 1, "remote": 2}
    assert found["employment_type"] == {
        "full_time": 3,
        "part_time": 2,
        "contract": 1,
        "temporary": 0,
        "internship": 0,
        "per_diem": 0,
    }
    assert found["posted_within"] == {"": 6, "1": 1, "3": 2, "7": 3, "14": 4, "30": 5}
    assert "radius" not in found  # no point was searched


def test_a_filters_own_choice_is_set_aside_and_the_others_apply(nurses):
    found = counts("q=nurse&workplace_type=remote")
    assert found["workplace_type"] == {"on_site": 3, "hybrid": 1, "remote": 2}
    assert found["employment_type"]["part_time"] == 1
    assert found["employment_type"]["full_time"] == 0
    assert found["posted_within"] == {"": 2, "1": 0, "3": 1, "7": 1, "14": 2, "30": 2}

    both = counts("q=nurse&workplace_type=remote&workplace_type=hybrid&posted_within=30")
    assert both["workplace_type"] == {"on_site": 3, "hybrid": 0, "remote": 2}
    assert both["employment_type"]["full_time"] == 0
    assert both["employment_type"]["part_time"] == 1
    assert both["posted_within"] == {"": 3, "1": 0, "3": 1, "7": 1, "14": 2, "30": 2}


def test_each_option_says_whether_it_is_chosen(nurses):
    counted = search_facets(search_request(QueryDict("workplace_type=remote&posted_within=7")))
    assert [option.value for option in counted["workplace_type"] if option.chosen] == ["remote"]
    assert [option.value for option in counted["posted_within"] if option.chosen] == ["7"]
    assert [option.label for option in counted["posted_within"]][:2] == [
        "Any time",
        "Last 24 hours",
    ]


def test_counts_stop_at_the_cap_like_the_total(nurses, monkeypatch):
    monkeypatch.setattr(facets, "MAX_RESULTS", 2)
    counted = search_facets(search_request(QueryDict("q=nurse")))
    on_site, hybrid, remote = counted["workplace_type"]
    assert (on_site.count, on_site.capped) == (2, True)
    assert (hybrid.count, hybrid.capped) == (1, False)
    assert (remote.count, remote.capped) == (2, False)


def test_keywords_without_a_word_count_every_job_as_the_page_lists_them(nurses):
    assert counts("q=-")["workplace_type"] == {"on_site": 3, "hybrid": 1, "remote": 3}


@pytest.mark.usefixtures("zip_codes")
def test_each_distance_counts_the_jobs_within_it(located_places):
    for city in (located_places.san_jose, located_places.sunnyvale, located_places.austin):
        PublishedJobFactory(title="Nurse", places=[city])
    PublishedJobFactory(title="Nurse", places=[located_places.sunnyvale], workplace_type="hybrid")
    PublishedJobFactory(title="Nurse", workplace_type="remote", places=[located_places.remote])

    by_zip = counts("q=nurse&l=95112&radius=5")
    # Sunnyvale is 8 miles from 95112; the search's own distance (5) is set aside.
    assert by_zip["radius"] == {"0": 1, "5": 1, "10": 3, "25": 3, "50": 3, "100": 3}
    assert by_zip["workplace_type"] == {"on_site": 1, "hybrid": 0, "remote": 0}

    hybrid = counts("q=nurse&l=San+Jose,+CA&workplace_type=hybrid")
    assert hybrid["radius"] == {"0": 0, "5": 0, "10": 1, "25": 1, "50": 1, "100": 1}
    assert "radius" not in counts("q=nurse&l=California")


@pytest.mark.usefixtures("zip_codes")
def test_the_city_alone_of_a_zip_code_we_do_not_list_counts_nothing(located_places):
    PublishedJobFactory(title="Nurse", places=[located_places.austin])
    # 78701 is Austin's, which the tree lists; 10001 (New York) it does not.
    assert counts("q=nurse&l=78701")["radius"]["0"] == 1
    assert counts("q=nurse&l=10001")["radius"] == dict.fromkeys(
        ("0", "5", "10", "25", "50", "100"), 0
    )


@pytest.mark.usefixtures("zip_codes")
def test_one_statement_per_facet_at_most(located_places, nurses, django_assert_max_num_queries):
    search = search_request(QueryDict("q=nurse&workplace_type=remote&salary_min=1000"))
    # the three column facets in one statement, and the check that the keywords hold a word
    with django_assert_max_num_queries(2):
        search_facets(search)
    around = search_request(QueryDict("q=nurse&l=95112&radius=10&employment_type=full_time"))
    # one more for the four distances
    with django_assert_max_num_queries(3):
        search_facets(around)


def test_the_page_loads_its_counts_after_its_results(client, nurses):
    response = client.get(SEARCH, {"q": "nurse", "workplace_type": "remote"})
    html = response.content.decode()
    assert response.context["facets_url"] == f"{FACETS_API}?q=nurse&workplace_type=remote"
    assert 'data-facets="/api/v1/jobs/facets?q=nurse&amp;workplace_type=remote"' in html
    assert "js/facets.js" in html
    assert (
        '<input type="checkbox" name="workplace_type" value="remote" checked> Remote</label>'
        in html
    )
    assert "facet-count" not in html


def test_the_api_answers_each_facets_counts(client, nurses):
    answer = client.get(FACETS_API, {"q": "nurse", "posted_within": "7"}).json()
    assert answer["radius"] is None
    assert answer["workplace_type"][2] == {
        "value": "remote",
        "label": "Remote",
        "chosen": False,
        "count": 1,
        "capped": False,
    }
    assert [option["count"] for option in answer["posted_within"]] == [6, 1, 2, 3, 4, 5]
    refused = client.get(FACETS_API, {"posted_within": "2", "l": "Atlantis"})
    assert refused.status_code == 400
    assert len(refused.json()["errors"]) == 2


def test_a_search_counted_lately_shows_its_counts_in_the_page(client, nurses, settings):
    settings.SEARCH_FACETS_CACHE_SECONDS = 60
    search = search_request(QueryDict("q=nurse"))
    cache.delete(facets._cache_key(search))
    assert page_facets(search)[1] is False

    client.get(FACETS_API, {"q": "nurse", "sort": "date"})  # the order changes no count
    response = client.get(SEARCH, {"q": "nurse"})
    html = response.content.decode()
    assert response.context["facets_url"] == ""
    assert "js/facets.js" not in html
    assert 'value="remote"> Remote <span class="facet-count">(2)</span></label>' in html
    assert (
        '<label class="facet--empty"><input type="checkbox" name="employment_type" '
        'value="internship"> Internship <span class="facet-count">(0)</span>' in html
    )
    assert '<option value="7">Last 7 days (3)</option>' in html
    cache.delete(facets._cache_key(search))
