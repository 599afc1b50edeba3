"""Runs end to end over real HTTP on loopback: recorded payloads, then every fault."""

import json
import time
from decimal import Decimal

import httpx
import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from listings.ingest import run as ingest_run
from listings.ingest.fetch import FetchError, refuse_private_address
from listings.ingest.models import IngestedPosting, IngestRun, Source
from listings.ingest.run import (
    ingest_run_confirm_expiry,
    ingest_run_replay,
    source_ingest,
    source_ingest_oneoff,
)
from listings.ingest.schedule import LOCK_CLASS
from listings.models import Job, Place
from listings.services import job_refresh_places
from tests.factories import CompanyFactory
from tests.ingest import support as ingest_support
from tests.ingest.support import recorded

pytestmark = pytest.mark.django_db
feed_server = ingest_support.feed_server
fast_fetch = ingest_support.fast_fetch
SEARCH = reverse("listings:search")


def greenhouse_source(url: str, **fields) -> Source:
    return Source.objects.create(name="Board", kind=Source.Kind.GREENHOUSE, address=url, **fields)


def board(count: int, *, start: int = 0, **overrides) -> dict:
    """A Greenhouse-shaped board of ``count`` postings, ids start+1..start+count."""
    jobs = []
    for number in range(start + 1, start + count + 1):
        job = {
            "id": number,
            "title": f"Welder {number}",
            "company_name": "Acme Metals",
            "location": {"name": "Austin, TX"},
            "absolute_url": f"https://acme.example/careers/job?gh_jid={number}",
            "first_published": "2026-07-01T09:00:00-04:00",
            "content": f"&lt;p&gt;Weld things, opening {number}.&lt;/p&gt;",
            "metadata": None,
        }
        job.update(overrides)
        jobs.append(job)
    return {"jobs": jobs, "meta": {"total": count}}


def published(source: Source) -> int:
    return Job.objects.filter(source=source, status=Job.Status.PUBLISHED).count()


def test_recorded_board_goes_into_search_with_pay_and_places(client, feed_server, places):
    url = feed_server.serve("/boards/smarterdx", recorded("gh_board_smarterdx_content_true.json"))
    source = greenhouse_source(url)
    run = source_ingest(source=source, trigger="test")
    assert run.status == IngestRun.Status.SUCCEEDED, run.error
    assert (run.fetched, run.created, run.updated, run.rejected) == (2, 2, 0, 0)
    assert run.finished_at >= run.started_at and run.payload_size > 10_000
    job = Job.objects.get(source=source, external_id="5099964007")
    assert job.status == Job.Status.PUBLISHED and job.company.name == "SmarterDx"
    assert (job.pay_min, job.pay_max, job.pay_period) == (
        Decimal("75000.00"),
        Decimal("105000.00"),
        "year",
    )
    assert job.annual_pay_max == Decimal("105000.00")
    assert job.workplace_type == Job.WorkplaceType.REMOTE
    assert {places.remote.pk, places.us.pk} <= set(job.place_ids)
    assert job.ingested.location_text == "Remote (United States)"
    response = client.get(SEARCH, {"q": "clinical coding", "l": "Remote"})
    assert [found.pk for found in response.context["results"].jobs] == [job.pk]
    assert "$75.00K - $105.00K/yr" in response.content.decode()


def test_unchanged_rerun_touches_nothing_and_a_changed_record_updates(feed_server, places):
    url = feed_server.serve("/b", board(3))
    source = greenhouse_source(url)
    source_ingest(source=source)
    before = {job.pk: job.updated_at for job in Job.objects.filter(source=source)}
    rerun = source_ingest(source=source)
    assert (rerun.created, rerun.updated, rerun.unchanged) == (0, 0, 3)
    assert {job.pk: job.updated_at for job in Job.objects.filter(source=source)} == before
    changed = board(3)
    changed["jobs"][1]["title"] = "Senior Welder"
    feed_server.serve("/b", changed)
    third = source_ingest(source=source)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Job.objects.get(source=source, external_id="2").title == "Senior Welder"
    assert Job.objects.filter(source=source).count() == 3


