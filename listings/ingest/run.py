"""Running a source: fetch, parse, upsert by (source, external id), expire, record the run.

Safety rules, in the order the code meets them:
- one run of a source at a time (a PostgreSQL advisory lock; a second run is recorded as
  skipped);
- nothing is written until the whole payload has been fetched and read: a fetch that fails,
  times out or is truncated, and a payload that does not parse, fail the run untouched;
- one bad record is rejected with its reason; the others go in;
- writes go in batches, each in its own transaction and keyed on (source, external id), so a
  run killed halfway and run again leaves no duplicates and loses nothing;
- only a complete feed expires postings it no longer lists, and not when it suddenly lists
  fewer than INGEST_SHRINK_GUARD of what the last good run saw: those wait for an admin.

This module is the run: its start and finish, its counts and rejections, expiry and replay.
Reading the payload is ``fetch``, writing records into jobs ``upsert``, and due sources with
the one-run-per-source lock ``schedule``.
"""

import gzip
import logging
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from companies.services import company_find_or_create
from listings.ingest.fetch import FetchError, read_capped, source_address, source_payload
from listings.ingest.models import IngestedPosting, IngestRun, Source
from listings.ingest.parsers import parser_for
from listings.ingest.records import PayloadError, RawItem, Record
from listings.ingest.schedule import source_lock
from listings.ingest.upsert import JobUpsert
from listings.models import Job
from listings.services import jobs_set_status

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
Progress = Callable[[int], None]


def source_ingest(
    *,
    source: Source,
    trigger: str = "",
    payload: bytes | None = None,
    progress: Progress | None = None,
) -> IngestRun:
    """Run ``source`` once (or over ``payload``, to replay a stored run) and record the run.

    Never raises for a bad feed: the returned run says failed and why.
    """
    url = source_address(source)
    run = IngestRun.objects.create(source=source, trigger=trigger, url=url[:1000])
    with source_lock(source.pk) as locked:
        if not locked:
            return _finish(run, IngestRun.Status.SKIPPED, "another run of this source is running")
        # Holding the lock proves any other "running" run of this source died halfway.
        IngestRun.objects.filter(source=source, status=IngestRun.Status.RUNNING).exclude(
            pk=run.pk
        ).update(
            status=IngestRun.Status.FAILED,
            finished_at=timezone.now(),
            error="interrupted before it finished",
        )
        try:
            if payload is None:
                payload = source_payload(source, url)
            run.payload = gzip.compress(payload, compresslevel=1)
            run.payload_size = len(payload)
            parser = parser_for(source.kind)
            items = parser.items(payload, url=url)
            _records_write(run, source, parser, items, progress or (lambda count: None))
        except (FetchError, PayloadError, OSError) as exc:
            return _finish(run, IngestRun.Status.FAILED, str(exc))
        except Exception as exc:  # a bug or a database error: record it, a rerun repairs
            logger.exception("ingest run %s of source %s failed", run.pk, source.pk)
            return _finish(run, IngestRun.Status.FAILED, f"{type(exc).__name__}: {exc}")
    _finish(run, IngestRun.Status.SUCCEEDED, run.error)
    _forget_old_payloads(source)
    return run


def source_ingest_oneoff(
    *,
    kind: str,
    address: str,
    company_name: str = "",
    progress: Progress | None = None,
) -> IngestRun:
    """Run an address or a local file once, without an admin setting up a source.

    The postings still need a home for their (source, external id) keys, so rerunning the
    same address updates instead of duplicating: a disabled, unscheduled source named after
    the address keeps them.
    """
    company = company_find_or_create(name=company_name) if company_name else None
    path = Path(address)
    is_file = "://" not in address and path.is_file()
    source, _ = Source.objects.get_or_create(
        kind=kind,
        address=str(path.resolve()) if is_file else address,
        enabled=False,
        defaults={
            "name": f"One-off: {address}"[:200],
            "schedule": Source.Schedule.MANUAL,
            "company": company,
        },
    )
    if company and source.company_id != company.pk:
        source.company = company
        source.save(update_fields=["company"])
    if not is_file:
        return source_ingest(source=source, trigger="command", progress=progress)
    try:
        with path.open("rb") as file:
            payload = read_capped(file, name=str(path))
    except FetchError as exc:
        run = IngestRun.objects.create(source=source, trigger="command", url=str(path)[:1000])
        return _finish(run, IngestRun.Status.FAILED, str(exc))
    return source_ingest(source=source, trigger="command", payload=payload, progress=progress)


def ingest_run_replay(*, run: IngestRun, progress: Progress | None = None) -> IngestRun:
    """Run a stored payload again through today's parser: a new run with its own counts."""
    if not run.payload:
        raise ValueError(f"run {run.pk} kept no payload to replay")
    payload = gzip.decompress(bytes(run.payload))
    return source_ingest(source=run.source, trigger="replay", payload=payload, progress=progress)


