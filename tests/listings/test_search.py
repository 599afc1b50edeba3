"""The search page: ranking, places, filters, duplicates, paging and bad input."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import CompanyRatingSummary
from listings import search
from listings.search import PER_PAGE
from salaries.models import ExchangeRate
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db
SEARCH = reverse("listings:search")


def result_titles(response) -> list[str]:
    return [job.title for job in response.context["results"].jobs]


def result_ids(response) -> set[int]:
    return {job.pk for job in response.context["results"].jobs}


def test_title_match_outranks_description_only_match(client, places):
    description_only = PublishedJobFactory(
        title="Line Cook",
        description_html="<p>Our kitchen runs on computer vision for inventory.</p>",
        places=[places.san_jose],
    )
    in_title = PublishedJobFactory(
        title="Computer Vision Engineer",
        posted_at=timezone.now() - timedelta(days=20),
        places=[places.san_jose],
    )
    response = client.get(SEARCH, {"q": "computer vision"})
    assert [job.pk for job in response.context["results"].jobs] == [
        in_title.pk,
        description_only.pk,
    ]


def test_company_name_matches_above_description(client, places):
    in_description = PublishedJobFactory(
        title="Analyst", description_html="<p>Work with Globex partners.</p>"
    )
    at_company = PublishedJobFactory(
        title="Analyst",
        company=CompanyFactory(name="Globex"),
        posted_at=timezone.now() - timedelta(days=9),
    )
    response = client.get(SEARCH, {"q": "globex"})
    assert [job.pk for job in response.context["results"].jobs] == [
        at_company.pk,
        in_description.pk,
    ]


def test_web_search_syntax_phrase_exclusion_and_or(client):
    nurse = PublishedJobFactory(title="Registered Nurse")
    nurse_manager = PublishedJobFactory(title="Nurse Manager, Registered")
    driver = PublishedJobFactory(title="Truck Driver")

    assert result_ids(client.get(SEARCH, {"q": '"registered nurse"'})) == {nurse.pk}
    assert result_ids(client.get(SEARCH, {"q": "nurse -manager"})) == {nurse.pk}
    assert result_ids(client.get(SEARCH, {"q": "nurse or driver"})) == {
        nurse.pk,
        nurse_manager.pk,
        driver.pk,
    }


def test_search_ignores_accents_and_word_forms(client):
    job = PublishedJobFactory(title="Café Managers")
    assert result_ids(client.get(SEARCH, {"q": "cafe manager"})) == {job.pk}


def test_state_query_finds_jobs_in_its_cities(client, places):
    san_jose = PublishedJobFactory(places=[places.san_jose])
    sunnyvale = PublishedJobFactory(places=[places.sunnyvale])
    PublishedJobFactory(places=[places.austin])
    response = client.get(SEARCH, {"l": "California"})
    assert result_ids(response) == {san_jose.pk, sunnyvale.pk}
    assert response.context["heading"] == "Jobs in California"


@pytest.mark.parametrize("typed", ["San Jose, CA", "san jose", "san-jose-ca", "San José"])
def test_city_can_be_typed_many_ways(client, places, typed):
    san_jose = PublishedJobFactory(places=[places.san_jose])
    PublishedJobFactory(places=[places.sunnyvale])
    assert result_ids(client.get(SEARCH, {"l": typed})) == {san_jose.pk}


def test_state_code_and_typo_resolve(client, places):
    job = PublishedJobFactory(places=[places.austin])
    assert result_ids(client.get(SEARCH, {"l": "TX"})) == {job.pk}
    assert result_ids(client.get(SEARCH, {"l": "Texsa"})) == {job.pk}
    assert client.get(SEARCH, {"l": "Califrnia"}).context["place"] == places.california


def test_remote_is_a_place(client, places):
    remote = PublishedJobFactory(workplace_type="remote", places=[])
    PublishedJobFactory(places=[places.austin])
    response = client.get(SEARCH, {"l": "Remote"})
    assert result_ids(response) == {remote.pk}
    assert response.context["heading"] == "Remote Jobs"


def test_unknown_place_is_a_clear_400(client, places):
    response = client.get(SEARCH, {"l": "Atlantis Underwater"})
    assert response.status_code == 400
    assert "We don’t know a place called" in response.content.decode()


def test_filters_each_and_combined(client, places):
    remote_contract = PublishedJobFactory(
        workplace_type="remote", employment_type="contract", pay_min=90000, pay_max=100000
    )
    hybrid_full = PublishedJobFactory(
        workplace_type="hybrid", places=[places.san_jose], pay_min=150000, pay_max=180000
    )
    old_on_site = PublishedJobFactory(
        places=[places.austin],
        posted_at=timezone.now() - timedelta(days=10),
        pay_min=None,
        pay_max=None,
        pay_period="",
    )
    acme = CompanyFactory(name="Acme", slug="acme")
    at_acme = PublishedJobFactory(company=acme, places=[places.sunnyvale])

    def ids(**params):
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        return result_ids(response)

    assert ids(workplace_type="remote") == {remote_contract.pk}
    assert ids(workplace_type=["remote", "hybrid"]) == {remote_contract.pk, hybrid_full.pk}
    assert ids(employment_type="contract") == {remote_contract.pk}
    assert ids(salary_min=140000) == {hybrid_full.pk, at_acme.pk}
    assert ids(posted_within=7) == {remote_contract.pk, hybrid_full.pk, at_acme.pk}
    assert old_on_site.pk in ids(posted_within=14)
    assert ids(company="acme") == {at_acme.pk}
    assert ids(l="California", salary_min=140000, workplace_type="hybrid") == {hybrid_full.pk}


def test_sort_by_date_and_pay(client):
    low = PublishedJobFactory(pay_min=50000, pay_max=60000, posted_at=timezone.now())
    high = PublishedJobFactory(
        pay_min=200000, pay_max=250000, posted_at=timezone.now() - timedelta(days=5)
    )
    hourly = PublishedJobFactory(
        pay_min=40, pay_max=45, pay_period="hour", posted_at=timezone.now() - timedelta(days=3)
    )
    unpaid = PublishedJobFactory(
        pay_min=None, pay_max=None, pay_period="", posted_at=timezone.now() - timedelta(days=1)
    )

    by_pay = client.get(SEARCH, {"sort": "pay"}).context["results"].jobs
    assert [job.pk for job in by_pay] == [high.pk, hourly.pk, low.pk, unpaid.pk]
    by_date = client.get(SEARCH, {"sort": "date"}).context["results"].jobs
    assert [job.pk for job in by_date] == [low.pk, unpaid.pk, hourly.pk, high.pk]


def test_duplicates_collapse_into_one_result(client, places):
    original = PublishedJobFactory(
        title="Data Scientist",
        description_html="<p>Same text</p>",
        places=[places.san_jose],
        posted_at=timezone.now() - timedelta(days=5),
    )
    copy = PublishedJobFactory(
        title="Data Scientist",
        company=original.company,
        description_html="<p>Same text</p>",
        places=[places.san_jose],
    )
    response = client.get(SEARCH, {"q": "data scientist"})
    assert result_ids(response) == {original.pk}
    assert response.context["results"].total == 1
    copy.refresh_from_db()
    assert copy.duplicate_of_id == original.pk


def test_unpublished_and_expired_jobs_never_appear(client):
    visible = PublishedJobFactory(title="Welder")
    for factory in (DraftJobFactory, ExpiredJobFactory, PastExpiryJobFactory, ClosedJobFactory):
        factory(title="Welder")
    assert result_ids(client.get(SEARCH, {"q": "welder"})) == {visible.pk}


def test_pages_of_twenty_with_counts_and_links(client):
    PublishedJobFactory.create_batch(45, title="Barista")
    first = client.get(SEARCH, {"q": "barista"})
    html = first.content.decode()
    assert len(first.context["results"].jobs) == PER_PAGE
    assert "Showing results 1-20 of 45" in html
    assert 'rel="next"' in html and "page=2" in html and "page=3" in html

    third = client.get(SEARCH, {"q": "barista", "page": 3})
    assert "Showing results 41-45 of 45" in third.content.decode()
    assert 'rel="next"' not in third.content.decode()
    all_ids = set()
    for page in (1, 2, 3):
        all_ids |= result_ids(client.get(SEARCH, {"q": "barista", "page": page}))
    assert len(all_ids) == 45


def test_snippet_marks_matched_words_and_escapes_text(client):
    PublishedJobFactory(
        title="Engineer",
        description_html="<p>Deep experience in Computer Vision and/or Machine Learning "
        "&lt;script&gt;alert(1)&lt;/script&gt; in our R&amp;D lab is required.</p>",
    )
    html = client.get(SEARCH, {"q": "computer vision"}).content.decode()
    assert "<mark>Computer</mark> <mark>Vision</mark>" in html
    assert "<script>alert(1)" not in html
    assert "R&amp;D lab" in html


def test_empty_results_suggest_broadening(client, places):
    response = client.get(SEARCH, {"q": "astronaut", "l": "Texas"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No jobs match this search yet" in html
    assert "a wider place" in html


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "abc"}, 400, "is not a page number"),
        ({"page": "0"}, 400, "is not a page number"),
        ({"page": "-3"}, 400, "is not a page number"),
        ({"page": "²"}, 400, "is not a page number"),
        ({"page": "٣"}, 400, "is not a page number"),
        ({"page": "9" * 5000}, 400, "is not a page number"),
        ({"page": "999999"}, 404, "There are only 1 pages of results"),
        ({"salary_min": "-5"}, 400, "Minimum pay can"),
        ({"salary_min": "lots"}, 400, "Enter a number"),
        ({"q": "x" * 5000}, 400, "Keep the search under 200 characters"),
        ({"posted_within": "9"}, 400, "Select a valid choice"),
        ({"sort": "random"}, 400, "Select a valid choice"),
        ({"company": "no-such-company"}, 400, "Select a valid choice"),
        ({"workplace_type": "moon"}, 400, "Select a valid choice"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(client, params, status, message):
    PublishedJobFactory()
    response = client.get(SEARCH, params)
    assert response.status_code == status
    assert message in response.content.decode()


@pytest.mark.parametrize("q", ['"', "-", "or", "!!!", "a & b | c", "(((", "'"])
def test_odd_query_syntax_never_errors(client, q):
    PublishedJobFactory()
    assert client.get(SEARCH, {"q": q}).status_code == 200


def test_landing_url_heading_and_results(client, places):
    job = PublishedJobFactory(
        title="Computer Vision Machine Learning Engineer", places=[places.sunnyvale]
    )
    PublishedJobFactory(title="Computer Vision Machine Learning Engineer", places=[places.austin])
    url = reverse(
        "listings:landing", args=["computer-vision-machine-learning-engineer", "california"]
    )
    response = client.get(url)
    assert (
        response.context["heading"]
        == "Computer Vision Machine Learning Engineer Jobs in California"
    )
    assert result_ids(response) == {job.pk}
    assert client.get(reverse("listings:landing", args=["nurse", "atlantis"])).status_code == 404
    superscript = client.get(
        reverse("listings:landing", args=["nurse", "california"]), {"page": "¹"}
    )
    assert superscript.status_code == 400


def test_search_canonical_points_to_landing_url(client, places, settings):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    html = client.get(SEARCH, {"q": "registered nurse", "l": "California"}).content.decode()
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}/jobs/registered-nurse/california/">'
        in html
    )


def test_landing_and_filtered_search_have_absolute_canonical_links(client, places, settings):
    settings.SITE_URL = "https://jobs.example.org"
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    landing = client.get(reverse("listings:landing", args=["registered-nurse", "california"]))
    assert (
        '<link rel="canonical" href="https://jobs.example.org/jobs/registered-nurse/california/">'
        in landing.content.decode()
    )
    filtered = client.get(SEARCH, {"q": "nurse", "employment_type": "full_time"})
    assert (
        '<link rel="canonical" href="https://jobs.example.org/jobs/?q=nurse&amp;'
        'employment_type=full_time">' in filtered.content.decode()
    )


def test_results_heading_levels_do_not_skip_from_h1_to_the_card_titles(client, places):
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    html = client.get(SEARCH, {"q": "nurse"}).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_query_count_is_bounded(client, places, django_assert_max_num_queries):
    for index in range(30):
        PublishedJobFactory(
            title="Nurse",
            places=[places.san_jose if index % 2 else places.austin],
            company=CompanyFactory(),
        )
    # place (2), count, two tiers of ids, cards with places (3), salary box occupation (1)
    with django_assert_max_num_queries(10):
        response = client.get(SEARCH, {"q": "nurse", "l": "CA", "workplace_type": "on_site"})
    assert len(response.context["results"].jobs) == 15
    with django_assert_max_num_queries(10):
        client.get(SEARCH, {"q": "nurse", "page": 2, "sort": "pay"})


def rated(company, score: str, count: int):
    CompanyRatingSummary.objects.create(
        company=company,
        score=Decimal(score),
        count=count,
        pay=Decimal("7.0"),
        benefits=Decimal("7.0"),
        hours=Decimal("7.0"),
        workplace=Decimal("7.0"),
        current_count=count,
        former_count=0,
        refreshed_at=timezone.now(),
    )
    return company


def test_a_card_costs_no_query_of_its_own(client, located_places):
    """Cards load only the columns they show; one they did not load would cost a query each."""

    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(SEARCH, {"q": "nurse", "l": "95112"})
            client.get(reverse("api:jobs_search"), {"q": "nurse", "l": "95112"})
        return len(captured)

    def jobs(count: int) -> None:
        for index in range(count):
            company = rated(CompanyFactory(), "6.5", 1) if index % 2 else CompanyFactory()
            PublishedJobFactory(
                title="Nurse",
                places=[located_places.san_jose, located_places.austin],
                company=company,
            )

    PublishedJobFactory(
        title="Nurse", places=[located_places.san_jose], company=rated(CompanyFactory(), "8.1", 661)
    )
    jobs(search.FEW_RESULTS)  # enough that neither page looks for a corrected query
    queries_for_a_page()  # the first also reads what a process keeps (synonyms, sessions)
    few = queries_for_a_page()
    jobs(8)
    assert queries_for_a_page() == few
    html = client.get(SEARCH, {"q": "nurse", "l": "95112"}).content.decode()
    assert 'title="Rated 8.1 out of 10 by 661 employees">8.1<' in html
    assert 'title="Rated 6.5 out of 10 by 1 employee">6.5<' in html


def test_heading_matches_page_before_description_matches_without_gaps(client):
    now = timezone.now()
    in_heading = [
        PublishedJobFactory(title="Welder", posted_at=now - timedelta(days=5, hours=index))
        for index in range(5)
    ]
    in_description = [
        PublishedJobFactory(
            title="Fabricator",
            description_html="<p>Assist the welder on site.</p>",
            posted_at=now - timedelta(hours=index),
        )
        for index in range(50)
    ]
    pages = [
        [job.pk for job in client.get(SEARCH, {"q": "welder", "page": n}).context["results"].jobs]
        for n in (1, 2, 3)
    ]
    expected = [job.pk for job in in_heading] + [job.pk for job in in_description]
    assert pages[0] + pages[1] + pages[2] == expected
    assert [len(page) for page in pages] == [20, 20, 15]


def test_broad_searches_count_up_to_a_cap(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 25)
    for _ in range(30):
        PublishedJobFactory(title="Cashier")
    response = client.get(SEARCH, {"q": "cashier"})
    assert "Showing results 1-20 of 25+" in response.content.decode()
    assert response.context["results"].num_pages == 2
    assert client.get(SEARCH, {"q": "cashier", "page": 3}).status_code == 404


@pytest.mark.parametrize("q", ["IT", "it", "IT support", "HR", "PR", "QA", "UX", "AI"])
def test_short_title_words_match_even_when_they_are_stop_words(client, q):
    job = PublishedJobFactory(title="IT HR PR QA UX AI Support Specialist")
    PublishedJobFactory(title="Line Cook")
    assert result_ids(client.get(SEARCH, {"q": q})) == {job.pk}


def test_a_stop_word_in_the_search_ranks_titles_holding_it_first(client):
    it_support = PublishedJobFactory(
        title="IT Support Specialist", posted_at=timezone.now() - timedelta(days=20)
    )
    other_support = PublishedJobFactory(title="Customer Support Representative")
    director = PublishedJobFactory(
        title="Director of Nursing", posted_at=timezone.now() - timedelta(days=20)
    )
    in_description = PublishedJobFactory(
        title="Charge Nurse", description_html="<p>Reports to the director of nursing.</p>"
    )
    assert [job.pk for job in client.get(SEARCH, {"q": "it support"}).context["results"].jobs][
        0
    ] == it_support.pk
    assert other_support.pk in result_ids(client.get(SEARCH, {"q": "it support"}))
    assert [
        job.pk for job in client.get(SEARCH, {"q": "director of nursing"}).context["results"].jobs
    ] == [director.pk, in_description.pk]


def test_a_search_of_only_common_words_finds_the_titles_and_companies_holding_them(client):
    at_the = PublishedJobFactory(title="Cashier", company=CompanyFactory(name="The Corner Store"))
    PublishedJobFactory(title="Cashier", description_html="<p>Work the register.</p>")
    response = client.get(SEARCH, {"q": "the"})
    assert result_ids(response) == {at_the.pk}


@pytest.mark.parametrize("q", ["-", '""""', "!!!", "- -"])
def test_a_search_with_no_words_says_so_and_lists_every_job(client, q):
    jobs = {PublishedJobFactory().pk, PublishedJobFactory().pk}
    response = client.get(SEARCH, {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert "has no words to search for" in html
    assert "No jobs match" not in html
    assert result_ids(response) == jobs
    assert response.context["heading"] == "Jobs"


def test_private_use_characters_in_a_description_cannot_open_a_mark(client):
    PublishedJobFactory(
        title="Engineer",
        description_html="<p>Odd \ue000 bytes \ue001 here, then computer vision work.</p>",
    )
    html = client.get(SEARCH, {"q": "computer vision"}).content.decode()
    snippet = html[html.index('class="job-card') :]
    assert "\ue000" not in html and "\ue001" not in html
    assert snippet.count("<mark>") == snippet.count("</mark>") == 2


def test_pay_sort_and_minimum_pay_compare_every_currency_in_us_dollars(client):
    ExchangeRate.objects.update_or_create(currency="JPY", defaults={"usd_per_unit": "0.0067"})
    ExchangeRate.objects.update_or_create(currency="GBP", defaults={"usd_per_unit": "1.3"})
    dollars = PublishedJobFactory(pay_min=300000, pay_max=367000)
    yen = PublishedJobFactory(pay_min=2000000, pay_max=2000000, pay_currency="JPY")
    pounds = PublishedJobFactory(
        pay_min=4000, pay_max=5000, pay_currency="GBP", pay_period="month"
    )  # £60,000 a year: about $76K
    modest = PublishedJobFactory(pay_min=50000, pay_max=60000)
    unrated = PublishedJobFactory(pay_min=90000000, pay_max=90000000, pay_currency="XYZ")

    by_pay = client.get(SEARCH, {"sort": "pay"}).context["results"].jobs
    assert [job.pk for job in by_pay] == [dollars.pk, pounds.pk, modest.pk, yen.pk, unrated.pk]
    assert result_ids(client.get(SEARCH, {"salary_min": 1500000})) == set()
    assert result_ids(client.get(SEARCH, {"salary_min": 70000})) == {dollars.pk, pounds.pk}


def test_search_request_gives_the_same_canonical_params_however_a_search_is_spelled(places):
    company = CompanyFactory(name="Globex")
    spelled_one_way = QueryDict(mutable=True)
    spelled_one_way.update({"q": "  registered   nurse ", "l": "california", "sort": "relevance"})
    spelled_one_way.setlist("workplace_type", ["remote", "on_site"])
    spelled_one_way.update({"salary_min": "80000", "company": company.slug, "page": "3"})
    other_way = QueryDict(
        f"company={company.slug}&salary_min=80000.0&workplace_type=on_site&workplace_type=remote"
        "&l=California&q=registered+nurse"
    )
    expected = {
        "q": "registered nurse",
        "l": "California",
        "workplace_type": ["on_site", "remote"],
        "salary_min": "80000",
        "company": company.slug,
    }
    assert search.search_request(spelled_one_way).canonical_params() == expected
    assert search.search_request(other_way).canonical_params() == expected


def test_search_request_refuses_bad_parameters_with_a_message_each(places):
    with pytest.raises(search.SearchInvalid) as refused:
        search.search_request(QueryDict("l=Atlantis&salary_min=-5"))
    assert len(refused.value.errors) == 2
    with pytest.raises(search.SearchInvalid, match="not a page number"):
        search.search_request(QueryDict("q=nurse&page=x"))


def test_search_matches_holds_what_the_pages_list(places):
    nurses = [
        PublishedJobFactory(title="Registered Nurse", places=[places.austin]) for _ in range(3)
    ]
    ExpiredJobFactory(title="Registered Nurse", places=[places.austin])
    PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    PublishedJobFactory(title="Welder", places=[places.austin])
    request = search.search_request(QueryDict("q=nurse&l=Texas"))
    page_ids = {job.pk for job in search.search_results(request).jobs}
    assert set(search.search_matches(request).values_list("pk", flat=True)) == page_ids
    assert page_ids == {job.pk for job in nurses}


def test_a_title_without_an_excluded_word_is_found_though_its_description_has_it(client):
    """A title match counts on its own: the words' match misses this job, whose description
    says "senior"."""
    title_only = PublishedJobFactory(
        title="Machine Learning Engineer", description_html="<p>Work beside senior staff.</p>"
    )
    PublishedJobFactory(title="Senior Machine Learning Engineer")
    assert result_ids(client.get(SEARCH, {"q": '"machine learning" -senior'})) == {title_only.pk}