def test_a_run_takes_a_bounded_number_of_queries(
    feed_server, places, django_assert_max_num_queries
):
    url = feed_server.serve("/flatiron", recorded("gh_board_flatironhealth.json"))
    source = greenhouse_source(url)
    with django_assert_max_num_queries(44):
        run = source_ingest(source=source)
    assert run.created == 32


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ({"body": b"oops", "status": 500, "content_type": "text/plain"}, "answered 500"),
        ({"body": b"{}", "delay": 1.5}, "timed out"),
        ({"body": b'{"jobs": [{"id": 1, "title": '}, "not valid JSON"),
        ({"body": b"<!DOCTYPE html><p>Down</p>", "content_type": "text/html"}, "not valid JSON"),
        ({"body": json.dumps(board(5)).encode(), "truncate": True}, "failed"),
        ({"body": b'{"error": "Not found"}'}, 'has a "jobs" list'),
        ({"body": b"gone", "status": 404, "content_type": "text/plain"}, "answered 404"),
    ],
    ids=["500", "timeout", "malformed-json", "html-not-json", "truncated", "wrong-shape", "404"],
)
def test_a_failed_fetch_or_parse_fails_the_run_and_changes_nothing(
    feed_server, fast_fetch, places, route, message
):
    url = feed_server.serve("/b", board(4))
    source = greenhouse_source(url)
    assert source_ingest(source=source).created == 4
    feed_server.serve("/b", **route)
    run = source_ingest(source=source)
    assert run.status == IngestRun.Status.FAILED
    assert message in run.error
    assert published(source) == 4 and run.expired == 0
    assert run.created == run.updated == 0


def test_server_errors_are_retried_with_backoff(feed_server, fast_fetch):
    url = feed_server.serve("/b", b"busy", status=503, content_type="text/plain")
    run = source_ingest(source=greenhouse_source(url))
    assert run.status == IngestRun.Status.FAILED and "after 2 attempts" in run.error
    assert feed_server.hits["/b"] == 2


def test_only_http_and_https_are_fetched(places):
    source = Source.objects.create(name="x", kind=Source.Kind.RSS, address="file:///etc/passwd")
    run = source_ingest(source=source)
    assert run.status == IngestRun.Status.FAILED
    assert "only http and https" in run.error


def test_a_body_over_the_size_cap_fails(feed_server, settings):
    settings.INGEST_MAX_BYTES = 1000
    run = source_ingest(source=greenhouse_source(feed_server.serve("/b", board(40))))
    assert run.status == IngestRun.Status.FAILED and "cap" in run.error
    assert not Job.objects.exists()


def test_a_feed_that_drips_a_byte_at_a_time_fails_at_the_overall_deadline(
    feed_server, fast_fetch, places
):
    fast_fetch.INGEST_FETCH_DEADLINE_SECONDS = 1.5  # each byte comes well within the 0.5 s
    url = feed_server.serve("/b", board(2), drip=0.1)  # read timeout; the body needs ~70 s
    started = time.monotonic()
    run = source_ingest(source=greenhouse_source(url))
    assert time.monotonic() - started < 4
    assert run.status == IngestRun.Status.FAILED
    assert "1.5 s deadline" in run.error
    assert feed_server.hits["/b"] == 1  # the deadline covers retries too
    assert not Job.objects.exists()


def test_a_feed_that_drips_its_headers_fails_at_the_overall_deadline(
    feed_server, fast_fetch, places
):
    fast_fetch.INGEST_FETCH_DEADLINE_SECONDS = 1.5  # each byte within the 0.5 s read timeout;
    url = feed_server.serve("/b", board(2), drip_headers=0.1)  # the headers need ~7 s
    started = time.monotonic()
    run = source_ingest(source=greenhouse_source(url))
    assert time.monotonic() - started < 4
    assert run.status == IngestRun.Status.FAILED
    assert "1.5 s deadline" in run.error
    assert feed_server.hits["/b"] == 1


