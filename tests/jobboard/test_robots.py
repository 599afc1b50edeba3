"""robots.txt: the sitemap, and what crawlers may and may not read, as Google reads the rules."""

import re

import pytest

pytestmark = pytest.mark.django_db


def rules(text: str) -> list[tuple[str, str]]:
    return [
        (field.lower(), value.strip())
        for field, value in re.findall(r"^(Allow|Disallow):(.*)$", text, flags=re.MULTILINE)
    ]


def allowed(text: str, url: str) -> bool:
    """Google's rule: the longest matching pattern wins (``*`` any characters, ``$`` the end);
    Allow wins a tie; no match allows."""
    best_length, verdict = -1, True
    for field, pattern in rules(text):
        regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\$", "$")
        if pattern and re.match(regex, url) and len(pattern) >= best_length:
            if len(pattern) > best_length or field == "allow":
                verdict = field == "allow"
            best_length = len(pattern)
    return verdict


def test_robots_names_the_absolute_sitemap(client, settings):
    settings.SITE_URL = "https://jobs.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert text.startswith("User-agent: *\n")
    assert "\nSitemap: https://jobs.example/sitemap.xml\n" in text


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/jobs/",
        "/jobs/registered-nurse/california/",
        "/jobs/?q=nurse&l=California",
        "/job/42/registered-nurse/",
        "/salaries/",
        "/salaries/registered-nurse/california/",
        "/companies/",
        "/companies/apple/",
        "/sitemap.xml",
        "/sitemap-jobs.xml?p=2",
    ],
)
def test_public_pages_are_crawlable(client, url):
    assert allowed(client.get("/robots.txt").content.decode(), url)


@pytest.mark.parametrize(
    "url",
    [
        "/jobs/?q=nurse&sort=date",
        "/jobs/?sort=pay",
        "/jobs/?q=nurse&salary_min=80000",
        "/jobs/?workplace_type=remote",
        "/jobs/registered-nurse/california/?employment_type=part_time",
        "/jobs/?q=nurse&posted_within=3",
        "/jobs/?q=nurse&page=7",
        "/jobs/registered-nurse/california/?page=2",
        "/jobs/feed/?q=nurse",
        "/jobs/feed/atom/",
        "/jobs/registered-nurse/california/feed/",
        "/recruiters/jobs/",
        "/admin/",
        "/accounts/login/",
        "/saved/",
        "/alerts/manage/abc/",
        "/api/v1/jobs/",
    ],
)
def test_permutations_feeds_and_private_areas_are_not(client, url):
    assert not allowed(client.get("/robots.txt").content.decode(), url)
