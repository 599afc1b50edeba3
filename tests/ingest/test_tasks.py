"""Celery tasks in-process: schedules, the daily expiry, and `manage.py ingest`."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from listings.ingest.models import IngestRun, Source
from listings.ingest.tasks import ingest_due_sources, ingest_source
from listings.models import Job
from listings.tasks import expire_past_due_jobs
from tests.factories import PastExpiryJobFactory, PublishedJobFactory
from tests.ingest import support as ingest_support
from tests.ingest.support import DATA

pytestmark = pytest.mark.django_db
feed_server = ingest_support.feed_server
fast_fetch = ingest_support.fast_fetch


def board(*ids: int) -> dict:
    return {
        "jobs": [
            {
                "id": n,
                "title": f"Driver {n}",
                "company_name": "Haulers",
                "absolute_url": f"https://haul.example/{n}",
            }
            for n in ids
        ]
    }


def test_due_sources_run_on_their_schedules(feed_server, places):
    url = feed_server.serve("/b", board(1, 2))
    now = timezone.now()
    due = Source.objects.create(name="Due", kind="greenhouse", address=url)
    Source.objects.create(
        name="Later", kind="greenhouse", address=url, next_run_at=now + timedelta(hours=1)
    )
    Source.objects.create(name="Manual", kind="greenhouse", address=url, schedule="manual")
    Source.objects.create(name="Off", kind="greenhouse", address=url, enabled=False)
    assert ingest_due_sources() == 1
    assert list(IngestRun.objects.values_list("source__name", "status")) == [("Due", "succeeded")]
    due.refresh_from_db()
    assert timedelta(hours=23) < due.next_run_at - now < timedelta(hours=25)
    assert ingest_due_sources() == 0  # booked for tomorrow


def test_one_source_failing_never_stops_the_others(feed_server, fast_fetch, places):
    good = feed_server.serve("/good", board(1))
    bad = feed_server.serve("/bad", b"down", status=500, content_type="text/plain")
    Source.objects.create(name="Bad", kind="greenhouse", address=bad)
    Source.objects.create(name="Good", kind="greenhouse", address=good)
    assert ingest_due_sources() == 2
    outcomes = dict(IngestRun.objects.values_list("source__name", "status"))
    assert outcomes == {"Bad": "failed", "Good": "succeeded"}
    assert Job.objects.filter(title="Driver 1").exists()


def test_the_task_records_a_run_and_ignores_deleted_sources(feed_server, places):
    source = Source.objects.create(
        name="S", kind="greenhouse", address=feed_server.serve("/b", board(3))
    )
    run_id = ingest_source.delay(source.pk, "admin").get()
    assert IngestRun.objects.get(pk=run_id).created == 1
    assert ingest_source.delay(source.pk + 1000).get() is None


def test_daily_expiry_takes_down_jobs_past_their_date():
    old = PastExpiryJobFactory()
    fresh = PublishedJobFactory()
    assert expire_past_due_jobs() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (Job.Status.EXPIRED, Job.Status.PUBLISHED)


def test_command_runs_sources_and_prints_counts_even_when_one_fails(
    feed_server, fast_fetch, places, capsys
):
    good = Source.objects.create(
        name="Good", kind="greenhouse", address=feed_server.serve("/g", board(1, 2))
    )
    bad = Source.objects.create(
        name="Bad", kind="greenhouse", address=feed_server.serve("/x", b"<html>")
    )
    with pytest.raises(CommandError, match="1 run\\(s\\) failed"):
        call_command("ingest", good.pk, bad.pk, "--no-progress")
    out = capsys.readouterr().out
    assert "of Good succeeded: fetched 2, created 2, updated 0, unchanged 0" in out
    assert "of Bad failed" in out and "not valid JSON" in out


def test_command_one_off_run_of_a_local_file_is_idempotent(places, capsys):
    path = str(DATA / "gh_board_hootsuite.json")
    call_command("ingest", "--kind", "greenhouse", "--url", path, "--company", "Hootsuite Inc")
    first = capsys.readouterr()
    assert "created 24" in first.out
    assert "postings" in first.err  # the progress bar
    call_command("ingest", "--kind", "greenhouse", "--url", path, "--no-progress")
    assert "created 0, updated 0, unchanged 24" in capsys.readouterr().out
    assert set(Job.objects.values_list("company__name", flat=True)) == {"Hootsuite Inc"}
    assert Source.objects.get().enabled is False


def test_command_one_off_run_over_http_and_replay(feed_server, places, capsys):
    url = feed_server.serve(
        "/wwr.rss",
        (DATA / "weworkremotely_remote-jobs_2026.xml").read_bytes(),
        content_type="application/rss+xml",
    )
    call_command("ingest", "--kind", "rss", "--url", url, "--no-progress")
    assert "created 4" in capsys.readouterr().out
    run = IngestRun.objects.get()
    Job.objects.all().delete()
    call_command("ingest", "--replay", run.pk, "--no-progress")
    assert "created 4" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Give source ids"),
        (["--kind", "rss"], "needs both --kind and --url"),
        (["999999"], "No source with id 999999"),
        (["--replay", "999999"], "No stored run 999999"),
        (["1", "--all"], "Give source ids"),
    ],
)
def test_command_refuses_unclear_requests(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("ingest", *args, "--no-progress")
