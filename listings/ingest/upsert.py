"""Writing a run's records into jobs: one idempotent upsert keyed on (source, external id).

A batch of records becomes Job columns (the derived ones from ``listings.derived``, with the
batch's titles mapped to occupations in one query) and is written in one transaction: new
jobs by COPY, changed ones by one bulk UPDATE, then their place links, the postings' hashes
(so an unchanged rerun skips them) and the duplicate collapse. Parsers never touch models;
this is the only code that writes what they read.
"""

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from companies.models import Company
from companies.services import company_find_or_create
from listings.bulk import ids_reserve, rows_copy
from listings.dedupe import jobs_collapse_duplicates
from listings.derived import DerivedLookups, job_derived_fields
from listings.ingest.models import IngestedPosting, Source
from listings.ingest.places import PlaceResolver
from listings.ingest.records import RawItem, Record, RecordError, http_url, strip_tracking
from listings.models import Job, Place
from listings.services import derived_lookups
from salaries.normaliser import occupation_ids_for_titles
from salaries.pay import Pay, pay_problem

# Told of each record that cannot go in: the item, its record when it was read, and why.
Reject = Callable[[RawItem, Record | None, str], None]


@dataclass
class _Row:
    """One record turned into Job column values, ready for a bulk write."""

    item: RawItem
    record: Record
    fields: dict
    places: list[Place]
    location_text: str


class JobUpsert:
    """Writes one source's records into its jobs, a batch at a time."""

    def __init__(self, *, source: Source, parser: ModuleType, reject: Reject):
        self.source, self.parser, self.reject = source, parser, reject
        self.companies = _CompanyCache()
        self.places = PlaceResolver()
        self.now = timezone.now()
        self.lifetime = timedelta(days=settings.JOB_DEFAULT_LIFETIME_DAYS)
        self.pay_dropped: list[dict] = []
        self.lookups = derived_lookups()
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

    def is_unchanged(self, item: RawItem) -> bool:
        """Whether ``item`` went in before exactly as it reads now, so it needs no write."""
        known = item.external_id in self.jobs
        return known and self.postings.get(item.external_id, (None, ""))[1] == item.digest

    def write(self, items: list[RawItem]) -> tuple[int, int]:
        """Write one batch in one transaction; how many jobs it created and updated."""
        return self._write(self._rows(items))

    def published_missing(self, seen: set[str]) -> list[int]:
        """Ids of the source's published jobs whose external ids are not in ``seen``."""
        return [
            pk
            for external_id, (pk, status) in self.jobs.items()
            if external_id not in seen and status == Job.Status.PUBLISHED
        ]

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
            self.reject(item, record, str(exc))
        except DatabaseError:
            raise  # our database failing is not the record's fault: the run fails
        except Exception as exc:
            # Whatever one record of outside data raises (a date out of range, recursion,
            # a decoding error, a shape unlike its feed's other records) rejects only it.
            self.reject(item, record, f"unreadable record ({type(exc).__name__}: {exc})")
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
        pay_fields = {
            "pay_min": pay.min if pay else None,
            "pay_max": pay.max if pay else None,
            "pay_currency": pay.currency if pay else "",
            "pay_period": pay.period if pay else "",
        }
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
            **pay_fields,
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
                **pay_fields,
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
    def _write(self, rows: list[_Row]) -> tuple[int, int]:
        if not rows:
            return 0, 0
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
        return len(new), len(old)

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
