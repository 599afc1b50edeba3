"""Digests: only jobs new to the alert and matching it now, never twice, never empty."""

import math
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from listings.alerts.digests import (
    DIGEST_MAX_JOBS,
    alert_digests_run,
    alert_digests_send,
    alert_due_batches,
)
from listings.alerts.models import Alert, AlertDigest, AlertSentJob
from listings.dedupe import jobs_collapse_duplicates
from listings.models import Job
from listings.services import jobs_set_status
from tests.alerts.backends import CountingBackend
from tests.alerts.conftest import days_pass
from tests.factories import (
    ActiveAlertFactory,
    ClosedJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingAlertFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db
SITE = settings.SITE_URL


def nurse(**kwargs) -> Job:
    return PublishedJobFactory(title=kwargs.pop("title", "Registered Nurse"), **kwargs)


def listed_titles(message) -> list[str]:
    return re.findall(r"^(Registered Nurse.*)$", message.body, flags=re.MULTILINE)


def test_a_digest_lists_only_jobs_that_became_visible_after_the_alert_and_match_it(later):
    nurse(title="Registered Nurse Before")
    alert = ActiveAlertFactory()
    nurse(title="Registered Nurse After")
    PublishedJobFactory(title="Truck Driver")

    run = later()

    assert (run.sent, run.empty) == (1, 0)
    (message,) = mail.outbox
    assert message.to == [alert.email]
    assert listed_titles(message) == ["Registered Nurse After"]
    assert message.subject == "1 new job: Registered Nurse jobs"
    assert "Truck Driver" not in message.body


def test_no_job_is_mailed_twice_across_two_digests(later):
    alert = ActiveAlertFactory()
    nurse(title="Registered Nurse One")
    later()
    nurse(title="Registered Nurse Two")
    later()

    assert [listed_titles(message) for message in mail.outbox] == [
        ["Registered Nurse One"],
        ["Registered Nurse Two"],
    ]
    assert AlertSentJob.objects.filter(alert=alert).count() == 2
    assert list(alert.digests.values_list("listed", flat=True)) == [1, 1]


def test_a_renewed_job_is_new_by_date_but_not_mailed_again_to_an_alert_that_listed_it(later):
    ActiveAlertFactory()
    job = nurse(title="Registered Nurse Renewed")
    later()
    jobs_set_status(jobs=Job.objects.filter(pk=job.pk), status=Job.Status.EXPIRED)
    jobs_set_status(jobs=Job.objects.filter(pk=job.pk), status=Job.Status.PUBLISHED)
    job.refresh_from_db()
    assert job.published_at > AlertDigest.objects.get().sent_at

    later()

    assert len(mail.outbox) == 1


def test_the_watermark_overlap_finds_a_job_dated_just_before_the_last_run(later):
    """A job whose publishing transaction began before a run but committed after it."""
    alert = ActiveAlertFactory()
    assert later(days=3).empty == 1
    alert.refresh_from_db()
    late = nurse(title="Registered Nurse Late")
    Job.objects.filter(pk=late.pk).update(published_at=alert.watermark - timedelta(minutes=5))

    later()

    assert [listed_titles(message) for message in mail.outbox] == [["Registered Nurse Late"]]


def test_nothing_is_sent_for_an_unconfirmed_a_paused_or_an_unsubscribed_alert(later):
    PendingAlertFactory()
    ActiveAlertFactory(status=Alert.Status.PAUSED)
    ActiveAlertFactory(status=Alert.Status.UNSUBSCRIBED)
    nurse()

    run = later(days=8)

    assert run.alerts == 0
    assert mail.outbox == []


def test_an_empty_digest_is_not_sent_but_moves_the_watermark(later):
    alert = ActiveAlertFactory()
    PublishedJobFactory(title="Truck Driver")
    before = alert.watermark

    run = later()

    assert (run.sent, run.empty) == (0, 1)
    assert mail.outbox == []
    alert.refresh_from_db()
    assert alert.watermark > before and alert.last_sent_at is None
    assert not AlertDigest.objects.exists()


def test_expired_closed_past_expiry_and_duplicate_jobs_are_never_listed(later):
    ActiveAlertFactory()
    ExpiredJobFactory(title="Registered Nurse Expired")
    ClosedJobFactory(title="Registered Nurse Closed")
    PastExpiryJobFactory(title="Registered Nurse Past Expiry")
    original = nurse(title="Registered Nurse Original", description_html="<p>Same words.</p>")
    copy = nurse(title="Registered Nurse Original", description_html="<p>Same words.</p>")
    copy.company = original.company
    copy.save()
    Job.objects.filter(pk=copy.pk).update(fingerprint=original.fingerprint)
    jobs_collapse_duplicates(fingerprints={original.fingerprint})
    assert Job.objects.filter(duplicate_of__isnull=False).count() == 1
    job_published_then_closed = nurse(title="Registered Nurse Closed Since")
    jobs_set_status(jobs=Job.objects.filter(pk=job_published_then_closed.pk), status="closed")

    later()

    (message,) = mail.outbox
    assert listed_titles(message) == ["Registered Nurse Original"]


def test_filters_of_the_search_apply(places, later):
    ActiveAlertFactory(
        params={"q": "registered nurse", "l": "California", "workplace_type": ["remote"]}
    )
    nurse(title="Registered Nurse Remote CA", places=[places.san_jose], workplace_type="remote")
    nurse(title="Registered Nurse On-site CA", places=[places.san_jose])
    nurse(title="Registered Nurse Remote TX", places=[places.austin], workplace_type="remote")

    later()

    (message,) = mail.outbox
    assert listed_titles(message) == ["Registered Nurse Remote CA"]


def test_a_long_digest_lists_the_newest_and_links_to_the_rest(later):
    alert = ActiveAlertFactory()
    for n in range(DIGEST_MAX_JOBS + 3):
        nurse(title=f"Registered Nurse {n:02d}")

    later()

    (message,) = mail.outbox
    titles = listed_titles(message)
    assert len(titles) == DIGEST_MAX_JOBS
    assert titles[0] == f"Registered Nurse {DIGEST_MAX_JOBS + 2:02d}"
    assert f"And 3 more: {SITE}/jobs/?q=registered+nurse&sort=date" in message.body
    assert message.subject.startswith(f"{DIGEST_MAX_JOBS + 3} new jobs")
    assert alert.digests.get().matched == DIGEST_MAX_JOBS + 3
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "And 3 more" in html


def test_every_digest_has_one_click_unsubscribe_headers_and_links(later):
    alert = ActiveAlertFactory()
    nurse()

    later()

    (message,) = mail.outbox
    unsubscribe = re.search(SITE + r"/alerts/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}/alerts/manage/" in message.body
    assert alert.email in message.body


def test_daily_and_weekly_alerts_are_due_after_their_period():
    now = timezone.now()
    daily = ActiveAlertFactory(watermark=now - timedelta(hours=23, minutes=40))
    weekly = ActiveAlertFactory(
        frequency="weekly", watermark=now - timedelta(days=6, hours=23, minutes=40)
    )
    ActiveAlertFactory(watermark=now - timedelta(hours=20))
    ActiveAlertFactory(frequency="weekly", watermark=now - timedelta(days=5))

    (batch,) = alert_due_batches(now=now)

    assert sorted(batch) == sorted([daily.pk, weekly.pk])


def test_alerts_go_out_in_batches_each_over_one_connection(settings, later):
    settings.EMAIL_BACKEND = "tests.alerts.backends.CountingBackend"
    settings.ALERT_DIGEST_BATCH_SIZE = 4
    alerts = [ActiveAlertFactory() for _ in range(10)]
    nurse()
    CountingBackend.opened = 0

    run = later()

    assert run.batches == math.ceil(len(alerts) / 4) == 3
    assert run.sent == 10 and len(mail.outbox) == 10
    assert CountingBackend.opened == 3


def test_the_beat_task_queues_one_batch_task_per_batch(settings):
    from listings.alerts.tasks import send_due_alert_digests

    settings.ALERT_DIGEST_BATCH_SIZE = 3
    for _ in range(7):
        ActiveAlertFactory(confirmed_at=timezone.now() - timedelta(days=2))
    nurse()
    Job.objects.update(published_at=timezone.now() - timedelta(hours=1))

    days_pass(0)
    assert send_due_alert_digests.delay().get() == 3
    assert len(mail.outbox) == 7


def test_a_batch_run_again_sends_nothing_more(later):
    alert = ActiveAlertFactory(confirmed_at=timezone.now() - timedelta(days=2))
    nurse()
    Job.objects.update(published_at=timezone.now() - timedelta(hours=1))

    days_pass(0)
    assert alert_digests_send(alert_ids=[alert.pk]).sent == 1
    assert alert_digests_send(alert_ids=[alert.pk]).sent == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("alerts", [3, 30])
def test_alerts_of_one_search_share_one_query(alerts, django_assert_num_queries):
    for _ in range(alerts):
        ActiveAlertFactory()
    ActiveAlertFactory(params={"q": "truck driver"})
    nurse()
    days_pass(1)

    # The due alerts twice (batching, then locked), one query per distinct search, what they
    # sent before, the listed jobs with their companies and places, the writes: as many for 3
    # alerts as for 300.
    with django_assert_num_queries(13):  # and the savepoint around the batch
        run = alert_digests_run()
    assert run.sent == alerts


def test_searches_sharing_keywords_each_get_only_their_own_matches(places):
    california = ActiveAlertFactory(params={"q": "registered nurse", "l": "California"})
    texas = ActiveAlertFactory(params={"q": "registered nurse", "l": "Texas"})
    remote_only = ActiveAlertFactory(params={"q": "registered nurse", "workplace_type": ["remote"]})
    nurse(title="Registered Nurse San Jose", places=[places.san_jose])
    nurse(title="Registered Nurse Austin", places=[places.austin])
    nurse(title="Registered Nurse Remote", workplace_type="remote", places=[places.remote])
    PublishedJobFactory(title="Truck Driver", places=[places.austin])
    days_pass(1)

    alert_digests_run()

    listed = {message.to[0]: listed_titles(message) for message in mail.outbox}
    assert listed == {
        california.email: ["Registered Nurse San Jose"],
        texas.email: ["Registered Nurse Austin"],
        remote_only.email: ["Registered Nurse Remote"],
    }
