"""Digests: each due alert gets one email of the jobs that became visible since its last
digest and match its search now, in batches that share one query per distinct search and one
SMTP connection.

A batch (``alert_digests_send``) locks its due alerts, then:

1. groups them by search (alerts of one search, and searches of the same keywords, are sorted
   into the same batch), and runs each distinct search once with ``search_matches``
   (published, unexpired, not a duplicate), restricted to the jobs that became visible since
   the oldest of its alerts' watermarks. Searches sharing keywords first share one
   keywords-only query over that window (``job_published_live``, the day's new jobs), whose
   few matching ids then bound each full search to a handful of primary-key probes: the
   window is read once per set of keywords rather than once per search;
2. gives each alert the matches newer than its own watermark that it never mailed
   (``AlertSentJob``: a renewed or republished job is new again by date, not to the alert);
3. loads the listed jobs of the whole batch in one query, sends every non-empty digest over one
   connection, and records what each sent; an empty digest only moves the watermark on.

The window reaches back ``OVERLAP`` before the last run: ``published_at`` is the time of the
transaction that published a job, so a job committed just after a run began but dated before
it is still found by the next run, and the sent record keeps it from being mailed twice.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.http import QueryDict
from django.utils import timezone

from listings.alerts import tokens
from listings.alerts.models import Alert, AlertDigest, AlertSentJob
from listings.alerts.selectors import alert_search_path, alerts_due
from listings.emails import email_message
from listings.links import site_url
from listings.models import Job
from listings.search import SearchInvalid, search_matches, search_request
from listings.templatetags.jobs import place_summary
from salaries.templatetags.pay import pay_range

logger = logging.getLogger(__name__)

DIGEST_MAX_JOBS = 20  # listed in one email; the rest are "and N more" on the search page
OVERLAP = timedelta(hours=1)


@dataclass
class DigestRun:
    """What a run did: alerts looked at, digests sent, empty ones skipped, sends that failed."""

    alerts: int = 0
    sent: int = 0
    empty: int = 0
    failed: int = 0
    batches: int = 0

    def __add__(self, other: "DigestRun") -> "DigestRun":
        return DigestRun(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def _candidates(*, now: datetime, every_active: bool):
    if every_active:
        return Alert.objects.filter(status=Alert.Status.ACTIVE)
    return alerts_due(now=now)


def alert_due_batches(
    *, now: datetime | None = None, size: int | None = None, every_active: bool = False
) -> list[list[int]]:
    """Ids of the due alerts in batches of ``ALERT_DIGEST_BATCH_SIZE``, alerts of one search,
    and searches of the same keywords, next to each other so a batch runs each search once."""
    now, size = now or timezone.now(), size or settings.ALERT_DIGEST_BATCH_SIZE
    ids = list(
        _candidates(now=now, every_active=every_active)
        .order_by(KT("params__q"), "search_key", "pk")
        .values_list("pk", flat=True)
    )
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def alert_digests_run(*, now: datetime | None = None, every_active: bool = False) -> DigestRun:
    """Every due digest, batch after batch in this process (the command; beat queues a task
    per batch instead). ``every_active`` ignores the schedules, to try digests by hand."""
    now = now or timezone.now()
    run = DigestRun()
    for batch in alert_due_batches(now=now, every_active=every_active):
        run += alert_digests_send(alert_ids=batch, now=now, every_active=every_active)
    return run


def _since(alert: Alert) -> datetime:
    """Jobs that became visible after this are new to the alert (never before it was on)."""
    return max(alert.watermark - OVERLAP, alert.confirmed_at or alert.watermark)


def _params(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def _search_new_jobs(
    params: dict, *, since: datetime, now: datetime, among: list[int] | None = None
) -> list[tuple[int, datetime]]:
    """(id, published_at) of the jobs the search finds that became visible in (since, now],
    newest first, only ``among`` these ids when given; none when the saved search no longer
    validates (a company merged away)."""
    if among is not None and not among:
        return []
    try:
        search = search_request(_params(params))
    except SearchInvalid as invalid:
        logger.warning("alert search %s no longer runs: %s", params, invalid)
        return []
    matches = search_matches(search).filter(published_at__gt=since, published_at__lte=now)
    if among is not None:
        # One array parameter, not one placeholder per id: the statement stays the same
        # size however many ids there are, so the driver need not parse a new one each time.
        matches = matches.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [among]))
    return list(matches.order_by("-published_at", "-pk").values_list("pk", "published_at"))


@dataclass
class _Digest:
    alert: Alert
    new_ids: list[int]

    @property
    def listed_ids(self) -> list[int]:
        return self.new_ids[:DIGEST_MAX_JOBS]


def alert_digests_send(
    *, alert_ids: list[int], now: datetime | None = None, every_active: bool = False
) -> DigestRun:
    """Build and send the digests of these alerts that are still due; safe to repeat (a digest
    that went out moved its alert's watermark, so the alert is no longer due)."""
    now = now or timezone.now()
    with transaction.atomic():
        alerts = list(
            _candidates(now=now, every_active=every_active)
            .filter(pk__in=alert_ids)
            .select_for_update(skip_locked=True)  # a second worker on this batch skips them
            .order_by("pk")
        )
        if not alerts:
            return DigestRun(batches=1)
        digests = _digests(alerts, now=now)
        jobs_by_id = _listed_jobs(digests)
        sent, failed = _send(digests, jobs_by_id)
        _record(sent, now=now)
        done = {alert.pk for alert in alerts} - {digest.alert.pk for digest in failed}
        Alert.objects.filter(pk__in=done).update(watermark=now)
        Alert.objects.filter(pk__in=[digest.alert.pk for digest in sent]).update(last_sent_at=now)
    return DigestRun(
        alerts=len(alerts),
        sent=len(sent),
        empty=len(alerts) - len(digests),
        failed=len(failed),
        batches=1,
    )


def _digests(alerts: list[Alert], *, now: datetime) -> list[_Digest]:
    """Each alert's new jobs, newest first; alerts with none are left out."""
    by_search: dict[str, list[Alert]] = defaultdict(list)
    for alert in alerts:
        by_search[alert.search_key].append(alert)
    by_keywords: dict[str, list[list[Alert]]] = defaultdict(list)
    for group in by_search.values():
        by_keywords[group[0].params.get("q", "")].append(group)
    found: dict[int, list[tuple[int, datetime]]] = {}
    for keywords, groups in by_keywords.items():
        among = None
        if keywords and len(groups) > 1:
            since = min(_since(alert) for group in groups for alert in group)
            among = [pk for pk, _ in _search_new_jobs({"q": keywords}, since=since, now=now)]
        for group in groups:
            matches = _search_new_jobs(
                group[0].params, since=min(map(_since, group)), now=now, among=among
            )
            for alert in group:
                since = _since(alert)
                found[alert.pk] = [(pk, at) for pk, at in matches if at > since]
    sent_before = set(
        AlertSentJob.objects.filter(
            alert_id__in=list(found), job_id__in={pk for rows in found.values() for pk, _ in rows}
        ).values_list("alert_id", "job_id")
    )
    digests = []
    for alert in alerts:
        new_ids = [pk for pk, _ in found[alert.pk] if (alert.pk, pk) not in sent_before]
        if new_ids:
            digests.append(_Digest(alert=alert, new_ids=new_ids))
    return digests


def _listed_jobs(digests: list[_Digest]) -> dict[int, Job]:
    """The jobs the batch's digests list, in one query, each with its link and its line of
    company, place and pay worked out once: a new job is listed in many digests of a batch."""
    jobs = Job.objects.filter(
        pk__in={pk for digest in digests for pk in digest.listed_ids}
    ).for_cards()
    for job in jobs:
        job.absolute_url = site_url(job.get_absolute_url())
        job.digest_line = " · ".join(
            part for part in (job.company.name, place_summary(job), pay_range(job)) if part
        )
    return {job.pk: job for job in jobs}


def _message(digest: _Digest, jobs_by_id: dict[int, Job]):
    alert = digest.alert
    jobs = [jobs_by_id[pk] for pk in digest.listed_ids if pk in jobs_by_id]
    search_link = site_url(alert_search_path(alert=alert))
    unsubscribe_link = tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email)
    return email_message(
        event="alert_digest",
        to=alert.email,
        context={
            "alert": alert,
            "jobs": jobs,
            "total": len(digest.new_ids),
            "more": len(digest.new_ids) - len(jobs),
            "search_link": search_link,
            "manage_link": tokens.manage_link(email=alert.email),
            "unsubscribe_link": unsubscribe_link,
        },
        headers=tokens.unsubscribe_headers(unsubscribe_link),
    )


def _send(digests: list[_Digest], jobs_by_id: dict[int, Job]) -> tuple[list, list]:
    """Send each digest over one connection; a digest the server refuses is tried next run."""
    sent, failed = [], []
    if not digests:
        return sent, failed
    with get_connection() as connection:
        for digest in digests:
            message = _message(digest, jobs_by_id)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("the digest of alert %s could not be sent", digest.alert.pk)
                failed.append(digest)
            else:
                sent.append(digest)
    return sent, failed


def _record(sent: list[_Digest], *, now: datetime) -> None:
    """A history row per digest and a row per job it listed, so no job is listed twice."""
    records = AlertDigest.objects.bulk_create(
        AlertDigest(
            alert=digest.alert,
            sent_at=now,
            listed=len(digest.listed_ids),
            matched=len(digest.new_ids),
        )
        for digest in sent
    )
    AlertSentJob.objects.bulk_create(
        AlertSentJob(alert_id=digest.alert.pk, job_id=pk, digest=record)
        for digest, record in zip(sent, records, strict=True)
        for pk in digest.listed_ids
    )
