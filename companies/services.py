"""Writes for companies and ratings: the quiz, moderation, aggregates and merges."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from companies.models import Company, CompanySlugRedirect, Rating, company_slug_base
from companies.selectors import company_named
from companies.tasks import refresh_company_ratings
from listings.dedupe import job_fingerprint, jobs_collapse_duplicates
from listings.models import Job

NAME_LOCK_CLASS = 7302  # pg_advisory_xact_lock(int, int): this class, a hash of the name


class RatingRefused(Exception):
    """A rating submission we will not take; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RatingSubmitted:
    rating: Rating
    edited: bool


RATING_FIELDS = [
    "overall",
    "pay",
    "benefits",
    "hours",
    "workplace",
    "employment_status",
    "role_type",
    "comment",
]


def company_name_lock(name: str) -> None:
    """Until the transaction ends, hold the name: a second creator of a company that reads
    the same waits, then finds the first one's company. Call inside ``transaction.atomic``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
            [NAME_LOCK_CLASS, company_slug_base(name)],
        )


@transaction.atomic
def company_find_or_create(*, name: str) -> Company:
    """The company ``name`` reads as (see ``company_named``), or a new one by that name."""
    name = " ".join(name.split())[:200]
    company_name_lock(name)
    return company_named(name=name) or Company.objects.create(name=name)


def user_in_good_standing(*, user) -> bool:
    """Staff, or an account with enough approved ratings and none rejected: skips moderation."""
    if user.is_staff:
        return True
    statuses = list(Rating.objects.filter(user=user).values_list("status", flat=True))
    approved = statuses.count(Rating.Status.APPROVED)
    return Rating.Status.REJECTED not in statuses and approved >= settings.RATING_TRUSTED_AFTER


def rating_submit(
    *, company: Company, user, data: dict, ip_address: str | None, honeypot: str = ""
) -> RatingSubmitted:
    """Save ``user``'s rating of ``company``: a second submission edits the first.

    One INSERT ... ON CONFLICT DO UPDATE on the (company, user) constraint, so two submissions
    at once leave one row. New and edited ratings wait for moderation unless the account is in
    good standing. Raises ``RatingRefused`` for a filled honeypot or a spent daily limit.
    """
    if honeypot:
        # Only scripts fill a field people cannot see; tell them plainly and keep nothing.
        raise RatingRefused(
            "This form was filled in automatically, so it was not saved.", status=400
        )
    _check_daily_limits(company=company, user=user, ip_address=ip_address)
    existing = Rating.objects.filter(company=company, user=user).first()
    trusted = user_in_good_standing(user=user)
    now = timezone.now()
    rating = Rating(
        company=company,
        user=user,
        ip_address=ip_address,
        status=Rating.Status.APPROVED if trusted else Rating.Status.PENDING,
        created_at=now,
        submitted_at=now,
        updated_at=now,
        **{name: data[name] for name in RATING_FIELDS},
    )
    rating.full_clean(
        exclude=["company", "user"], validate_unique=False, validate_constraints=False
    )
    with transaction.atomic():
        (rating,) = Rating.objects.bulk_create(
            [rating],
            update_conflicts=True,
            unique_fields=["company", "user"],
            update_fields=[*RATING_FIELDS, "status", "ip_address", "submitted_at", "updated_at"],
        )
        was_counted = existing is not None and existing.status == Rating.Status.APPROVED
        if trusted or was_counted:
            _refresh_on_commit([company.pk])
    rating = Rating.objects.get(company=company, user=user)
    return RatingSubmitted(rating=rating, edited=existing is not None)


def _check_daily_limits(*, company: Company, user, ip_address: str | None) -> None:
    since = timezone.now() - timedelta(days=1)
    recent = Rating.objects.filter(submitted_at__gte=since).exclude(company=company, user=user)
    if recent.filter(user=user).count() >= settings.RATING_DAILY_LIMIT_PER_ACCOUNT:
        raise RatingRefused(
            f"You have rated {settings.RATING_DAILY_LIMIT_PER_ACCOUNT} companies in the last "
            "24 hours, the most we take from one account in a day. Please come back tomorrow.",
            status=429,
        )
    if ip_address and (
        recent.filter(ip_address=ip_address).count() >= settings.RATING_DAILY_LIMIT_PER_IP
    ):
        raise RatingRefused(
            "Too many ratings came from your network in the last 24 hours. "
            "Please come back tomorrow.",
            status=429,
        )


def ratings_moderate(*, ratings: QuerySet[Rating], status: str) -> int:
    """Approve or reject ratings in bulk; the companies' aggregates refresh after commit."""
    with transaction.atomic():
        company_ids = sorted(set(ratings.values_list("company_id", flat=True)))
        count = ratings.exclude(status=status).update(status=status, updated_at=timezone.now())
        _refresh_on_commit(company_ids)
    return count


