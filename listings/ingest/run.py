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
"""

import dataclasses
import gzip
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from companies.models import Company
from companies.services import company_find_or_create
from listings.bulk import ids_reserve, rows_copy
from listings.dedupe import jobs_collapse_duplicates
from listings.derived import DerivedLookups, derived_lookups, job_derived_fields
from listings.ingest.fetch import FetchError, fetch, read_capped
from listings.ingest.models import IngestedPosting, IngestRun, Source
from listings.ingest.parsers import address_url, parser_for
from listings.ingest.places import PlaceResolver
from listings.ingest.records import (
    PayloadError,
    RawItem,
    Record,
    RecordError,
    http_url,
    strip_tracking,
)
from listings.models import Job, Place
from listings.services import jobs_set_status
from salaries.normaliser import occupation_ids_for_titles
from salaries.pay import Pay, pay_problem

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
LOCK_CLASS = 7301  # the first key of pg_advisory_lock(int, int); the source id is the second
Progress = Callable[[int], None]


def source_address(source: Source) -> str:
    """What a run of ``source`` reads: its uploaded file, or the address to fetch."""
    if source.kind == Source.Kind.FILE and source.upload:
        return source.upload.name
    return address_url(source.kind, source.address)


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
    with _source_lock(source.pk) as locked:
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
                payload = _read(source, url)
            run.payload = gzip.compress(payload, compresslevel=1)
            run.payload_size = len(payload)
            parser = parser_for(source.kind)
            items = parser.items(payload, url=url)
            _Upsert(run=run, source=source, parser=parser, progress=progress).write_all(items)
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
    company = None
    if company_name:
        company = _CompanyCache().get(company_name)
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


def sources_due(*, now=None) -> list[Source]:
    """Enabled sources whose schedule says run now; their next run is booked at once."""
    now = now or timezone.now()
    due = []
    with transaction.atomic():
        sources = (
            Source.objects.select_for_update(skip_locked=True)
            .filter(enabled=True)
            .exclude(schedule=Source.Schedule.MANUAL)
            .exclude(kind=Source.Kind.DEMO)
            .exclude(next_run_at__gt=now)
        )
        for source in sources:
            source.next_run_at = now + SCHEDULE_INTERVALS[source.schedule]
            source.save(update_fields=["next_run_at"])
            due.append(source)
    return due


SCHEDULE_INTERVALS = {
    Source.Schedule.HOURLY: timedelta(hours=1),
    Source.Schedule.EVERY_6_HOURS: timedelta(hours=6),
    Source.Schedule.DAILY: timedelta(days=1),
    Source.Schedule.WEEKLY: timedelta(days=7),
}


def _read(source: Source, url: str) -> bytes:
    if source.kind == Source.Kind.FILE and source.upload:
        with source.upload.open("rb") as upload:
            return read_capped(upload, name=f"the uploaded file {source.upload.name}")
    if not url:
        raise FetchError("the source has no address (or, for a file source, no upload)")
    return fetch(url).body


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


@contextmanager
def _source_lock(source_id: int) -> Iterator[bool]:
    """A session-level advisory lock: it dies with the connection, so a killed run frees it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, source_id])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, source_id])


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


class _CompanyCache:
    """Companies by name ("Acme, Inc." is "Acme Inc"), found or created once per run."""

    def __init__(self) -> None:
        self._by_name: dict[str, Company] = {}

    def get(self, name: str) -> Company:
        key = name.strip().lower()
        if key not in self._by_name:
            self._by_name[key] = company_find_or_create(name=name)
        return self._by_name[key]


