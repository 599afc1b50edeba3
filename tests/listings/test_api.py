"""The jobs API: search as the page searches, one job, and the suggestion lists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import CompanyRatingSummary
from listings.api import plain_snippet
from listings.dedupe import jobs_collapse_duplicates
from listings.search import PER_PAGE
from salaries.models import Occupation
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    RejectedJobFactory,
)

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/jobs"
SITE = "http://testserver.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def job_url(job) -> str:
    return f"/api/v1/jobs/{job.pk}"


@pytest.fixture
def board(places):
    """Thirty-odd jobs over titles, places, workplace and employment types, pay and dates."""
    now = timezone.now()
    jobs = []
    for n in range(34):
        jobs.append(
            PublishedJobFactory(
                title=["Registered Nurse", "Software Engineer", "Nurse Manager"][n % 3],
                description_html=f"<p>Posting {n}: patients, code and care in a team.</p>",
                places=[[places.san_jose, places.sunnyvale, places.austin, places.remote][n % 4]],
                workplace_type=["on_site", "hybrid", "remote"][n % 3],
                employment_type=["full_time", "part_time"][n % 2],
                pay_min=Decimal(60000 + 2500 * n) if n % 5 else None,
                pay_max=Decimal(80000 + 2500 * n) if n % 5 else None,
                pay_period="year" if n % 5 else "",
                posted_at=now - timedelta(days=n % 20, hours=n),
                featured=n == 7,
            )
        )
    return jobs


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "nurse"},
        {"q": "nurse", "page": "2"},
        {"q": "registered nurse"},
        {"q": "patients"},
        {"q": '"nurse manager" or engineer'},
        {"l": "California"},
        {"q": "nurse", "l": "San Jose, CA"},
        {"l": "Remote"},
        {"workplace_type": ["hybrid", "remote"]},
        {"employment_type": "part_time", "q": "nurse"},
        {"salary_min": "100000"},
        {"posted_within": "7"},
        {"sort": "date"},
        {"sort": "date", "page": "2"},
        {"sort": "pay"},
        {"sort": "pay", "page": "2"},
        {"q": "nurse", "sort": "pay"},
        {"q": "-"},
        {"q": "astronaut"},
    ],
)
def test_api_and_page_list_the_same_jobs_in_the_same_order(client, board, params):
    page = client.get(reverse("listings:search"), params)
    api = client.get(SEARCH, params)
    assert page.status_code == api.status_code == 200
    results = page.context["results"]
    body = api.json()
    assert [job["id"] for job in body["jobs"]] == [job.pk for job in results.jobs]
    assert (body["total"], body["capped"], body["page"], body["num_pages"]) == (
        results.total,
        results.capped,
        results.number,
        results.num_pages,
    )
    assert (body["first_index"], body["last_index"]) == (results.first_index, results.last_index)


def test_company_filter_matches_the_page(client, board):
    params = {"company": board[3].company.slug}
    page_ids = [
        job.pk for job in client.get(reverse("listings:search"), params).context["results"].jobs
    ]
    assert (
        [job["id"] for job in client.get(SEARCH, params).json()["jobs"]]
        == page_ids
        == [board[3].pk]
    )


def test_a_search_result_carries_each_field_as_its_card_shows_it(client, places):
    company = CompanyFactory(name="Acme Health")
    CompanyRatingSummary.objects.create(
        company=company,
        score=Decimal("8.1"),
        count=661,
        pay=Decimal("7.5"),
        benefits=Decimal("8.0"),
        hours=Decimal("6.9"),
        workplace=Decimal("8.4"),
        current_count=400,
        former_count=261,
        refreshed_at=timezone.now(),
    )
    posted = timezone.now() - timedelta(days=3)
    job = PublishedJobFactory(
        title="Registered Nurse",
        company=company,
        places=[places.san_jose, places.austin],
        workplace_type="hybrid",
        employment_type="part_time",
        pay_min=Decimal("133600"),
        pay_max=Decimal("160500"),
        description_html="<p>Care for patients & families as a registered nurse.</p>",
        posted_at=posted,
    )
    body = client.get(SEARCH, {"q": "registered nurse"}).json()
    assert body["total"] == 1 and body["next"] is None and body["previous"] is None
    assert body["search"] == {"q": "registered nurse"}
    card = body["jobs"][0]
    assert card["id"] == job.pk
    assert card["title"] == "Registered Nurse"
    assert card["url"] == f"{SITE}{job.get_absolute_url()}"
    assert card["company"] == {
        "name": "Acme Health",
        "slug": company.slug,
        "url": f"{SITE}/companies/{company.slug}/",
        "rating": {"score": 8.1, "count": 661},
    }
    assert [place["display_name"] for place in card["places"]] == ["Austin, TX", "San Jose, CA"]
    assert card["places"][1] == {
        "name": "San Jose",
        "display_name": "San Jose, CA",
        "slug": places.san_jose.slug,
        "kind": "city",
    }
    assert card["location"] == "Austin, TX +1 more"
    assert (card["workplace_type"], card["employment_type"]) == ("hybrid", "part_time")
    assert card["pay"] == {
        "min": 133600.0,
        "max": 160500.0,
        "currency": "USD",
        "period": "year",
        "display": "$133.60K - $160.50K/yr",
    }
    assert card["posted_at"].startswith(posted.isoformat()[:19])
    assert card["expires_at"] is not None and card["featured"] is False
    assert "<" not in card["snippet"] and "&amp;" not in card["snippet"]
    assert "patients & families" in card["snippet"]
    marked = [card["snippet"][start:end] for start, end in card["snippet_highlights"]]
    assert {word.lower() for word in marked} == {"registered", "nurse"}


def test_a_job_without_pay_has_pay_null(client):
    PublishedJobFactory(pay_min=None, pay_max=None, pay_period="")
    assert client.get(SEARCH).json()["jobs"][0]["pay"] is None


def test_plain_snippet_unescapes_text_and_gives_offsets_of_marks():
    text, highlights = plain_snippet("… a &lt;mark&gt; &amp; <mark>Nurse</mark> café …")
    assert text == "… a <mark> & Nurse café …"
    assert [text[start:end] for start, end in highlights] == ["Nurse"]


def test_pages_link_to_each_other_with_absolute_urls(client, board):
    first = client.get(SEARCH, {"q": "nurse"}).json()
    assert first["total"] > PER_PAGE and first["num_pages"] == 2
    assert first["previous"] is None
    assert first["next"] == f"{SITE}/api/v1/jobs?q=nurse&page=2"
    second = client.get(first["next"].removeprefix(SITE)).json()
    assert second["previous"] == f"{SITE}/api/v1/jobs?q=nurse&page=1"
    assert second["next"] is None
    assert second["first_index"] == PER_PAGE + 1


def test_closed_expired_draft_and_duplicate_jobs_are_not_searched(client):
    live = PublishedJobFactory(title="Welder")
    copy = PublishedJobFactory(
        title="Welder", company=live.company, description_html=live.description_html
    )
    for factory in (ClosedJobFactory, ExpiredJobFactory, PastExpiryJobFactory, DraftJobFactory):
        factory(title="Welder")
    jobs_collapse_duplicates()
    ids = [job["id"] for job in client.get(SEARCH, {"q": "welder"}).json()["jobs"]]
    assert ids == [min(live.pk, copy.pk)]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"l": "Atlantis"}, "We don’t know a place called “Atlantis”."),
        ({"salary_min": "-5"}, "Minimum pay can't be negative."),
        ({"salary_min": "lots"}, "Enter a number."),
        ({"q": "x" * 201}, "Keep the search under 200 characters."),
        ({"page": "two"}, "“two” is not a page number. Pages are numbered from 1."),
        ({"page": "0"}, "“0” is not a page number. Pages are numbered from 1."),
        ({"sort": "salary"}, "Select a valid choice. salary is not one of the available choices."),
        ({"workplace_type": "moon"}, "Select a valid choice. moon is not one of the available"),
        ({"company": "no-such-company"}, "Select a valid choice."),
    ],
)
def test_refused_parameters_are_a_400_with_the_pages_message(client, params, message):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["detail"] == "The search was refused."
    assert any(error.startswith(message) for error in body["errors"]), body["errors"]
    assert client.get(reverse("listings:search"), params).status_code == 400


def test_two_refused_parameters_give_two_messages(client):
    body = client.get(SEARCH, {"l": "Atlantis", "salary_min": "-1"}).json()
    assert len(body["errors"]) == 2


def test_a_page_past_the_end_is_a_404_naming_the_last_page(client, board):
    response = client.get(SEARCH, {"q": "nurse", "page": "9"})
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There are only 2 pages of results. The last page is 2.",
        "errors": [],
        "last_page": 2,
        "last_page_url": f"{SITE}/api/v1/jobs?q=nurse&page=2",
    }


def test_search_runs_a_bounded_number_of_queries(client, board, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(SEARCH, {"q": "nurse", "l": "California"}).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(SEARCH, {"sort": "pay", "page": "2"}).status_code == 200


def test_a_job_carries_its_description_company_facts_and_apply_link(client, places):
    company = CompanyFactory(name="Apple")
    job = PublishedJobFactory(
        title="Computer Vision Engineer",
        company=company,
        places=[places.sunnyvale],
        description_html="<h2>Summary</h2><p>See <b>images</b>.</p><script>x()</script>",
    )
    body = client.get(job_url(job)).json()
    assert body["id"] == job.pk and body["title"] == "Computer Vision Engineer"
    assert body["url"] == body["canonical_url"] == f"{SITE}{job.get_absolute_url()}"
    assert (body["status"], body["is_open"]) == ("published", True)
    assert body["apply_url"] == f"{SITE}/job/{job.pk}/apply/"
    assert "<b>images</b>" in body["description_html"] and "<script" not in body["description_html"]
    assert body["description_html"] == job.description_html
    assert "See images." in body["description_text"]
    assert body["location"] == "Sunnyvale, CA"
    assert body["pay"]["display"] == "$120.00K - $150.00K/yr"
    assert body["company"] == {
        "name": "Apple",
        "slug": company.slug,
        "url": f"{SITE}/companies/{company.slug}/",
        "industry": "Technology",
        "size": "501-1,000 employees",
        "headquarters": "Cupertino, CA, US",
        "year_founded": 1976,
        "website": "https://www.company.example",
        "rating": None,
    }


@pytest.mark.parametrize("factory", [ClosedJobFactory, ExpiredJobFactory, PastExpiryJobFactory])
def test_closed_and_expired_jobs_stay_readable_but_not_open(client, factory):
    job = factory()
    body = client.get(job_url(job)).json()
    assert body["is_open"] is False
    assert body["apply_url"] is None


@pytest.mark.parametrize("factory", [DraftJobFactory, PendingJobFactory, RejectedJobFactory])
def test_jobs_never_made_public_are_404(client, factory):
    job = factory()
    response = client.get(job_url(job))
    assert response.status_code == 404
    assert response.json() == {"detail": f"No public job has the id {job.pk}.", "errors": []}


def test_a_duplicate_points_at_its_original(client):
    original = PublishedJobFactory(posted_at=timezone.now() - timedelta(days=5))
    copy = PublishedJobFactory(company=original.company, description_html=original.description_html)
    jobs_collapse_duplicates()
    body = client.get(job_url(copy)).json()
    assert body["canonical_url"] == f"{SITE}{original.get_absolute_url()}"


@pytest.mark.parametrize("job_id", ["0", "99999999999999999999", "abc", "-3"])
def test_impossible_job_ids_are_a_4xx_in_json(client, job_id):
    response = client.get(f"/api/v1/jobs/{job_id}")
    assert response.status_code in (400, 404)
    assert response.json()["detail"]


def test_an_unknown_job_id_is_404(client):
    assert client.get("/api/v1/jobs/123456789").status_code == 404


def test_a_job_runs_a_bounded_number_of_queries(client, places, django_assert_max_num_queries):
    job = PublishedJobFactory(places=[places.san_jose, places.austin])
    with django_assert_max_num_queries(4):
        assert client.get(job_url(job)).status_code == 200


def test_places_start_with_what_was_typed_biggest_first(client, places):
    body = client.get("/api/v1/places", {"q": "s"}).json()
    assert body == []
    body = client.get("/api/v1/places", {"q": "san"}).json()
    assert body == [
        {
            "name": "San Jose",
            "display_name": "San Jose, CA",
            "slug": places.san_jose.slug,
            "kind": "city",
        }
    ]
    names = [place["name"] for place in client.get("/api/v1/places", {"q": "Califrnia"}).json()]
    assert names == ["California"]
    assert len(client.get("/api/v1/places", {"q": "s", "limit": 1}).json()) == 0


def test_suggestion_limits_are_checked(client, places):
    response = client.get("/api/v1/places", {"q": "san", "limit": "50"})
    assert response.status_code == 400
    assert response.json()["errors"] == ["limit: Input should be less than or equal to 20"]
    assert client.get("/api/v1/titles", {"q": "nu", "limit": "0"}).status_code == 400


def test_titles_come_from_occupations_word_starts_first(client, django_assert_max_num_queries):
    for name in ("Registered Nurse", "Nurse Practitioner", "Nursery Teacher", "Truck Driver"):
        Occupation.objects.create(name=name)
    with django_assert_max_num_queries(1):
        body = client.get("/api/v1/titles", {"q": "nur"}).json()
    assert [title["name"] for title in body] == [
        "Nurse Practitioner",
        "Nursery Teacher",
        "Registered Nurse",
    ]
    assert body[0] == {
        "name": "Nurse Practitioner",
        "slug": "nurse-practitioner",
        "salary_url": f"{SITE}/salaries/nurse-practitioner/",
        "jobs_url": f"{SITE}/jobs/?q=Nurse+Practitioner",
    }
    assert [
        title["name"] for title in client.get("/api/v1/titles", {"q": "nur", "limit": 1}).json()
    ] == ["Nurse Practitioner"]
    assert client.get("/api/v1/titles", {"q": "n"}).json() == []


@pytest.mark.parametrize("endpoint", ["/api/v1/places", "/api/v1/titles"])
def test_suggestions_answer_hostile_input_with_json_never_a_500(client, places, endpoint):
    Occupation.objects.create(name="Registered Nurse")
    for typed in ("%%", "_%", "\\", "' OR 1=1 --", "<script>alert(1)</script>", "ñ" * 100):
        response = client.get(endpoint, {"q": typed})
        assert response.status_code == 200, typed
        assert response.json() == []
    too_long = client.get(endpoint, {"q": "a" * 101})
    assert too_long.status_code == 400
    assert too_long.json()["errors"] == ["q: String should have at most 100 characters"]
    for limit in ("abc", "-1", "21", "1e9"):
        assert client.get(endpoint, {"q": "san", "limit": limit}).status_code == 400
    nul = client.get(endpoint, {"q": "sa\x00n"})
    assert nul.status_code == 400
    assert nul["Content-Type"] == "application/json"


def test_suggestions_cost_one_query_and_a_typo_two(client, places, django_assert_num_queries):
    Occupation.objects.create(name="Registered Nurse", aliases=["RN"])
    with django_assert_num_queries(1):
        assert client.get("/api/v1/places", {"q": "sunny"}).json()[0]["name"] == "Sunnyvale"
    with django_assert_num_queries(2):
        assert client.get("/api/v1/places", {"q": "sunyvale"}).json()[0]["name"] == "Sunnyvale"
    with django_assert_num_queries(1):
        assert client.get("/api/v1/titles", {"q": "rn"}).json()[0]["name"] == "Registered Nurse"
    with django_assert_num_queries(2):
        assert client.get("/api/v1/titles", {"q": "registerd"}).json()[0]["slug"] == (
            "registered-nurse"
        )