def ratings_delete(*, ratings: QuerySet[Rating]) -> int:
    """Delete ratings (spam, a deleted account's wishes); the aggregates refresh after commit."""
    with transaction.atomic():
        company_ids = sorted(set(ratings.values_list("company_id", flat=True)))
        count, _ = ratings.delete()
        _refresh_on_commit(company_ids)
    return count


def _refresh_on_commit(company_ids: list[int]) -> None:
    transaction.on_commit(lambda: refresh_company_ratings.delay(company_ids=company_ids))


@dataclass(frozen=True)
class CompanyMerged:
    """What a merge moved to the company that stays: rows by model name ("job", "rating")."""

    moved: dict[str, int]


@transaction.atomic
def company_merge(*, source: Company, target: Company) -> CompanyMerged:
    """Fold ``source`` into ``target``: every row that points at it moves.

    Jobs, ratings, recruiter memberships, ingest sources, and whatever else later points at a
    company: the merge follows the foreign keys, so it needs to know none of the apps above.
    Where one account rated both, the rating submitted last is kept. Memberships move with
    their status, so recruiters keep their own moved jobs (an account has one membership, so
    none can be at both companies). Moved jobs get new fingerprints (the company is part of
    one) and duplicates are collapsed again. The old slug keeps redirecting.
    """
    if source.pk == target.pk:
        raise ValueError("A company cannot be merged into itself.")
    _ratings_keep_latest(source=source, target=target)
    moved_jobs = list(
        Job.objects.filter(company=source).values_list(
            "pk", "title", "place_ids", "description_text", "fingerprint"
        )
    )
    moved = {}
    for relation in Company._meta.related_objects:
        if relation.one_to_many and relation.related_model is not CompanySlugRedirect:
            rows = relation.related_model._base_manager.filter(**{relation.field.name: source})
            moved[relation.related_model._meta.model_name] = rows.update(
                **{relation.field.name: target}
            )
    _jobs_refingerprint(moved=moved_jobs, company=target)
    CompanySlugRedirect.objects.filter(company=source).update(company=target)
    CompanySlugRedirect.objects.update_or_create(old_slug=source.slug, defaults={"company": target})
    source.delete()
    _refresh_on_commit([target.pk])
    return CompanyMerged(moved=moved)


def _ratings_keep_latest(*, source: Company, target: Company) -> None:
    """Where one account rated both companies, delete the rating submitted first."""
    both = Rating.objects.filter(user__company_ratings__company=source, company=target)
    for kept in both:
        theirs = Rating.objects.get(company=source, user_id=kept.user_id)
        loser = theirs if kept.submitted_at >= theirs.submitted_at else kept
        loser.delete()


def _jobs_refingerprint(*, moved: list[tuple], company: Company) -> None:
    """New fingerprints for jobs moved to ``company``; duplicates are collapsed again."""
    fingerprints = set()
    updates = []
    for pk, title, place_ids, description_text, old in moved:
        new = job_fingerprint(
            company_id=company.pk,
            title=title,
            place_ids=place_ids,
            description_text=description_text,
        )
        fingerprints.update({old, new})
        updates.append(Job(pk=pk, fingerprint=new))
    Job.objects.bulk_update(updates, ["fingerprint"], batch_size=1000)
    jobs_collapse_duplicates(fingerprints=fingerprints - {""})
