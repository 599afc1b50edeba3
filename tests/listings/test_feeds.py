"""RSS and Atom feeds of searches and landing URLs, read element by element."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.feeds import FEED_ITEMS
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PublishedJobFactory,
    duplicate_posting,
)

pytestmark = pytest.mark.django_db
SITE_URL = "https://jobs.example"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
NURSE_IN_CA = {"q": "registered nurse", "l": "California"}


def parse_xml(content: bytes) -> ET.Element:
    """Our own response, not outside input."""
    return ET.fromstring(content)  # noqa: S314


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def rss_items(response) -> list[ET.Element]:
    return parse_xml(response.content).find("channel").findall("item")


def job_ids(links: list[str]) -> list[int]:
    return [int(re.search(r"/job/(\d+)/", link)[1]) for link in links]


def rss_ids(response) -> list[int]:
    return job_ids([item.findtext("link") for item in rss_items(response)])


@pytest.fixture
def nurse(places):
    return PublishedJobFactory(
        title="Registered Nurse",
        company__name="Good Samaritan Hospital",
        pay_min=120000,
        pay_max=150000,
        places=[places.san_jose],
    )


def test_rss_feed_is_rss_2_with_channel_and_item_fields(client, nurse):
    response = client.get(reverse("listings:search_feed"), NURSE_IN_CA)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse_xml(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Registered Nurse Jobs in California · Payline Jobs"
    assert channel.findtext("link") == f"{SITE_URL}/jobs/?q=registered+nurse&l=California"
    assert channel.findtext("description")
    assert channel.find(ATOM + "link").get("href").startswith(f"{SITE_URL}/jobs/feed/?")
    (item,) = channel.findall("item")
    assert item.findtext("title") == "Registered Nurse"
    link = f"{SITE_URL}{nurse.get_absolute_url()}"
    assert item.findtext("link") == link
    assert item.findtext("guid") == link
    # RFC 822 dates, as RSS 2.0 asks.
    assert re.fullmatch(
        r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}", item.findtext("pubDate")
    )
    assert parsedate_to_datetime(item.findtext("pubDate")) == nurse.posted_at.replace(microsecond=0)
    description = item.findtext("description")
    assert "$120.00K - $150.00K/yr" in description
    assert "Good Samaritan Hospital" in description
    assert "San Jose, CA" in description
    assert item.findtext(DC + "creator") == "Good Samaritan Hospital"
    assert [category.text for category in item.findall("category")] == ["Full-time", "On-site"]


def test_atom_feed_has_its_namespace_entry_ids_and_update_times(client, nurse):
    response = client.get(reverse("listings:search_feed_atom"), NURSE_IN_CA)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "title") == "Registered Nurse Jobs in California · Payline Jobs"
    assert feed.findtext(ATOM + "subtitle")
    (entry,) = feed.findall(ATOM + "entry")
    link = f"{SITE_URL}{nurse.get_absolute_url()}"
    assert entry.findtext(ATOM + "id") == link
    assert entry.find(ATOM + "link").get("href") == link
    assert entry.findtext(ATOM + "title") == "Registered Nurse"
    nurse.refresh_from_db()
    assert datetime.fromisoformat(entry.findtext(ATOM + "updated")) == nurse.updated_at
    assert datetime.fromisoformat(entry.findtext(ATOM + "published")) == nurse.posted_at
    assert entry.find(ATOM + "author").findtext(ATOM + "name") == "Good Samaritan Hospital"
    summary = entry.findtext(ATOM + "summary")
    assert "$120.00K - $150.00K/yr" in summary and "San Jose, CA" in summary


def test_landing_feed_is_titled_like_the_landing_page(client, nurse, places):
    for name in ("listings:landing_feed", "listings:landing_feed_atom"):
        response = client.get(reverse(name, args=["registered-nurse", places.california.slug]))
        assert response.status_code == 200
        assert b"Registered Nurse Jobs in California" in response.content
        assert nurse.get_absolute_url().encode() in response.content
    channel = parse_xml(
        client.get(
            reverse("listings:landing_feed", args=["registered-nurse", places.california.slug]),
            {"workplace_type": "on_site"},
        ).content
    ).find("channel")
    assert channel.findtext("link") == (
        f"{SITE_URL}/jobs/registered-nurse/{places.california.slug}/?workplace_type=on_site"
    )


def test_feed_lists_the_jobs_of_the_date_sorted_page_in_its_order(client, places):
    now = timezone.now()
    for index in range(25):
        PublishedJobFactory(
            title="Registered Nurse" if index % 3 else "Nurse Practitioner",
            posted_at=now - timedelta(hours=index * 7 % 25),
            places=[places.san_jose if index % 2 else places.austin],
        )
    for params in ({"q": "nurse"}, {"q": "registered nurse", "l": "CA"}, {"l": "Texas"}):
        page_ids, number, more = [], 1, True
        while more:
            page = client.get(
                reverse("listings:search"), {**params, "sort": "date", "page": number}
            )
            page_ids += [job.pk for job in page.context["results"].jobs]
            number, more = number + 1, page.context["results"].has_next
        assert page_ids
        assert rss_ids(client.get(reverse("listings:search_feed"), params)) == page_ids
        # The page's own sort and page number change nothing: a feed is always newest first.
        relevance = client.get(reverse("listings:search_feed"), {**params, "page": "2"})
        assert rss_ids(relevance) == page_ids


def test_feed_is_capped_newest_first(client):
    now = timezone.now()
    jobs = [PublishedJobFactory(posted_at=now - timedelta(minutes=index)) for index in range(55)]
    response = client.get(reverse("listings:search_feed"))
    assert rss_ids(response) == [job.pk for job in jobs[:FEED_ITEMS]]


def test_hidden_jobs_are_in_no_feed(client, places):
    shown = PublishedJobFactory(
        title="Nurse", places=[places.san_jose], posted_at=timezone.now() - timedelta(days=5)
    )
    hidden = [
        ExpiredJobFactory(title="Nurse", places=[places.san_jose]),
        PastExpiryJobFactory(title="Nurse", places=[places.san_jose]),
        ClosedJobFactory(title="Nurse", places=[places.san_jose]),
        DraftJobFactory(title="Nurse", places=[places.san_jose]),
        duplicate_posting(shown),
    ]
    feeds = [
        client.get(reverse("listings:search_feed"), {"q": "nurse"}),
        client.get(reverse("listings:search_feed_atom"), {"q": "nurse"}),
        client.get(reverse("listings:landing_feed", args=["nurse", places.california.slug])),
    ]
    for response in feeds:
        assert str(shown.get_absolute_url()).encode() in response.content
        for job in hidden:
            assert f"/job/{job.pk}/".encode() not in response.content


@pytest.mark.parametrize(
    "params, message",
    [
        ({"salary_min": "-5"}, "Minimum pay can't be negative"),
        ({"page": "abc"}, "not a page number"),
        ({"q": "x" * 5000}, ""),
        ({"l": "Atlantis"}, ""),
    ],
)
def test_bad_parameters_get_a_plain_400(client, places, params, message):
    for name in ("listings:search_feed", "listings:search_feed_atom"):
        response = client.get(reverse(name), params)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert message in response.content.decode()


def test_unknown_landing_place_is_a_404(client, places):
    response = client.get(reverse("listings:landing_feed", args=["nurse", "atlantis"]))
    assert response.status_code == 404


def test_feed_query_count_is_bounded(client, places, django_assert_max_num_queries):
    for _ in range(40):
        PublishedJobFactory(title="Nurse", places=[places.san_jose, places.austin])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("listings:search_feed"), {"q": "nurse", "l": "CA"})
    assert len(rss_items(response)) == 40
    with django_assert_max_num_queries(8):
        client.get(reverse("listings:landing_feed_atom", args=["nurse", places.texas.slug]))


def test_search_and_landing_pages_link_their_feeds(client, nurse, places):
    page = client.get(reverse("listings:search"), {"q": "nurse", "page": "1"}).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/jobs/feed/?q=nurse"' in page
    assert 'href="/jobs/feed/atom/?q=nurse"' in page
    assert "feed of this search" in page

    landing = client.get(reverse("listings:landing", args=["nurse", places.california.slug]))
    path = f"/jobs/nurse/{places.california.slug}/feed/"
    assert f'type="application/rss+xml" title="Nurse Jobs in California (RSS)" href="{path}"' in (
        landing.content.decode()
    )
    assert f'href="{path}atom/"' in landing.content.decode()


def test_pub_dates_are_in_utc_offsets_readers_understand(client, nurse):
    item = rss_items(client.get(reverse("listings:search_feed")))[0]
    assert parsedate_to_datetime(item.findtext("pubDate")).astimezone(
        UTC
    ) == nurse.posted_at.replace(microsecond=0)
