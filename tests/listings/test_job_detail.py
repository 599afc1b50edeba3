"""The job page: facts, sanitised description, similar jobs and JobPosting JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from listings.models import Job
from salaries.models import Occupation
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    RejectedJobFactory,
)
from tests.recruiters.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def jsonld_of(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_page_shows_the_facts_of_the_seed_page(client, places):
    job = PublishedJobFactory(
        title="Machine Learning Engineer - Computer Vision & Data Systems",
        company__name="Apple",
        places=[places.sunnyvale],
        pay_min="133600",
        pay_max="160500",
    )
    html = client.get(job.get_absolute_url()).content.decode()
    for expected in [
        "Machine Learning Engineer - Computer Vision &amp; Data Systems",
        "Apple",
        "Sunnyvale, CA",
        "On-site",
        "$133.60K - $160.50K/yr",
        "Full-time",
        "2 days ago",
        "Apply on company site",
        "Industry",
        "Technology",
        "Company size",
        "501-1,000 employees",
        "Headquarters",
        "Cupertino, CA, US",
        "Year founded",
        "1976",
    ]:
        assert expected in html


def test_hourly_pay_reads_per_hour(client):
    job = PublishedJobFactory(pay_min="25", pay_max="31.5", pay_period="hour")
    assert "$25.00 - $31.50/hr" in client.get(job.get_absolute_url()).content.decode()


def test_description_keeps_structure_and_drops_scripts(client):
    job = PublishedJobFactory(
        description_html=(
            "<h1>Job Summary</h1><p onclick='steal()'>Hello</p><script>alert(1)</script>"
            "<h3>Responsibilities</h3><ul><li>One</li></ul>"
            '<a href="javascript:alert(1)">bad</a><img src=x onerror=alert(1)>'
        )
    )
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<h2>Job Summary</h2>" in html
    assert "<h3>Responsibilities</h3><ul><li>One</li></ul>" in html
    for forbidden in ["<script>alert", "onclick", "javascript:", "onerror", "<img"]:
        assert forbidden not in html


def test_jsonld_has_googles_required_and_recommended_fields(client, places):
    job = PublishedJobFactory(
        places=[places.sunnyvale], pay_min="25", pay_max="30", pay_period="hour"
    )
    (posting,) = jsonld_of(client.get(job.get_absolute_url()))
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == job.title
    assert "<h2>Job Summary</h2>" in posting["description"]
    assert posting["datePosted"] == job.posted_at.date().isoformat()
    assert posting["validThrough"] == job.expires_at.isoformat()
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["hiringOrganization"]["name"] == job.company.name
    assert posting["jobLocation"] == [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Sunnyvale",
                "addressRegion": "CA",
                "addressCountry": "US",
            },
        }
    ]
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 25.0,
            "maxValue": 30.0,
            "unitText": "HOUR",
        },
    }


def test_remote_job_jsonld_is_telecommute(client, places):
    job = PublishedJobFactory(workplace_type="remote", places=[])
    (posting,) = jsonld_of(client.get(job.get_absolute_url()))
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert "applicantLocationRequirements" in posting
    assert "jobLocation" not in posting


def test_job_without_pay_has_no_base_salary(client):
    job = PublishedJobFactory(pay_min=None, pay_max=None, pay_period="")
    response = client.get(job.get_absolute_url())
    assert "Not stated by the employer" in response.content.decode()
    assert "baseSalary" not in jsonld_of(response)[0]


def test_jsonld_cannot_break_out_of_its_script(client):
    job = PublishedJobFactory(title="Engineer </script><script>alert(1)</script>")
    html = client.get(job.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert jsonld_of(client.get(job.get_absolute_url()))[0]["title"] == job.title


@pytest.mark.parametrize(
    ("factory", "notice"),
    [
        (ExpiredJobFactory, "It was expired"),
        (PastExpiryJobFactory, "It was expired"),
        (ClosedJobFactory, "closed by the employer"),
    ],
)
def test_closed_and_expired_jobs_stay_readable_without_jsonld(client, factory, notice):
    job = factory()
    response = client.get(job.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "This job is no longer accepting applications." in html
    assert notice in html
    assert jsonld_of(response) == []
    assert '<meta name="robots" content="noindex">' in html
    assert "Apply on company site" not in html


@pytest.mark.parametrize("factory", [DraftJobFactory, PendingJobFactory, RejectedJobFactory])
def test_unpublished_jobs_are_not_found(client, factory):
    assert client.get(factory().get_absolute_url()).status_code == 404


def test_wrong_slug_redirects_to_canonical_url(client):
    job = PublishedJobFactory(title="Forklift Operator")
    response = client.get(reverse("listings:job_detail", args=[job.pk, "old-title"]))
    assert response.status_code == 301
    assert response["Location"] == job.get_absolute_url()
    assert client.get(reverse("listings:job_detail", args=[999999, "x"])).status_code == 404


def test_similar_jobs_share_title_and_state_and_skip_closed(client, places):
    job = PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    same_state = PublishedJobFactory(title="Registered Nurse ICU", places=[places.sunnyvale])
    PublishedJobFactory(title="Registered Nurse", places=[places.austin])
    PublishedJobFactory(title="Truck Driver", places=[places.sunnyvale])
    ExpiredJobFactory(title="Registered Nurse", places=[places.sunnyvale])
    response = client.get(job.get_absolute_url())
    assert [other.pk for other in response.context["similar_jobs"]] == [same_state.pk]


def test_similar_jobs_are_the_same_occupation_when_the_title_maps(client, places):
    nurse = Occupation.objects.create(name="Registered Nurse")
    job = PublishedJobFactory(title="RN - Med/Surg", occupation=nurse, places=[places.san_jose])
    same_occupation = PublishedJobFactory(
        title="Staff Nurse", occupation=nurse, places=[places.sunnyvale]
    )
    PublishedJobFactory(title="RN - Med/Surg Scheduler", places=[places.sunnyvale])
    response = client.get(job.get_absolute_url())
    assert [other.pk for other in response.context["similar_jobs"]] == [same_occupation.pk]


def test_detail_query_count_is_bounded(client, places, django_assert_max_num_queries):
    job = PublishedJobFactory(title="Nurse", places=[places.san_jose, places.sunnyvale])
    PublishedJobFactory.create_batch(8, title="Nurse", places=[places.sunnyvale])
    # 7 reads, plus the one UPDATE that counts the view for the recruiter's dashboard.
    with django_assert_max_num_queries(8):
        assert client.get(job.get_absolute_url()).status_code == 200


def test_remote_job_without_a_place_says_remote_once(client):
    job = PublishedJobFactory(title="Support Engineer", workplace_type="remote")
    meta = re.search(
        r'<p class="job__meta">(.*?)</p>', client.get(job.get_absolute_url()).content.decode(), re.S
    )
    assert meta[1].count("Remote") == 1


def test_duplicate_page_points_canonical_at_the_original_without_jsonld(client, settings):
    original = PublishedJobFactory(title="Welder")
    copy = PublishedJobFactory(
        title="Welder", company=original.company, description_html=original.description_html
    )
    assert copy.duplicate_of_id == original.pk
    html = client.get(copy.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{original.get_absolute_url()}">' in html
    assert jsonld_of(client.get(copy.get_absolute_url())) == []
    # A canonical link and noindex together are contradictory signals; the canonical says it.
    assert 'content="noindex"' not in html


def test_open_job_page_is_its_own_canonical(client, settings):
    job = PublishedJobFactory(title="Welder")
    html = client.get(job.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{job.get_absolute_url()}">' in html


def view_and_click_counts(job) -> tuple[int, int]:
    job.refresh_from_db()
    return job.view_count, job.apply_click_count


def test_head_and_options_requests_count_no_views_or_clicks(client):
    job = PublishedJobFactory()
    assert client.head(job.get_absolute_url()).status_code == 200
    assert client.options(job.get_absolute_url()).status_code == 405
    assert client.head(reverse("listings:job_apply", args=[job.pk])).status_code == 302
    assert client.options(reverse("listings:job_apply", args=[job.pk])).status_code == 405
    assert view_and_click_counts(job) == (0, 0)
    client.get(job.get_absolute_url())
    client.get(reverse("listings:job_apply", args=[job.pk]))
    assert view_and_click_counts(job) == (1, 1)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
        {"X-Purpose": "preview"},
    ],
)
def test_link_prefetches_count_no_views_or_clicks(client, headers):
    job = PublishedJobFactory()
    assert client.get(job.get_absolute_url(), headers=headers).status_code == 200
    assert (
        client.get(reverse("listings:job_apply", args=[job.pk]), headers=headers).status_code == 302
    )
    assert view_and_click_counts(job) == (0, 0)


def test_the_owning_companys_recruiters_do_not_count_their_own_views(client):
    job = PublishedJobFactory()
    client.force_login(MembershipFactory(company=job.company).user)
    client.get(job.get_absolute_url())
    client.get(reverse("listings:job_apply", args=[job.pk]))
    assert view_and_click_counts(job) == (0, 0)
    client.force_login(MembershipFactory().user)
    client.get(job.get_absolute_url())
    assert view_and_click_counts(job) == (1, 0)


def test_the_database_refuses_pay_without_a_period():
    job = PublishedJobFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(pay_period="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(pay_period="qtr")


@pytest.mark.parametrize(
    "columns",
    [
        {"pay_max": None},  # a single figure written without its copy in pay_max
        {"pay_min": None},
        {"employment_type": "", "workplace_type": ""},
        {"employment_type": "seasonal", "pay_currency": ""},
        {"posted_at": None, "expires_at": None, "apply_url": "", "description_html": ""},
    ],
)
def test_the_page_never_fails_on_a_job_the_database_allows(client, columns):
    job = PublishedJobFactory()
    Job.objects.filter(pk=job.pk).update(**columns)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert jsonld_of(response)[0]["@type"] == "JobPosting"


def test_posted_fact_says_posted_once(client, places):
    job = PublishedJobFactory(
        places=[places.san_jose], posted_at=timezone.now() - timedelta(days=1)
    )
    html = client.get(job.get_absolute_url()).content.decode()
    fact = re.search(r"<dt>Posted</dt><dd>(.*?)</dd>", html).group(1)
    assert re.sub(r"<[^>]+>", "", fact) == "1 day ago"
    assert "Posted 1 day ago" not in html
