"""The order of search results: one test per rule of the README's "Order of results"."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listings import search
from listings.models import Job, SearchRow
from salaries.models import Occupation
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("listings:search")


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def result_ids(client, params: dict) -> list[int]:
    return [job.pk for job in client.get(SEARCH, params).context["results"].jobs]


def test_an_exact_title_comes_before_a_longer_title_holding_the_words(client):
    longer = PublishedJobFactory(title="Registered Nurse - ICU Travel Contract")
    exact = PublishedJobFactory(title="Registered Nurse", posted_at=days_ago(20))
    assert result_ids(client, {"q": "registered nurse"}) == [exact.pk, longer.pk]


def test_seniority_and_schedule_words_leave_a_title_exact(client):
    longer = PublishedJobFactory(title="Registered Nurse Educator")
    exact = PublishedJobFactory(
        title="Sr. Registered Nurse II (Night Shift)", posted_at=days_ago(9)
    )
    assert Job.objects.get(pk=exact.pk).title_key == "registered nurse"
    assert result_ids(client, {"q": "Registered Nurse"}) == [exact.pk, longer.pk]


def test_a_search_for_an_occupation_alias_puts_that_occupation_title_first(client):
    Occupation.objects.create(name="Registered Nurse", aliases=["RN"])
    longer = PublishedJobFactory(title="RN - Med/Surg Travel")
    occupation_title = PublishedJobFactory(
        title="Registered Nurse", company=CompanyFactory(name="RN Staffing"), posted_at=days_ago(9)
    )
    assert search.exact_title_keys("RN") == ["rn", "registered nurse"]
    assert result_ids(client, {"q": "RN"}) == [occupation_title.pk, longer.pk]


def test_words_only_in_the_description_come_after_every_heading_match(client):
    in_description = PublishedJobFactory(
        title="Charge Nurse", description_html="<p>Work beside each registered nurse.</p>"
    )
    longer = PublishedJobFactory(title="Registered Nurse Manager", posted_at=days_ago(5))
    exact = PublishedJobFactory(title="Registered Nurse", posted_at=days_ago(10))
    assert result_ids(client, {"q": "registered nurse"}) == [exact.pk, longer.pk, in_description.pk]


def test_newest_first_within_a_tier(client):
    jobs = [PublishedJobFactory(title="Welder", posted_at=days_ago(days)) for days in (3, 1, 2)]
    assert result_ids(client, {"q": "welder"}) == [jobs[1].pk, jobs[2].pk, jobs[0].pk]


def test_around_a_point_the_searched_city_comes_before_a_farther_one(client, located_places):
    farther = PublishedJobFactory(title="Nurse", places=[located_places.sunnyvale])
    in_city = PublishedJobFactory(
        title="Nurse", places=[located_places.san_jose], posted_at=days_ago(20)
    )
    around_city = {"q": "nurse", "l": "San Jose, CA", "radius": "25"}
    assert result_ids(client, around_city) == [in_city.pk, farther.pk]
    # A ZIP code's city is the searched city.
    assert result_ids(client, {"q": "nurse", "l": "95112"}) == [in_city.pk, farther.pk]


def test_the_closer_city_comes_first_within_a_tier_not_above_it(client, located_places):
    in_city_longer = PublishedJobFactory(title="Nurse Manager", places=[located_places.san_jose])
    farther_exact = PublishedJobFactory(
        title="Nurse", places=[located_places.sunnyvale], posted_at=days_ago(20)
    )
    assert result_ids(client, {"q": "nurse", "l": "San Jose, CA"}) == [
        farther_exact.pk,
        in_city_longer.pk,
    ]


@pytest.mark.parametrize(
    ("radius", "nearest_first"), [("0", False), ("5", False), ("10", True), ("25", True)]
)
def test_the_city_comes_first_only_when_the_radius_reaches_another_city(
    located_places, radius, nearest_first
):
    """Sunnyvale is 9 miles from San Jose: within 5 miles the radius holds San Jose alone,
    and a band of its jobs before the others would be all of them."""
    searched = search.search_request(QueryDict(f"q=nurse&l=San+Jose%2C+CA&radius={radius}"))
    assert (searched.nearest_first == located_places.san_jose) is nearest_first


def test_the_city_alone_and_searches_without_keywords_keep_the_newest_first(client, located_places):
    older_in_city = PublishedJobFactory(
        title="Nurse", places=[located_places.san_jose], posted_at=days_ago(20)
    )
    newer_farther = PublishedJobFactory(title="Nurse", places=[located_places.sunnyvale])
    assert result_ids(client, {"l": "San Jose, CA"}) == [newer_farther.pk, older_in_city.pk]
    assert result_ids(client, {"q": "nurse", "l": "San Jose, CA", "sort": "date"}) == [
        newer_farther.pk,
        older_in_city.pk,
    ]


def test_pages_run_through_every_tier_and_band_without_gaps_or_repeats(
    client, located_places, monkeypatch
):
    monkeypatch.setattr(search, "PER_PAGE", 3)
    san_jose, sunnyvale = located_places.san_jose, located_places.sunnyvale

    def jobs(count, **fields):
        return [PublishedJobFactory(posted_at=days_ago(index), **fields) for index in range(count)]

    expected = [
        *jobs(4, title="Nurse", places=[san_jose]),
        *jobs(2, title="Nurse", places=[sunnyvale]),
        *jobs(1, title="Nurse Manager", places=[san_jose]),
        *jobs(5, title="Nurse Manager", places=[sunnyvale]),
        *jobs(2, title="Cook", description_html="<p>Feed every nurse.</p>", places=[san_jose]),
        *jobs(3, title="Cook", description_html="<p>Feed every nurse.</p>", places=[sunnyvale]),
    ]
    params = {"q": "nurse", "l": "San Jose, CA"}
    pages = [result_ids(client, {**params, "page": number}) for number in range(1, 7)]
    assert [len(page) for page in pages] == [3, 3, 3, 3, 3, 2]
    assert [pk for page in pages for pk in page] == [job.pk for job in expected]


def test_a_deep_page_around_a_point_takes_a_bounded_number_of_queries(
    client, located_places, django_assert_max_num_queries
):
    for index in range(45):
        PublishedJobFactory(
            title="Nurse Manager" if index % 3 else "Nurse",
            places=[located_places.san_jose if index % 2 else located_places.sunnyvale],
        )
    # place (3), count, exact keys, up to 6 tier counts and 1 read (the page lies in the last
    # heading band), cards with places (3), salary box occupation (1)
    with django_assert_max_num_queries(16):
        response = client.get(SEARCH, {"q": "nurse", "l": "95112", "page": 3})
    assert len(response.context["results"].jobs) == 5


def test_the_exact_tier_is_read_in_date_order_from_its_index():
    PublishedJobFactory(title="Registered Nurse")
    tiers = search._keyword_tiers(
        SearchRow.objects.searchable(),
        keywords="registered nurse",
        query=search.keyword_query("registered nurse"),
    )
    page = tiers[0].order_by("-posted_at", "-id").values_list("pk", flat=True)[:20]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        # Statistics of this test's own table, not of whatever autovacuum last saw. A
        # test-sized table is read whole; without that (or a sort) only an index in the page's
        # order can serve it, as the planner chooses at 100,000 jobs.
        cursor.execute("ANALYZE listings_searchrow")
        for setting in ("seqscan", "bitmapscan", "sort", "incremental_sort"):
            cursor.execute(f"SET LOCAL enable_{setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Each partition's index in the page's order, merged: no sort of the tier's rows.
    assert "Merge Append" in plan
    assert "Index Scan using listings_searchrow_0_title_key_posted_at_id_idx" in plan
    assert "Index Cond: (title_key = 'registered nurse'::text)" in plan
    assert not re.search(r"^\s*(->\s+)?(Incremental )?Sort\s+\(", plan, re.MULTILINE), plan


@pytest.mark.parametrize(
    ("params", "cap", "by_title_key"),
    [
        ({"q": "registered nurse", "l": "California"}, 1_000, False),  # few matches there
        ({"q": "registered nurse", "l": "California"}, 2, True),  # more than the cap
        ({"q": "registered nurse", "l": "San Jose, CA"}, 2, False),  # bands around a city
        ({"q": "registered nurse"}, 1_000, True),  # everywhere
    ],
)
def test_the_exact_tier_of_a_place_is_read_by_title_key_only_past_the_cap(
    client, located_places, monkeypatch, params, cap, by_title_key
):
    """Both ways give the same page; which way the page read shows in ts_match_vq, the
    title-key way's heading test (``search._heading_holds``)."""
    monkeypatch.setattr(search, "MAX_RESULTS", cap)
    jobs = [
        PublishedJobFactory(title=title, places=[place], posted_at=days_ago(index))
        for index, (title, place) in enumerate(
            [
                ("Registered Nurse", located_places.san_jose),
                ("Registered Nurse - ICU", located_places.san_jose),
                ("Registered Nurse", located_places.austin),
                ("Registered Nurse", located_places.sunnyvale),
            ]
        )
    ]
    with CaptureQueriesContext(connection) as captured:
        found = result_ids(client, params)
    in_place = [
        job for job in jobs if "l" not in params or job.places.get() != located_places.austin
    ]
    assert found == [job.pk for job in sorted(in_place, key=lambda job: "-" in job.title)]
    reads = [query["sql"] for query in captured if "ts_match_vq" in query["sql"]]
    assert bool(reads) is by_title_key


def test_a_title_change_rewrites_its_key():
    job = PublishedJobFactory(title="Truck Driver")
    Job.objects.filter(pk=job.pk).update(title="CDL-A Truck Driver (Weekends)")
    assert Job.objects.get(pk=job.pk).title_key == "cdl a truck driver"