def test_a_feed_that_shrinks_by_80_percent_waits_for_an_admin(feed_server, places):
    url = feed_server.serve("/b", board(10))
    source = greenhouse_source(url)
    source_ingest(source=source)
    feed_server.serve("/b", board(2))
    shrunk = source_ingest(source=source)
    assert shrunk.status == IngestRun.Status.SUCCEEDED and shrunk.expiry_held
    assert shrunk.expired == 0 and published(source) == 10
    assert "until an admin confirms" in shrunk.error
    # The next run still compares against the last good run, so the hold stays.
    again = source_ingest(source=source)
    assert again.expiry_held and published(source) == 10
    assert ingest_run_confirm_expiry(run=again) == 8
    assert published(source) == 2
    with pytest.raises(ValueError, match="newer run"):
        ingest_run_confirm_expiry(run=shrunk)


def test_an_empty_feed_expires_nothing_on_its_own(feed_server, places):
    url = feed_server.serve("/b", board(3))
    source = greenhouse_source(url)
    source_ingest(source=source)
    feed_server.serve("/b", {"jobs": [], "meta": {"total": 0}})
    run = source_ingest(source=source)
    assert run.fetched == 0 and run.expiry_held and published(source) == 3


def test_a_complete_feed_expires_what_it_stops_listing_and_revives_what_returns(
    feed_server, places
):
    url = feed_server.serve("/b", board(5))
    source = greenhouse_source(url)
    source_ingest(source=source)
    feed_server.serve("/b", board(4))
    run = source_ingest(source=source)
    assert (run.expired, run.expiry_held) == (1, False)
    assert Job.objects.get(source=source, external_id="5").status == Job.Status.EXPIRED
    feed_server.serve("/b", board(5))
    back = source_ingest(source=source)
    assert back.updated == 1
    assert Job.objects.get(source=source, external_id="5").status == Job.Status.PUBLISHED


def test_an_incomplete_feed_never_expires_and_dates_its_jobs(feed_server, places):
    url = feed_server.serve("/b", board(5))
    source = greenhouse_source(url, feed_is_complete=False)
    source_ingest(source=source)
    feed_server.serve("/b", board(1))
    assert source_ingest(source=source).expired == 0
    assert published(source) == 5
    assert not Job.objects.filter(source=source, expires_at__isnull=True).exists()


def test_duplicate_ids_and_unsafe_records_are_rejected_alone(client, feed_server, places):
    payload = board(3)
    payload["jobs"].append(dict(payload["jobs"][0], title="Copy of welder 1"))
    payload["jobs"][1]["absolute_url"] = "javascript:alert(document.cookie)"
    payload["jobs"][2]["content"] = (
        "&lt;p onclick=&quot;steal()&quot;&gt;Good text&lt;/p&gt;"
        "&lt;script&gt;steal()&lt;/script&gt;"
    )
    source = greenhouse_source(feed_server.serve("/b", payload))
    run = source_ingest(source=source)
    assert (run.fetched, run.created, run.rejected) == (4, 2, 2)
    reasons = {(r["external_id"], r["reason"].split(":")[0]) for r in run.rejections}
    assert reasons == {
        ("1", "duplicate external id in this feed"),
        ("2", "apply URL is not an http(s) address"),
    }
    third = Job.objects.get(source=source, external_id="3")
    assert third.description_html == "<p>Good text</p>"
    assert "steal" not in client.get(third.get_absolute_url()).content.decode()


