"""Demo ratings: the seed page's Apple card, a believable spread, and idempotent reloads."""

import re

import pytest
from django.core.management import call_command

from companies.models import Company, CompanyRatingSummary, Rating
from jobboard.demo.ratings import ratings_seed
from listings.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", jobs=0, seed=1, reset=True)


def card_facts(page: str) -> tuple[str, str, list[str]]:
    html = re.search(r'<section class="card rating-card".*?</section>', page, re.S).group(0)
    text = re.sub(r"<[^>]+>", "", html)
    based_on = re.search(r"\d+\.\d out of 10, based on [\d,]+ employees who rated it", text)
    rank = re.search(r"\d+(st|nd|rd|th) of \d+ rated technology companies", text)
    categories = re.findall(r"<dt>(Pay|Benefits|Hours and flexibility|Workplace)</dt>", html)
    return based_on.group(0), rank.group(0), categories


def test_job_page_and_company_page_show_the_same_apple_card(client, demo):
    job = Job.objects.get(company__name="Apple")
    job_page = card_facts(client.get(job.get_absolute_url()).content.decode())
    company_page = card_facts(client.get(job.company.get_absolute_url()).content.decode())
    assert job_page == company_page
    assert job_page[0] == "8.1 out of 10, based on 661 employees who rated it"
    assert job_page[2] == ["Pay", "Benefits", "Hours and flexibility", "Workplace"]


def test_demo_ratings_spread_like_real_ones(demo):
    summaries = CompanyRatingSummary.objects.all()
    scores = sorted(summaries.values_list("score", flat=True))
    assert summaries.count() > 300
    assert scores[len(scores) // 10] < 6 < 7.5 < scores[-len(scores) // 10]
    assert summaries.filter(rank__isnull=True).exists()  # small employers stay unranked
    assert summaries.filter(rank__isnull=False).values("company__industry").distinct().count() == 20
    assert Rating.objects.filter(employment_status="former").exists()


def test_reseeding_ratings_replaces_them(demo):
    before = Rating.objects.count()
    ratings_seed(seed=1)
    assert Rating.objects.count() == before
    apple = Company.objects.get(name="Apple")
    assert apple.rating_summary.count == 661
