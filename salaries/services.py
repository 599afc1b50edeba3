"""Writes: mapping jobs to occupations, refreshing salary aggregates, exchange rates."""

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import DecimalField, F, Value
from django.db.models.functions import Round
from django.utils import timezone

from listings.models import Job
from salaries.aggregates import aggregates_insert, openings_insert
from salaries.models import (
    ExchangeRate,
    Occupation,
    OpeningCount,
    SalaryAggregate,
    UnmappedTitle,
)
from salaries.normaliser import occupation_for_title, titles_assign_sql
from salaries.selectors import AGGREGATES_VERSION_KEY


def job_assign_occupation(*, job: Job) -> Occupation | None:
    """Map one job's title to its occupation (or none) and store it; call after writing a job."""
    occupation = occupation_for_title(job.title)
    if job.occupation_id != (occupation.pk if occupation else None):
        Job.objects.filter(pk=job.pk).update(occupation=occupation)
    job.occupation = occupation
    return occupation


@transaction.atomic
def jobs_assign_occupations(*, job_ids: list[int] | None = None) -> int:
    """Map jobs' titles to occupations in one SQL pass; rows changed.

    Without ``job_ids`` every job is mapped and the unmapped-title list rebuilt; with them
    (an ingest batch, say) only those jobs, and the list waits for the next full pass.
    """
    sql, params = titles_assign_sql(job_ids=job_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        changed = cursor.rowcount
        if job_ids is None:
            UnmappedTitle.objects.all().delete()
            cursor.execute(
                """
                INSERT INTO salaries_unmappedtitle (title, job_count, updated_at)
                SELECT title, count(*), now() FROM listings_job
                WHERE occupation_id IS NULL GROUP BY title
                """
            )
    return changed


@transaction.atomic
def unmapped_title_map(*, unmapped: UnmappedTitle, occupation: Occupation) -> int:
    """Make an unmapped title an alias of ``occupation`` and map its jobs; jobs changed."""
    occupation = Occupation.objects.select_for_update().get(pk=occupation.pk)
    if unmapped.title not in occupation.aliases:
        occupation.aliases = [*occupation.aliases, unmapped.title]
        occupation.save(update_fields=["aliases"])
    changed = Job.objects.filter(title=unmapped.title).update(occupation=occupation)
    UnmappedTitle.objects.filter(pk=unmapped.pk).delete()
    return changed


@transaction.atomic
def salary_aggregates_refresh(*, occupation: Occupation | None = None) -> int:
    """Recompute today's aggregates and opening counts for every occupation (or one).

    Idempotent: a rerun the same day replaces, never duplicates. Earlier days stay as history.
    """
    today = timezone.localdate()
    occupation_id = occupation.pk if occupation else None
    for model in (SalaryAggregate, OpeningCount):
        stale = model.objects.filter(as_of=today)
        if occupation is not None:
            stale = stale.filter(occupation=occupation)
        stale.delete()
    openings_insert(as_of=today, occupation_id=occupation_id)
    written = aggregates_insert(as_of=today, occupation_id=occupation_id)
    transaction.on_commit(_aggregates_changed)
    return written


def _aggregates_changed() -> None:
    try:
        cache.incr(AGGREGATES_VERSION_KEY)
    except ValueError:
        cache.set(AGGREGATES_VERSION_KEY, 1, None)


@transaction.atomic
def exchange_rate_save(*, rate: ExchangeRate) -> int:
    """Save a rate and recompute the US-dollar pay of its currency's jobs; jobs updated."""
    rate.save()
    return exchange_rate_apply(currency=rate.currency)


@transaction.atomic
def exchange_rate_delete(*, rate: ExchangeRate) -> int:
    """Delete a rate; its currency's jobs lose their US-dollar pay (they sort after pay)."""
    rate.delete()
    return exchange_rate_apply(currency=rate.currency)


def exchange_rate_apply(*, currency: str) -> int:
    """Recompute ``usd_annual_pay_*`` of every job in ``currency`` in one UPDATE; rows changed.

    PostgreSQL's round() rounds halves away from zero, as ``salaries.pay.to_usd`` does for
    these positive figures, so the result equals what ``Job.save()`` would store.
    """
    rate = ExchangeRate.objects.usd_per_unit(currency)

    def in_usd(column: str):
        if rate is None:
            return None
        return Round(F(column) * Value(rate, output_field=DecimalField()), 2)

    return Job.objects.filter(pay_currency=currency).update(
        usd_annual_pay_min=in_usd("annual_pay_min"), usd_annual_pay_max=in_usd("annual_pay_max")
    )