def test_a_run_killed_halfway_and_run_again_loses_nothing_and_duplicates_nothing(
    feed_server, places, monkeypatch
):
    monkeypatch.setattr(ingest_run, "BATCH_SIZE", 4)
    source = greenhouse_source(feed_server.serve("/b", board(10)))
    written = []

    def kill_after_first_batch(count):
        written.append(count)
        if len(written) == 2:  # the first call reports unchanged records, the second a batch
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        source_ingest(source=source, progress=kill_after_first_batch)
    assert Job.objects.filter(source=source).count() == 4
    killed = IngestRun.objects.get(source=source)
    assert killed.status == IngestRun.Status.RUNNING
    rerun = source_ingest(source=source)
    assert (rerun.created, rerun.unchanged) == (6, 4)
    assert Job.objects.filter(source=source).count() == 10
    assert IngestedPosting.objects.filter(source=source).count() == 10
    killed.refresh_from_db()
    assert killed.status == IngestRun.Status.FAILED and "interrupted" in killed.error


def test_two_runs_of_one_source_never_overlap(feed_server, places):
    source = greenhouse_source(feed_server.serve("/b", board(2)))
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, source.pk])
        run = source_ingest(source=source)
    assert run.status == IngestRun.Status.SKIPPED
    assert not Job.objects.filter(source=source).exists()
    assert source_ingest(source=source).created == 2


def test_the_same_job_on_a_board_and_a_career_page_is_one_result(client, feed_server, places):
    acme = CompanyFactory(name="Acme Metals")
    gh = board(1)
    gh["jobs"][0]["content"] = "&lt;p&gt;Join our welding crew in Austin.&lt;/p&gt;"
    board_source = greenhouse_source(feed_server.serve("/b", gh), company=acme)
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Welder 1",
        "description": "<p>About Acme: we make metal things.</p><p>Join our welding crew.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Acme Metals"},
        "url": "https://acme.example/careers/job?gh_jid=1&utm_source=linkedin&utm_medium=social",
        "jobLocation": {
            "@type": "Place",
            "address": {"addressLocality": "Austin", "addressRegion": "TX"},
        },
        "datePosted": "2026-07-02",
    }
    page = f'<html><script type="application/ld+json">{json.dumps(posting)}</script></html>'
    page_url = feed_server.serve("/careers/welder", page.encode(), content_type="text/html")
    page_source = Source.objects.create(name="Careers", kind=Source.Kind.JSONLD, address=page_url)
    assert source_ingest(source=board_source).created == 1
    assert source_ingest(source=page_source).created == 1
    board_job = Job.objects.get(source=board_source)
    page_job = Job.objects.get(source=page_source)
    assert page_job.apply_url == "https://acme.example/careers/job?gh_jid=1"
    assert page_job.duplicate_of_id == board_job.pk
    response = client.get(SEARCH, {"q": "welder", "l": "Austin, TX"})
    assert [job.pk for job in response.context["results"].jobs] == [board_job.pk]


def test_place_policy_for_feed_locations(feed_server, places):
    jobs = board(5)["jobs"]
    for job, location in zip(
        jobs,
        ["Austin, TX", "Palo Alto, CA", "Toronto, Ontario, Canada", "NY office", "Springfield, ZZ"],
        strict=True,
    ):
        job["location"] = {"name": location}
    source = greenhouse_source(feed_server.serve("/b", {"jobs": jobs}))
    source_ingest(source=source)
    placed = {
        job.external_id: [place.display_name for place in job.places.all()]
        for job in Job.objects.filter(source=source).prefetch_related("places__parent")
    }
    assert placed == {
        "1": ["Austin, TX"],
        "2": ["Palo Alto, CA"],  # created under a state we know
        "3": ["Toronto"],  # every stated level created: Canada > Ontario > Toronto
        "4": [],  # unplaced, but kept as written and still found by keywords
        "5": [],  # an unknown region is not guessed
    }
    toronto = Place.objects.get(name="Toronto")
    assert [p.name for p in Place.objects.filter(pk__in=toronto.lineage).order_by("kind")] == [
        "Toronto",
        "Canada",
        "Ontario",
    ]
    assert IngestedPosting.objects.get(external_id="4").location_text == "NY office"
    palo_alto = Job.objects.get(source=source, external_id="2")
    assert places.california.pk in palo_alto.place_ids