@transaction.atomic
def ingest_run_confirm_expiry(*, run: IngestRun) -> int:
    """An admin's go-ahead after a feed shrank: expire what that run's feed no longer listed.

    Only for the source's latest successful run, so an old confirmation cannot expire
    postings a newer run saw again. Returns how many postings were expired.
    """
    if not run.expiry_held or run.expiry_confirmed_at:
        raise ValueError("this run has no expiry waiting for confirmation")
    latest = (
        IngestRun.objects.filter(source=run.source_id, status=IngestRun.Status.SUCCEEDED)
        .order_by("-started_at", "-id")
        .first()
    )
    if latest is None or latest.pk != run.pk:
        raise ValueError("a newer run of this source exists; confirm that one instead")
    payload = gzip.decompress(bytes(run.payload))
    source = run.source
    seen = {item.external_id for item in parser_for(source.kind).items(payload, url=run.url)}
    missing = [
        job_id
        for external_id, job_id in Job.objects.filter(
            source=source, status=Job.Status.PUBLISHED
        ).values_list("external_id", "pk")
        if external_id not in seen
    ]
    expired = _expire(missing)
    IngestRun.objects.filter(pk=run.pk).update(
        expiry_confirmed_at=timezone.now(), expired=run.expired + expired
    )
    return expired


def _records_write(
    run: IngestRun, source: Source, parser: ModuleType, items: list[RawItem], progress: Progress
) -> None:
    """Write ``items`` in batches and count on ``run`` what became of each: unchanged,
    created, updated, rejected (with the reason) or, gone from a complete feed, expired."""
    rejections: list[dict] = []

    def reject(item: RawItem, record: Record | None, reason: str) -> None:
        rejections.append(_rejection(item, record, reason))

    run.fetched = len(items)
    unique, seen = [], set()
    for item in items:
        if not item.external_id:
            reject(item, None, "no external id")
        elif item.external_id in seen:
            reject(item, None, "duplicate external id in this feed")
        else:
            seen.add(item.external_id)
            unique.append(item)
    upsert = JobUpsert(source=source, parser=parser, reject=reject)
    changed = [item for item in unique if not upsert.is_unchanged(item)]
    run.unchanged = len(unique) - len(changed)
    progress(run.unchanged + len(items) - len(unique))
    for start in range(0, len(changed), BATCH_SIZE):
        batch = changed[start : start + BATCH_SIZE]
        created, updated = upsert.write(batch)
        run.created += created
        run.updated += updated
        progress(len(batch))
    run.rejections = rejections
    run.rejected = len(rejections)
    run.pay_dropped = upsert.pay_dropped
    if source.feed_is_complete:
        _expire_missing(run, upsert.published_missing(seen), listed=len(seen))


def _rejection(item: RawItem, record: Record | None, reason: str) -> dict:
    """How the run lists a rejected record: its external id, title and the reason."""
    title = record.title if record else ""
    if not title and isinstance(item.data, dict):
        title = str(item.data.get("title") or item.data.get("text") or "")
    return {
        "external_id": _storable(item.external_id),
        "title": _storable(title[:200]),
        "reason": _storable(reason),
    }


def _expire_missing(run: IngestRun, missing: list[int], *, listed: int) -> None:
    """Expire the ``missing`` jobs a complete feed of ``listed`` postings no longer lists,
    unless the feed shrank past INGEST_SHRINK_GUARD of the last good run: then they wait for
    an admin's confirmation."""
    if not missing:
        return
    baseline = (
        IngestRun.objects.filter(source=run.source_id, status=IngestRun.Status.SUCCEEDED)
        .exclude(expiry_held=True, expiry_confirmed_at__isnull=True)
        .exclude(pk=run.pk)
        .order_by("-started_at", "-id")
        .values_list("fetched", flat=True)
        .first()
    )
    if baseline and listed < baseline * settings.INGEST_SHRINK_GUARD:
        run.expiry_held = True
        run.error = (
            f"The feed lists {listed:,} postings where the last good run saw "
            f"{baseline:,}; the {len(missing):,} it no longer lists stay up until an admin "
            "confirms the expiry."
        )
        return
    run.expired = _expire(missing)


def _forget_old_payloads(source: Source) -> None:
    """Keep the raw payloads of the newest INGEST_PAYLOADS_KEPT runs of a source, drop older
    ones: an hourly source would otherwise store its whole feed 8,760 times a year."""
    kept = IngestRun.objects.filter(source=source).order_by("-started_at", "-id")
    kept_ids = list(kept.values_list("pk", flat=True)[: settings.INGEST_PAYLOADS_KEPT])
    IngestRun.objects.filter(source=source, payload__isnull=False).exclude(pk__in=kept_ids).update(
        payload=None
    )


def _finish(run: IngestRun, status: str, error: str = "") -> IngestRun:
    run.status = status
    run.error = error
    run.finished_at = timezone.now()
    run.save()
    return run


def _expire(job_ids: list[int]) -> int:
    """Expire jobs a feed stopped listing; a later reappearance rewrites and republishes them."""
    if not job_ids:
        return 0
    with transaction.atomic():
        count = jobs_set_status(
            jobs=Job.objects.filter(pk__in=job_ids, status=Job.Status.PUBLISHED),
            status=Job.Status.EXPIRED,
        )
        IngestedPosting.objects.filter(job_id__in=job_ids).update(content_hash="")
    return count


def _storable(text: str) -> str:
    """``text`` without what PostgreSQL cannot store, for showing it in a rejection."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode()
