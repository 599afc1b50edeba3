"""The sitemap index and its sections: the protocol's structure, what is listed, id paging."""

import xml.etree.ElementTree as ET
from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from jobboard.urls import SITEMAPS
from listings.models import Job
from listings.sitemaps import path_format
from salaries.models import Occupation
from salaries.services import salary_aggregates_refresh
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    duplicate_posting,
)

pytestmark = pytest.mark.django_db
SITE_URL = "https://jobs.example"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content: bytes) -> ET.Element:
    """Our own response, not outside input."""
    return ET.fromstring(content)  # noqa: S314


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def section_url(section: str, page: int = 1) -> str:
    url = reverse("sitemap_section", args=[section])
    return url if page == 1 else f"{url}?p={page}"


def index_locations(client) -> list[str]:
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert root.tag == NS + "sitemapindex"
    entries = root.findall(NS + "sitemap")
    assert all(len(entry) == 1 and entry[0].tag == NS + "loc" for entry in entries)
    return [entry.findtext(NS + "loc") for entry in entries]


def urlset(client, url: str) -> dict[str, str | None]:
    """{loc: lastmod} of one sitemap page, checking the protocol's structure on the way."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response.content)
    assert root.tag == NS + "urlset"
    locations = {}
    for url_element in root:
        assert url_element.tag == NS + "url"
        assert {child.tag for child in url_element} <= {NS + "loc", NS + "lastmod"}
        locations[url_element.findtext(NS + "loc")] = url_element.findtext(NS + "lastmod")
    return locations


def job_location(job: Job) -> str:
    return f"{SITE_URL}{job.get_absolute_url()}"


def test_index_lists_every_section_absolute_from_site_url(client):
    PublishedJobFactory()
    locations = index_locations(client)
    assert locations == [
        f"{SITE_URL}{section_url(section)}"
        for section in ("jobs", "landing", "salaries", "companies", "company-rankings")
    ]


def test_jobs_sitemap_lists_visible_jobs_with_their_update_day(client):
    jobs = [PublishedJobFactory(title=title) for title in ("Welder", "Señor Développeur / C++")]
    listed = urlset(client, section_url("jobs"))
    for job in jobs:
        job.refresh_from_db()
        assert listed[job_location(job)] == job.updated_at.astimezone(UTC).date().isoformat()
    assert len(listed) == 2


def test_hidden_jobs_are_in_no_sitemap(client):
    shown = PublishedJobFactory(title="Welder", posted_at=timezone.now() - timedelta(days=5))
    hidden = [
        ExpiredJobFactory(),
        PastExpiryJobFactory(),
        ClosedJobFactory(),
        DraftJobFactory(),
        PendingJobFactory(),
        duplicate_posting(shown),
    ]
    pages = [loc.removeprefix(SITE_URL) for loc in index_locations(client)]
    listed = {loc for page in pages for loc in urlset(client, page)}
    assert job_location(shown) in listed
    for job in hidden:
        assert not any(f"/job/{job.pk}/" in loc for loc in listed)


def test_jobs_pages_split_by_id_range_and_the_index_skips_empty_ranges(client, monkeypatch):
    monkeypatch.setattr(SITEMAPS["jobs"], "limit", 5)
    jobs = [PublishedJobFactory() for _ in range(20)]
    ids = [job.pk for job in jobs]
    # Hide every job of one whole range of ids: its page must leave the index.
    empty_page = ids[0] // 5 + 2
    Job.objects.filter(pk__gte=(empty_page - 1) * 5, pk__lt=empty_page * 5).update(
        status=Job.Status.EXPIRED
    )
    visible = set(Job.objects.searchable().values_list("pk", flat=True))

    pages = sorted({pk // 5 + 1 for pk in visible})
    assert empty_page not in pages
    job_index = [loc for loc in index_locations(client) if "sitemap-jobs" in loc]
    assert job_index == [f"{SITE_URL}{section_url('jobs', page)}" for page in pages]
    seen = set()
    for page in pages:
        listed = urlset(client, section_url("jobs", page))
        page_ids = {int(loc.split("/job/")[1].split("/")[0]) for loc in listed}
        assert page_ids == {pk for pk in visible if (page - 1) * 5 <= pk < page * 5}
        seen |= page_ids
    assert seen == visible
    # A range inside the table with nothing visible is an empty page, past the end a 404.
    assert urlset(client, section_url("jobs", empty_page)) == {}
    assert client.get(section_url("jobs", max(ids) // 5 + 2)).status_code == 404


@pytest.mark.parametrize("page", ["0", "abc", "²", "-1"])
def test_bad_sitemap_page_is_a_400(client, page):
    response = client.get(reverse("sitemap_section", args=["jobs"]), {"p": page})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_unknown_section_is_a_404(client):
    assert client.get(reverse("sitemap_section", args=["nothing"])).status_code == 404


def test_query_counts_stay_bounded(client, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(SITEMAPS["jobs"], "limit", 3)
    for _ in range(30):
        PublishedJobFactory()
    with django_assert_max_num_queries(12):
        index_locations(client)
    last_page = Job.objects.latest("pk").pk // 3 + 1
    with django_assert_max_num_queries(2):
        assert len(urlset(client, section_url("jobs", last_page))) >= 1
    for section in ("landing", "salaries", "companies", "company-rankings"):
        with django_assert_max_num_queries(5):
            urlset(client, section_url(section))


def test_path_format_gives_each_models_own_url():
    job = Job(pk=42, title="Señor Développeur / C++")
    assert SITEMAPS["jobs"].location((42, job.title, None)) == job.get_absolute_url()
    company = Company(slug="acme-2")
    assert SITEMAPS["companies"].location((1, "acme-2", None)) == company.get_absolute_url()
    assert path_format("listings:landing", title_slug="a-b", place_slug="c") == (
        "/jobs/{title_slug}/{place_slug}/"
    )


@pytest.fixture
def nurses(places):
    """Six registered nurse postings with pay in San Jose, one in Austin; aggregates fresh."""
    nurse = Occupation.objects.create(name="Registered Nurse")
    Occupation.objects.create(name="Welder")
    for index in range(6):
        PublishedJobFactory(
            title="Registered Nurse",
            occupation=nurse,
            pay_min=90000 + index,
            places=[places.san_jose],
        )
    PublishedJobFactory(title="Registered Nurse", occupation=nurse, places=[places.austin])
    salary_aggregates_refresh()


def test_landing_sitemap_lists_titles_in_places_with_open_jobs(client, places, nurses):
    listed = urlset(client, section_url("landing"))
    expected = {
        f"{SITE_URL}/jobs/registered-nurse/{place.slug}/"
        for place in (places.san_jose, places.california, places.austin, places.texas, places.us)
    }
    assert set(listed) == expected
    for location in listed:
        path = location.removeprefix(SITE_URL)
        assert client.get(path).status_code == 200


def test_landing_sitemap_reads_each_occupations_newest_day(client, places, nurses):
    Job.objects.filter(places=places.austin).update(status=Job.Status.CLOSED)
    salary_aggregates_refresh()  # today again: replaces today's counts
    listed = urlset(client, section_url("landing"))
    assert f"{SITE_URL}/jobs/registered-nurse/{places.austin.slug}/" not in listed
    assert f"{SITE_URL}/jobs/registered-nurse/{places.san_jose.slug}/" in listed


def test_salary_sitemap_lists_pages_whose_figures_are_shown(client, places, nurses):
    listed = urlset(client, section_url("salaries"))
    assert f"{SITE_URL}/salaries/" in listed
    today = timezone.localdate().isoformat()
    assert listed[f"{SITE_URL}/salaries/registered-nurse/"] == today
    assert listed[f"{SITE_URL}/salaries/registered-nurse/{places.san_jose.slug}/"] == today
    # One posting in Austin, none for welders: below the minimum sample, not listed.
    assert f"{SITE_URL}/salaries/registered-nurse/{places.austin.slug}/" not in listed
    assert not any("/welder/" in location for location in listed)


def test_company_sitemaps_list_every_company_and_ranking(client):
    job = PublishedJobFactory(company__industry__name="Healthcare")
    listed = urlset(client, section_url("companies"))
    assert set(listed) == {
        f"{SITE_URL}{company.get_absolute_url()}" for company in Company.objects.all()
    }
    assert f"{SITE_URL}{job.company.get_absolute_url()}" in listed
    rankings = urlset(client, section_url("company-rankings"))
    assert set(rankings) == {
        f"{SITE_URL}/companies/",
        f"{SITE_URL}{reverse('companies:top_rated_industry', args=[job.company.industry.slug])}",
    }