def test_bulk_writes_leave_the_same_derived_fields_as_save_and_services(feed_server, places):
    source = greenhouse_source(feed_server.serve("/b", recorded("gh_board_hootsuite.json")))
    source_ingest(source=source)
    for job in Job.objects.filter(source=source)[:6]:
        written = (job.description_html, job.annual_pay_min, job.place_ids, job.fingerprint)
        job.save()
        job_refresh_places(job=job)
        job.refresh_from_db()
        assert (job.description_html, job.annual_pay_min, job.place_ids, job.fingerprint) == written


def test_an_admins_decision_stands_when_the_record_changes(feed_server, places):
    source = greenhouse_source(feed_server.serve("/b", board(2)))
    source_ingest(source=source)
    Job.objects.filter(source=source, external_id="1").update(status=Job.Status.CLOSED)
    feed_server.serve("/b", board(2, title="Welder (updated)"))
    assert source_ingest(source=source).updated == 2
    assert Job.objects.get(source=source, external_id="1").status == Job.Status.CLOSED


def test_a_stored_payload_replays(feed_server, places):
    source = greenhouse_source(feed_server.serve("/b", board(3)))
    first = source_ingest(source=source)
    Job.objects.filter(source=source).delete()
    feed_server.routes.clear()  # the replay must not fetch
    replay = ingest_run_replay(run=first)
    assert replay.status == IngestRun.Status.SUCCEEDED and replay.created == 3
    assert replay.trigger == "replay"


def test_only_the_newest_payloads_are_kept(feed_server, places, settings):
    settings.INGEST_PAYLOADS_KEPT = 2
    source = greenhouse_source(feed_server.serve("/b", board(1)))
    runs = [source_ingest(source=source) for _ in range(4)]
    kept = IngestRun.objects.filter(source=source, payload__isnull=False)
    assert set(kept.values_list("pk", flat=True)) == {runs[-1].pk, runs[-2].pk}
    with pytest.raises(ValueError, match="no payload"):
        ingest_run_replay(run=IngestRun.objects.get(pk=runs[0].pk))


def test_a_source_without_an_address_fails_plainly(places):
    source = Source.objects.create(name="Empty", kind=Source.Kind.GREENHOUSE, address="")
    run = source_ingest(source=source)
    assert run.status == IngestRun.Status.FAILED and "has no address" in run.error


def test_ingested_titles_map_to_occupations(feed_server, places):
    from salaries.models import Occupation

    welder = Occupation.objects.create(name="Welder")
    source = greenhouse_source(feed_server.serve("/b", board(2)))
    source_ingest(source=source)
    assert set(Job.objects.filter(source=source).values_list("occupation", flat=True)) == {
        welder.pk
    }


def test_production_refuses_sources_on_private_addresses(feed_server, settings, places):
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = False
    url = feed_server.serve("/b", board(3))
    run = source_ingest(source=greenhouse_source(url))
    assert run.status == IngestRun.Status.FAILED
    assert "not a public address" in run.error
    assert feed_server.hits == {}
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("http://169.254.169.254/latest/meta-data/", True),  # cloud metadata
        ("http://10.0.0.8/feed", True),
        ("http://[::1]:6379/", True),
        ("https://8.8.8.8/feed", False),
    ],
)
def test_private_address_check(settings, address, refused):
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = False
    request = httpx.Request("GET", address)
    if refused:
        with pytest.raises(FetchError, match="not a public address"):
            refuse_private_address(request)
    else:
        refuse_private_address(request)


