"""Company pages, the rating quiz over HTTP, the rating card and score everywhere it shows."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.aggregates import company_ratings_refresh
from companies.models import CompanySlugRedirect, Rating
from tests.companies.factories import ApprovedRatingFactory, PendingRatingFactory, UserFactory
from tests.factories import CompanyFactory, IndustryFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

QUIZ = {
    "overall": "8",
    "pay": "7",
    "benefits": "9",
    "hours": "6",
    "workplace": "8",
    "employment_status": "current",
    "role_type": "frontline",
    "comment": "",
    "nickname": "",
}


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


def test_company_page_shows_facts_rating_rank_and_categories(client, rated_apple):
    PublishedJobFactory(company=rated_apple, title="Machine Learning Engineer")
    html = client.get("/companies/apple/").content.decode()
    for expected in [
        "<h1>Apple</h1>",
        "Technology",
        "501-1,000 employees",
        "Cupertino, CA, US",
        "1976",
        "8.0 out of 10</strong>, based on 3 employees who rated it",
        "6th of 7 rated technology companies",
        "What Apple employees say",
        "Pay",
        "Benefits",
        "Hours and flexibility",
        "Workplace",
        "Paid well",
        "67% current employees, 33% former; 100% frontline",
        "Machine Learning Engineer",
        "Showing jobs 1-1 of 1",
    ]:
        assert expected in html, expected


def test_company_page_has_employer_aggregate_rating_jsonld(client, rated_apple):
    html = client.get("/companies/apple/").content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "EmployerAggregateRating"
    assert data["itemReviewed"]["name"] == "Apple"
    assert (data["ratingValue"], data["bestRating"], data["ratingCount"]) == ("8.0", "10", 3)


def test_unrated_company_says_so_and_has_no_jsonld(client):
    company = CompanyFactory()
    html = client.get(company.get_absolute_url()).content.decode()
    assert "No approved ratings yet" in html
    assert "application/ld+json" not in html


def test_company_page_pages_its_open_jobs_in_bounded_queries(
    client, rated_apple, django_assert_max_num_queries
):
    PublishedJobFactory.create_batch(23, company=rated_apple)
    PublishedJobFactory(company=CompanyFactory(), title="Elsewhere")
    with django_assert_max_num_queries(10):
        first = client.get("/companies/apple/").content.decode()
    with django_assert_max_num_queries(10):
        second = client.get("/companies/apple/?page=2").content.decode()
    assert "Showing jobs 1-20 of 23" in first and "Page 1 of 2" in first
    assert "Showing jobs 21-23 of 23" in second
    assert "Elsewhere" not in first + second


@pytest.mark.parametrize(
    ("page", "status"), [("0", 400), ("abc", 400), ("²", 400), ("٣", 400), ("9", 404)]
)
def test_bad_page_numbers_get_a_clear_4xx(client, page, status):
    company = CompanyFactory()
    response = client.get(company.get_absolute_url(), {"page": page})
    assert response.status_code == status
    assert "page" in response.content.decode().lower()


def test_old_slug_redirects_permanently_and_unknown_slug_is_404(client):
    company = CompanyFactory(slug="apple")
    CompanySlugRedirect.objects.create(old_slug="apple-inc", company=company)
    response = client.get("/companies/apple-inc/")
    assert (response.status_code, response["Location"]) == (301, "/companies/apple/")
    assert client.get("/companies/no-such-company/").status_code == 404


def test_pay_by_occupation_shows_only_with_enough_postings(client):
    from salaries.models import Occupation

    company = CompanyFactory()
    nurse = Occupation.objects.create(name="Registered Nurse")
    welder = Occupation.objects.create(name="Welder")
    for low in (80000, 90000, 100000):
        PublishedJobFactory(company=company, occupation=nurse, pay_min=low, pay_max=low + 20000)
    PublishedJobFactory(company=company, occupation=welder)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Registered Nurse" in html and "$100,000" in html  # the median midpoint
    assert "Welder" not in html


def test_a_script_in_a_comment_renders_inert(client):
    rating = ApprovedRatingFactory(comment="<script>alert('x')</script> nice & calm")
    company_ratings_refresh()
    html = client.get(rating.company.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; nice &amp; calm" in html


def test_pending_comments_are_not_shown(client):
    rating = PendingRatingFactory(comment="Not yet moderated")
    assert "Not yet moderated" not in client.get(rating.company.get_absolute_url()).content.decode()


def test_job_detail_shows_the_same_rating_card_in_bounded_queries(
    client, rated_apple, django_assert_max_num_queries
):
    job = PublishedJobFactory(company=rated_apple)
    with django_assert_max_num_queries(12):
        html = client.get(job.get_absolute_url()).content.decode()
    assert "8.0 out of 10</strong>, based on 3 employees who rated it" in html
    assert "6th of 7 rated technology companies" in html
    for category in ["Pay", "Benefits", "Hours and flexibility", "Workplace"]:
        assert f"<dt>{category}</dt>" in html
    assert 'href="/companies/apple/"' in html


def test_search_results_show_a_small_score_without_a_query_per_row(
    client, rated_apple, django_assert_max_num_queries
):
    PublishedJobFactory(company=rated_apple, title="Welder")
    client.get("/jobs/", {"q": "welder"})  # warm caches that are not per row
    with CaptureQueriesContext(connection) as one_row:
        client.get("/jobs/", {"q": "welder"})
    for _ in range(5):
        other = CompanyFactory()
        ApprovedRatingFactory(company=other)
        PublishedJobFactory(company=other, title="Welder")
    company_ratings_refresh()
    # No more than for one row (fewer can be: a full page leaves later tiers unread).
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        html = client.get("/jobs/", {"q": "welder"}).content.decode()
    assert html.count('class="score-chip"') == 6
    assert 'title="Rated 8.0 out of 10 by 3 employees"' in html


def test_rating_needs_an_account(client):
    company = CompanyFactory()
    response = client.get(reverse("companies:rate", args=[company.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_rating_through_the_form_waits_for_moderation(client):
    company = CompanyFactory()
    client.force_login(UserFactory())
    url = reverse("companies:rate", args=[company.slug])
    assert "Send my rating" in client.get(url).content.decode()
    response = client.post(url, QUIZ, follow=True)
    assert response.redirect_chain == [(company.get_absolute_url(), 302)]
    assert "counts once a moderator has approved it" in response.content.decode()
    assert Rating.objects.get().status == Rating.Status.PENDING
    assert "Update my rating" in client.get(url).content.decode()


def test_an_incomplete_quiz_is_a_400_with_messages(client):
    company = CompanyFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("companies:rate", args=[company.slug]), {**QUIZ, "pay": "12", "overall": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check the answers marked below" in html
    assert "This field is required." in html
    assert not Rating.objects.exists()


def test_the_honeypot_is_a_400_over_http(client):
    company = CompanyFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("companies:rate", args=[company.slug]), {**QUIZ, "nickname": "bot"}
    )
    assert response.status_code == 400
    assert "filled in automatically" in response.content.decode()
    assert not Rating.objects.exists()


def test_the_daily_limit_is_a_429_with_a_plain_message(client, settings):
    settings.RATING_DAILY_LIMIT_PER_ACCOUNT = 1
    client.force_login(UserFactory())
    client.post(reverse("companies:rate", args=[CompanyFactory().slug]), QUIZ)
    response = client.post(reverse("companies:rate", args=[CompanyFactory().slug]), QUIZ)
    assert response.status_code == 429
    assert "Please come back tomorrow" in response.content.decode()
    assert Rating.objects.count() == 1


def test_top_rated_lists_rank_companies_per_industry(client, rated_apple):
    overview = client.get(reverse("companies:top_rated")).content.decode()
    assert "Technology" in overview
    page = client.get(reverse("companies:top_rated_industry", args=["technology"]))
    html = page.content.decode()
    assert "Top rated technology companies" in html
    assert html.index("3.0") > html.index("Apple") > html.index("10.0")
    assert "6th" in html and "7th" in html
    assert client.get("/companies/top/nothing/").status_code == 404


def test_the_card_says_why_a_company_is_not_ranked(client, settings):
    settings.RATING_MIN_FOR_RANK = 2
    few = ApprovedRatingFactory(company=CompanyFactory(name="Few"))
    loner = CompanyFactory(name="Loner", industry=None)
    ApprovedRatingFactory.create_batch(2, company=loner)
    company_ratings_refresh()
    few_html = client.get(few.company.get_absolute_url()).content.decode()
    assert "needs 2 ratings to be ranked among technology companies" in few_html
    loner_html = client.get(loner.get_absolute_url()).content.decode()
    assert "ranked within their industry, and this one has none on file" in loner_html


def test_company_page_has_an_absolute_canonical_link_per_page_of_jobs(client, settings):
    settings.SITE_URL = "https://jobs.example.org"
    company = CompanyFactory(slug="acme")
    PublishedJobFactory.create_batch(21, company=company)
    first = client.get("/companies/acme/").content.decode()
    second = client.get("/companies/acme/?page=2").content.decode()
    assert '<link rel="canonical" href="https://jobs.example.org/companies/acme/">' in first
    assert '<link rel="canonical" href="https://jobs.example.org/companies/acme/?page=2">' in second
