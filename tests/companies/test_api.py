"""The company API: facts, rating summary and rank as the company page shows them."""

from decimal import Decimal

import pytest

from companies.aggregates import company_ratings_refresh
from companies.models import CompanySlugRedirect
from salaries.models import Occupation
from tests.companies.factories import ApprovedRatingFactory
from tests.factories import (
    ClosedJobFactory,
    CompanyFactory,
    IndustryFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db
SITE = "http://testserver.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def rated_apple(rank_minimum):
    """Apple, 6th of 7 rated technology companies on 8.0 from 3 employees (2 current)."""
    tech = IndustryFactory(name="Technology")
    apple = CompanyFactory(name="Apple", slug="apple", industry=tech)
    for score, status in [(9, "current"), (8, "current"), (7, "former")]:
        ApprovedRatingFactory(company=apple, overall=score, employment_status=status)
    for score in [10, 9.5, 9, 9, 8.5]:
        other = CompanyFactory(industry=tech)
        ApprovedRatingFactory(company=other, overall=int(score))
        ApprovedRatingFactory(company=other, overall=round(score + 0.49))
    low = CompanyFactory(industry=tech)
    ApprovedRatingFactory.create_batch(2, company=low, overall=3)
    company_ratings_refresh()
    return apple


def test_a_company_carries_its_facts_rating_rank_and_open_jobs(client, rated_apple):
    engineer = Occupation.objects.create(name="Machine Learning Engineer")
    for low in (100000, 120000, 140000):
        PublishedJobFactory(
            company=rated_apple,
            occupation=engineer,
            pay_min=Decimal(low),
            pay_max=Decimal(low + 20000),
        )
    ClosedJobFactory(company=rated_apple)
    body = client.get("/api/v1/companies/apple").json()
    assert body == {
        "name": "Apple",
        "slug": "apple",
        "url": f"{SITE}/companies/apple/",
        "industry": "Technology",
        "size": "501-1,000 employees",
        "headquarters": "Cupertino, CA, US",
        "year_founded": 1976,
        "website": "https://www.company.example",
        "description": "Makes things people use every day.",
        "rating": {
            "score": 8.0,
            "count": 3,
            "categories": [
                {"label": "Pay", "score": 8.0, "phrase": "Paid well"},
                {"label": "Benefits", "score": 8.0, "phrase": "Strong benefits"},
                {"label": "Hours and flexibility", "score": 8.0, "phrase": "Flexible hours"},
                {"label": "Workplace", "score": 8.0, "phrase": "Great place to work"},
            ],
            "current_percent": 67,
            "former_percent": 33,
            "roles": [{"role": "frontline", "percent": 100}],
            "rank": 6,
            "rank_total": 7,
            "rank_text": "6th of 7 rated technology companies",
        },
        "open_jobs": {
            "count": 3,
            "url": f"{SITE}/api/v1/jobs?company=apple",
            "pay_by_occupation": [
                {
                    "occupation": "Machine Learning Engineer",
                    "slug": engineer.slug,
                    "count": 3,
                    "p25": 120000.0,
                    "median": 130000.0,
                    "p75": 140000.0,
                }
            ],
        },
    }


def test_the_open_jobs_url_lists_the_same_jobs_as_the_count(client, rated_apple):
    PublishedJobFactory.create_batch(2, company=rated_apple)
    body = client.get("/api/v1/companies/apple").json()
    jobs = client.get(body["open_jobs"]["url"].removeprefix(SITE)).json()
    assert jobs["total"] == body["open_jobs"]["count"] == 2


def test_an_unrated_or_unranked_company_says_so(client, rank_minimum):
    CompanyFactory(slug="quiet")
    assert client.get("/api/v1/companies/quiet").json()["rating"] is None
    once = CompanyFactory(slug="once", industry=IndustryFactory(name="Retail"))
    ApprovedRatingFactory(company=once, overall=6)
    company_ratings_refresh()
    rating = client.get("/api/v1/companies/once").json()["rating"]
    assert (rating["rank"], rating["rank_total"]) == (None, None)
    assert rating["rank_text"] == (
        "Not ranked yet: a company needs 2 ratings to be ranked among retail companies."
    )


def test_an_old_slug_redirects_and_an_unknown_one_is_a_json_404(client):
    company = CompanyFactory(slug="apple")
    CompanySlugRedirect.objects.create(old_slug="apple-inc", company=company)
    response = client.get("/api/v1/companies/apple-inc")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/companies/apple")
    response = client.get("/api/v1/companies/no-such-company")
    assert response.status_code == 404
    assert response.json() == {"detail": "No company has this slug.", "errors": []}


def test_a_company_runs_a_bounded_number_of_queries(
    client, rated_apple, django_assert_max_num_queries
):
    PublishedJobFactory.create_batch(3, company=rated_apple)
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/companies/apple").status_code == 200