def test_implausible_feed_pay_is_dropped_and_the_run_says_so(client, feed_server, places):
    feed = board(2)
    feed["jobs"][0]["content"] = "&lt;p&gt;Salary: $5000 per hour&lt;/p&gt;"
    feed["jobs"][1]["content"] = "&lt;p&gt;Salary: $45 per hour&lt;/p&gt;"
    source = greenhouse_source(feed_server.serve("/b", feed))
    run = source_ingest(source=source)
    assert (run.status, run.created, run.rejected) == (IngestRun.Status.SUCCEEDED, 2, 0)
    typo, fine = Job.objects.filter(source=source).order_by("external_id")
    assert (typo.pay_min, typo.pay_period, typo.usd_annual_pay_max) == (None, "", None)
    assert fine.usd_annual_pay_max == Decimal("93600.00")
    assert [(note["external_id"], "looks wrong" in note["reason"]) for note in run.pay_dropped] == [
        ("1", True)
    ]
    by_pay = client.get(SEARCH, {"sort": "pay"}).context["results"].jobs
    assert [job.pk for job in by_pay] == [fine.pk, typo.pk]


def test_a_greenhouse_salary_range_without_a_period_gets_one_and_its_page_works(
    client, feed_server, places
):
    def salary_range(low: str, high: str) -> list[dict]:
        value = {"unit": "GBP", "min_value": low, "max_value": high}
        return [{"id": 1, "name": "Salary Range", "value": value, "value_type": "currency_range"}]

    feed = board(2)
    feed["jobs"][0]["metadata"] = salary_range("24000.0", "30000.0")
    feed["jobs"][1]["metadata"] = salary_range("24.0", "30.0")
    source = greenhouse_source(feed_server.serve("/b", feed))
    source_ingest(source=source)
    yearly, hourly = Job.objects.filter(source=source).order_by("external_id")
    assert (yearly.pay_currency, yearly.pay_period, hourly.pay_period) == ("GBP", "year", "hour")
    for job in (yearly, hourly):
        assert client.get(job.get_absolute_url()).status_code == 200


def test_feed_company_names_that_read_the_same_are_one_company(client, feed_server, places):
    acme = CompanyFactory(name="Acme, Inc.")
    names = ["Acme Inc", "ACME INC!!", "Ａｐｐｌｅ", "Apple", "株式会社テスト", "🚀🚀🚀"]
    payload = board(len(names))
    for job, name in zip(payload["jobs"], names, strict=True):
        job["company_name"] = name
    source = greenhouse_source(feed_server.serve("/b", payload))
    run = source_ingest(source=source)
    assert (run.created, run.rejected) == (6, 0), run.rejections
    jobs = Job.objects.filter(source=source).select_related("company").order_by("external_id")
    assert {job.company for job in jobs[:2]} == {acme}
    assert jobs[2].company == jobs[3].company and jobs[3].company.slug == "apple"
    for job in jobs:
        assert client.get(job.get_absolute_url()).status_code == 200


RSS_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
<item><guid>bad</guid><title>Acme: Welder</title><link>https://acme.example/1</link>
<pubDate>99999999999999999999</pubDate></item>
<item><guid>good</guid><title>Acme: Fitter</title><link>https://acme.example/2</link>
<pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_an_rss_item_with_an_impossible_date_is_rejected_and_the_others_go_in(feed_server, places):
    url = feed_server.serve("/feed", RSS_FEED.encode(), content_type="application/rss+xml")
    source = Source.objects.create(name="Feed", kind=Source.Kind.RSS, address=url)
    run = source_ingest(source=source)
    assert run.status == IngestRun.Status.SUCCEEDED, run.error
    assert (run.fetched, run.created, run.rejected) == (2, 1, 1)
    assert run.rejections[0]["external_id"] == "bad"
    assert "99999999999999999999" in run.rejections[0]["reason"]
    assert Job.objects.get(source=source).title == "Fitter"


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ({"first_published": 1e300}, "1e+300"),
        ({"title": "Welder\u0000"}, "cannot be stored"),
        ({"title": "Welder \ud800"}, "cannot be stored"),
        ({"company_name": "Acme\u0000"}, "cannot be stored"),
        ({"id": "2\u0000"}, "cannot be stored"),
    ],
    ids=["date-overflow", "nul-in-title", "lone-surrogate", "nul-in-company", "nul-in-id"],
)
def test_whatever_one_record_raises_rejects_only_that_record(feed_server, places, fault, reason):
    payload = board(3)
    payload["jobs"][1].update(fault)
    body = json.dumps(payload).encode()  # json.dumps escapes the surrogate, as a feed would
    source = greenhouse_source(feed_server.serve("/b", body))
    run = source_ingest(source=source)
    assert run.status == IngestRun.Status.SUCCEEDED, run.error
    assert (run.created, run.rejected) == (2, 1), run.rejections
    assert reason in run.rejections[0]["reason"]
    assert sorted(Job.objects.filter(source=source).values_list("external_id", flat=True)) == [
        "1",
        "3",
    ]