def _texts(value: Any) -> Iterator[str]:
    """Every string inside a record: its fields, locations, pay and extras."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for part in value:
            yield from _texts(part)
    elif isinstance(value, dict):
        for key, part in value.items():
            yield from _texts(key)
            yield from _texts(part)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))


def _is_storable(text: str) -> bool:
    """PostgreSQL text holds neither NUL nor a lone surrogate (it is not UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _check_storable(record: Record) -> Record:
    """``record`` itself, once every string in it is one PostgreSQL can store."""
    if not all(map(_is_storable, _texts(record))):
        raise RecordError("it holds a character that cannot be stored (NUL or a lone surrogate)")
    return record


def _storable(text: str) -> str:
    """``text`` without what PostgreSQL cannot store, for showing it in a rejection."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode()


@dataclass
class _Row:
    """One record turned into Job column values, ready for a bulk write."""

    item: RawItem
    record: Record
    fields: dict
    places: list[Place]
    location_text: str


class _Upsert:
    """Writes one run's records in batches and counts what happened."""

    def __init__(
        self, *, run: IngestRun, source: Source, parser: ModuleType, progress: Progress | None
    ):
        self.run, self.source, self.parser = run, source, parser
        self.progress = progress or (lambda count: None)
        self.companies = _CompanyCache()
        self.places = PlaceResolver()
        self.now = timezone.now()
        self.lifetime = timedelta(days=settings.JOB_DEFAULT_LIFETIME_DAYS)
        self.rejections: list[dict] = []
        self.pay_dropped: list[dict] = []
        self.lookups = derived_lookups()

    def write_all(self, items: list[RawItem]) -> None:
        run, source = self.run, self.source
        run.fetched = len(items)
        unique, seen = [], set()
        for item in items:
            if not item.external_id:
                self._reject(item, None, "no external id")
            elif item.external_id in seen:
                self._reject(item, None, "duplicate external id in this feed")
            else:
                seen.add(item.external_id)
                unique.append(item)
        # Reads the whole source twice, in two queries, instead of once per record.
        self.jobs = {
            external_id: (pk, status)
            for external_id, pk, status in Job.objects.filter(source=source).values_list(
                "external_id", "pk", "status"
            )
        }
        self.postings = {
            external_id: (pk, content_hash)
            for external_id, pk, content_hash in IngestedPosting.objects.filter(
                source=source
            ).values_list("external_id", "pk", "content_hash")
        }
        changed = [
            item
            for item in unique
            if item.external_id not in self.jobs
            or self.postings.get(item.external_id, (None, ""))[1] != item.digest
        ]
        run.unchanged = len(unique) - len(changed)
        self.progress(run.unchanged + len(items) - len(unique))
        for start in range(0, len(changed), BATCH_SIZE):
            batch = changed[start : start + BATCH_SIZE]
            self._write(self._rows(batch))
            self.progress(len(batch))
        run.rejections = self.rejections
        run.rejected = len(self.rejections)
        run.pay_dropped = self.pay_dropped
        self._expire_missing(seen)

    def _reject(self, item: RawItem, record: Record | None, reason: str) -> None:
        title = record.title if record else ""
        if not title and isinstance(item.data, dict):
            title = str(item.data.get("title") or item.data.get("text") or "")
        self.rejections.append(
            {
                "external_id": _storable(item.external_id),
                "title": _storable(title[:200]),
                "reason": _storable(reason),
            }
        )

    def _rows(self, items: list[RawItem]) -> list[_Row]:
        """A batch's records as Job rows; a record that cannot be read or used is rejected."""
        records = []
        for item in items:
            record = self._attempt(item, None, self.parser.record, item)
            if record is not None and self._attempt(item, record, _check_storable, record):
                records.append((item, record))
        if not records:
            return []
        # The batch's titles map to occupations in one query, so each row carries its own.
        titles = sorted({record.title[:200] for _, record in records})
        lookups = dataclasses.replace(
            self.lookups, occupation_ids=occupation_ids_for_titles(titles)
        )
        rows = (
            self._attempt(item, record, self._normalise, item, record, lookups)
            for item, record in records
        )
        return [row for row in rows if row is not None]

    def _attempt(self, item: RawItem, record: Record | None, step: Callable, *args: Any) -> Any:
        """``step(*args)``, or None once ``item`` is rejected for what it raised."""
        try:
            return step(*args)
        except RecordError as exc:
            self._reject(item, record, str(exc))
        except DatabaseError:
            raise  # our database failing is not the record's fault: the run fails
        except Exception as exc:
            # Whatever one record of outside data raises (a date out of range, recursion,
            # a decoding error, a shape unlike its feed's other records) rejects only it.
            self._reject(item, record, f"unreadable record ({type(exc).__name__}: {exc})")
        return None

    def _normalise(self, item: RawItem, record: Record, lookups: DerivedLookups) -> _Row:
        """Job columns for a record, its derived ones included."""
        apply_url = (record.apply_url or record.source_url).strip()
        if apply_url and not http_url(apply_url):
            raise RecordError(f"apply URL is not an http(s) address: {apply_url[:80]!r}")
        if not apply_url:
            raise RecordError("no apply address")
        if self.source.company_id:
            company = self.source.company
        elif record.company_name:
            company = self.companies.get(record.company_name)
        else:
            raise RecordError("the feed names no company and the source has none")
        pay = self._plausible_pay(item, record)
        workplace = record.workplace_type or Job.WorkplaceType.ON_SITE
        places = []
        for location in record.locations:
            place = self.places.resolve(location)
            if place is not None and place not in places:
                places.append(place)
        title = record.title[:200]
        posted_at = min(record.posted_at or self.now, self.now)
        expires_at = record.expires_at
        if expires_at is None and not self.source.feed_is_complete:
            expires_at = self.now + self.lifetime  # nothing else would ever take it down
        fields = {
            "title": title,
            "company_id": company.pk,
            "workplace_type": workplace,
            "employment_type": record.employment_type or Job.EmploymentType.FULL_TIME,
            "pay_min": pay.min if pay else None,
            "pay_max": pay.max if pay else None,
            "pay_currency": pay.currency if pay else "",
            "pay_period": pay.period if pay else "",
            "apply_url": strip_tracking(apply_url)[:1000],
            "posted_at": posted_at,
            "expires_at": expires_at,
            "status": (
                Job.Status.EXPIRED
                if expires_at is not None and expires_at <= self.now
                else Job.Status.PUBLISHED
            ),
            **job_derived_fields(
                title=title,
                company_id=company.pk,
                workplace_type=workplace,
                description_html=record.description_html,
                pay_min=pay.min if pay else None,
                pay_max=pay.max if pay else None,
                pay_currency=pay.currency if pay else "",
                pay_period=pay.period if pay else "",
                places=places,
                lookups=lookups,
            ),
        }
        location_text = record.extra.get("location_text") or "; ".join(map(str, record.locations))
        return _Row(item, record, fields, places, location_text[:500])

    def _plausible_pay(self, item: RawItem, record: Record) -> Pay | None:
        """The record's pay, or None when it looks like a typo ("$5000 per hour"): the
        posting still goes in, without pay, and the run lists it under pay_dropped."""
        if record.pay is None:
            return None
        problem = pay_problem(
            record.pay, usd_per_unit=self.lookups.usd_rates.get(record.pay.currency)
        )
        if problem is None:
            return record.pay
        self.pay_dropped.append(
            {"external_id": item.external_id, "title": record.title[:200], "reason": problem}
        )
        return None

    @transaction.atomic
    def _write(self, rows: list[_Row]) -> None:
        if not rows:
            return
        # A batch lost to a server crash in the moment after its commit is simply written
        # again by the next run (the posting's hash is lost with it), so the commit need not
        # wait for the WAL to reach the disk.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        self._adopt_fingerprints(rows)
        new = [row for row in rows if row.item.external_id not in self.jobs]
        old = [row for row in rows if row.item.external_id in self.jobs]
        fingerprints = {row.fields["fingerprint"] for row in rows}
        job_ids = {
            row.item.external_id: pk
            for row, pk in zip(new, ids_reserve(Job, len(new)), strict=True)
        }
        rows_copy(
            Job,
            (
                {
                    "id": job_ids[row.item.external_id],
                    "source_id": self.source.pk,
                    "external_id": row.item.external_id,
                    **row.fields,
                }
                for row in new
            ),
        )
        if old:
            jobs = Job.objects.in_bulk([self.jobs[row.item.external_id][0] for row in old])
            changed_fields = [*old[0].fields, "updated_at"]
            for row in old:
                job = jobs[self.jobs[row.item.external_id][0]]
                fingerprints.add(job.fingerprint)
                status = row.fields["status"]
                # An admin's decision (closed, rejected) stands; only our own expiry is undone.
                if job.status not in (Job.Status.PUBLISHED, Job.Status.EXPIRED):
                    status = job.status
                for name, value in row.fields.items():
                    setattr(job, name, value)
                job.status = status
                job.updated_at = self.now
                job_ids[row.item.external_id] = job.pk
            Job.objects.bulk_update(list(jobs.values()), changed_fields)
            Job.places.through.objects.filter(job_id__in=list(jobs)).delete()
        rows_copy(
            Job.places.through,
            (
                {"job_id": job_ids[row.item.external_id], "place_id": place.pk}
                for row in rows
                for place in row.places
            ),
        )
        self._save_postings(rows, job_ids)
        jobs_collapse_duplicates(fingerprints=fingerprints - {""})
        for row in rows:
            self.jobs[row.item.external_id] = (job_ids[row.item.external_id], row.fields["status"])
        self.run.created += len(new)
        self.run.updated += len(old)

    def _adopt_fingerprints(self, rows: list[_Row]) -> None:
        """A posting another source already has (same company, same apply address once
        tracking parameters are gone) takes that job's fingerprint, so the two collapse even
        when the career page words the description differently from the board."""
        urls = {row.fields["apply_url"] for row in rows}
        companies = {row.fields["company_id"] for row in rows}
        # By company first: its index narrows the rows; apply_url has none of its own.
        known = {
            (company_id, url): fingerprint
            for company_id, url, fingerprint in Job.objects.filter(
                company_id__in=companies, apply_url__in=urls
            )
            .exclude(source=self.source)
            .exclude(fingerprint="")
            .values_list("company_id", "apply_url", "fingerprint")
        }
        for row in rows:
            key = (row.fields["company_id"], row.fields["apply_url"])
            if key in known:
                row.fields["fingerprint"] = known[key]

    def _save_postings(self, rows: list[_Row], job_ids: dict[str, int]) -> None:
        existing = [row for row in rows if row.item.external_id in self.postings]
        IngestedPosting.objects.bulk_update(
            [
                IngestedPosting(
                    pk=self.postings[row.item.external_id][0],
                    job_id=job_ids[row.item.external_id],
                    content_hash=row.item.digest,
                    location_text=row.location_text,
                )
                for row in existing
            ],
            ["job", "content_hash", "location_text"],
        )
        rows_copy(
            IngestedPosting,
            (
                {
                    "source_id": self.source.pk,
                    "external_id": row.item.external_id,
                    "job_id": job_ids[row.item.external_id],
                    "content_hash": row.item.digest,
                    "location_text": row.location_text,
                }
                for row in rows
                if row.item.external_id not in self.postings
            ),
        )

    def _expire_missing(self, seen: set[str]) -> None:
        if not self.source.feed_is_complete:
            return
        missing = [
            pk
            for external_id, (pk, status) in self.jobs.items()
            if external_id not in seen and status == Job.Status.PUBLISHED
        ]
        if not missing:
            return
        baseline = (
            IngestRun.objects.filter(source=self.source, status=IngestRun.Status.SUCCEEDED)
            .exclude(expiry_held=True, expiry_confirmed_at__isnull=True)
            .exclude(pk=self.run.pk)
            .order_by("-started_at", "-id")
            .values_list("fetched", flat=True)
            .first()
        )
        if baseline and len(seen) < baseline * settings.INGEST_SHRINK_GUARD:
            self.run.expiry_held = True
            self.run.error = (
                f"The feed lists {len(seen):,} postings where the last good run saw "
                f"{baseline:,}; the {len(missing):,} it no longer lists stay up until an admin "
                "confirms the expiry."
            )
            return
        self.run.expired = _expire(missing)