def test_a_json_ld_block_nested_too_deeply_does_not_hide_the_others(feed_server, places):
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Welder",
        "hiringOrganization": {"name": "Acme"},
        "url": "https://acme.example/jobs/1",
        "description": "<p>Weld.</p>",
    }
    page = (
        '<html><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
        '<script type="application/ld+json">' + json.dumps(posting) + "</script></html>"
    )
    url = feed_server.serve("/careers", page.encode(), content_type="text/html")
    source = Source.objects.create(name="Careers", kind=Source.Kind.JSONLD, address=url)
    run = source_ingest(source=source)
    assert (run.status, run.created) == (IngestRun.Status.SUCCEEDED, 1), run.error


def test_a_json_payload_nested_too_deeply_fails_the_run_plainly(feed_server, places):
    url = feed_server.serve("/b", b'{"jobs": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    run = source_ingest(source=greenhouse_source(url))
    assert run.status == IngestRun.Status.FAILED
    assert "nested too deeply" in run.error


def bakery_csv(count: int) -> bytes:
    rows = [
        f'{n},Baker {n},Crumbs,"Austin, TX",https://crumbs.example/jobs/{n}\n'
        for n in range(1, count + 1)
    ]
    return ("id,title,company,location,apply_url\n" + "".join(rows)).encode()


def test_an_upload_over_the_size_cap_fails_the_run_and_changes_nothing(places, settings):
    body = bakery_csv(3)
    source = Source.objects.create(
        name="Bakery",
        kind=Source.Kind.FILE,
        feed_is_complete=True,
        upload=ContentFile(body, "a.csv"),
    )
    try:
        assert source_ingest(source=source).created == 3
        source.upload.delete(save=False)
        source.upload.save("b.csv", ContentFile(bakery_csv(4)))
        settings.INGEST_MAX_BYTES = len(body) - 10  # the old cut fell inside row 3
        run = source_ingest(source=source)
    finally:
        source.upload.delete()
    assert run.status == IngestRun.Status.FAILED
    assert f"over the {settings.INGEST_MAX_BYTES:,} byte cap" in run.error
    assert published(source) == 3 and run.expired == 0
    assert Job.objects.get(source=source, external_id="3").title == "Baker 3"


def test_a_local_file_over_the_size_cap_fails_a_one_off_run(places, settings, tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_bytes(bakery_csv(3))
    settings.INGEST_MAX_BYTES = 50
    run = source_ingest_oneoff(kind=Source.Kind.FILE, address=str(path))
    assert run.status == IngestRun.Status.FAILED and "byte cap" in run.error
    assert not Job.objects.exists()


def test_two_non_latin_cities_of_one_country_stay_two_places(feed_server, places):
    jobs = board(2)["jobs"]
    jobs[0]["location"] = {"name": "東京, 東京都, Japan"}
    jobs[1]["location"] = {"name": "大阪, 大阪府, Japan"}
    source = greenhouse_source(feed_server.serve("/b", {"jobs": jobs}))
    assert source_ingest(source=source).created == 2
    placed = {
        job.external_id: [place.name for place in job.places.all()]
        for job in Job.objects.filter(source=source).prefetch_related("places")
    }
    assert placed == {"1": ["東京"], "2": ["大阪"]}
    assert all(Place.objects.filter(name__in=["東京", "大阪"]).values_list("slug", flat=True))
