import hashlib
import re
from collections.abc import Container

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from listings.text import ascii_slug


class Industry(models.Model):
    """A sector companies are ranked within ("Technology", "Healthcare")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or ascii_slug(self.name)[:100]
        super().save(*args, **kwargs)


SLUG_BASE_LENGTH = 190  # room for a "-<n>" suffix within the 200-character column
SLUG_ATTEMPTS = 5  # each lost race means another company took the slug a moment ago


def company_slug_base(name: str) -> str:
    """The slug a company name reads as (``ascii_slug``), never empty.

    A name with nothing left (only punctuation) gets "company-" and a hash of the name,
    stable across runs.
    """
    base = ascii_slug(name)[:SLUG_BASE_LENGTH].strip("-")
    if base:
        return base
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"company-{digest}"


def company_slug_free(base: str, *, taken: Container[str]) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first one not in ``taken``."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def company_slugs_like(queryset: models.QuerySet, field: str, base: str) -> models.QuerySet:
    """Rows whose ``field`` is ``base`` or ``base-<n>``."""
    # startswith narrows through the column's pattern index before the regex filters.
    return queryset.filter(
        **{f"{field}__startswith": base, f"{field}__regex": rf"^{re.escape(base)}(-[0-9]+)?$"}
    )


def company_slugs_taken(base: str) -> set[str]:
    """Slugs ``base`` or ``base-<n>`` held by a company or kept by a merge's redirect."""
    companies = company_slugs_like(Company.objects, "slug", base)
    redirects = company_slugs_like(CompanySlugRedirect.objects, "old_slug", base)
    return set(
        companies.values_list("slug", flat=True).union(redirects.values_list("old_slug", flat=True))
    )


class Company(models.Model):
    """An employer that posts jobs."""

    class Size(models.TextChoices):
        TINY = "1-10", "1-10 employees"
        SMALL = "11-50", "11-50 employees"
        MEDIUM = "51-200", "51-200 employees"
        MID = "201-500", "201-500 employees"
        LARGE = "501-1000", "501-1,000 employees"
        BIG = "1001-5000", "1,001-5,000 employees"
        HUGE = "5001-10000", "5,001-10,000 employees"
        GIANT = "10000+", "10,000+ employees"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    industry = models.ForeignKey(
        Industry, null=True, blank=True, on_delete=models.SET_NULL, related_name="companies"
    )
    size = models.CharField(max_length=12, choices=Size.choices, blank=True)
    headquarters = models.CharField(max_length=200, blank=True, help_text="City, region, country")
    year_founded = models.PositiveSmallIntegerField(null=True, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        """Fill an empty slug from the name by ``company_slug_base``, unique among companies.

        Two companies of one name created at once both see the same slug free; the unique
        constraint decides, and the loser takes the next suffix.
        """
        if self.slug:
            super().save(*args, **kwargs)
            return
        base = company_slug_base(self.name)
        for _ in range(SLUG_ATTEMPTS):
            self.slug = company_slug_free(base, taken=company_slugs_taken(base))
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if not Company.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
                    raise  # another constraint: not ours to retry
        raise IntegrityError(f"no free slug for {self.name!r} after {SLUG_ATTEMPTS} tries")

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.slug])

    @property
    def rating(self) -> "CompanyRatingSummary | None":
        """The rating summary, or None while no approved rating exists."""
        try:
            return self.rating_summary
        except ObjectDoesNotExist:
            return None


class CompanySlugRedirect(models.Model):
    """An old slug that keeps working after a merge or rename: it redirects to ``company``."""

    old_slug = models.SlugField(max_length=200, unique=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.company.slug}"


def _score_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )


class Rating(models.Model):
    """One account's rating of one company, from the rating quiz."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    class EmploymentStatus(models.TextChoices):
        CURRENT = "current", "Current employee"
        FORMER = "former", "Former employee"

    class RoleType(models.TextChoices):
        FRONTLINE = "frontline", "Frontline"
        OFFICE = "office", "Office"
        MANAGEMENT = "management", "Management"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_ratings"
    )
    overall = _score_field("overall")
    pay = _score_field("pay")
    benefits = _score_field("benefits")
    hours = _score_field("hours and flexibility")
    workplace = _score_field("workplace")
    employment_status = models.CharField(max_length=8, choices=EmploymentStatus.choices)
    role_type = models.CharField(max_length=10, choices=RoleType.choices)
    comment = models.TextField(max_length=1000, blank=True, help_text="Plain text, escaped")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the rater submits or re-submits, never by moderation: the daily limits count
    # submissions, and "newer rating" means the rater's latest word.
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="rating_one_per_account"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": 10}), name=f"rating_{name}_at_most_10"
                )
                for name in ["overall", "pay", "benefits", "hours", "workplace"]
            ),
        ]
        indexes = [
            models.Index(fields=["company", "status"], name="rating_company_status"),
            models.Index(fields=["status", "-submitted_at"], name="rating_moderation_queue"),
            models.Index(fields=["ip_address", "-submitted_at"], name="rating_ip_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.overall}/10 for {self.company} by {self.user}"


class CompanyRatingSummary(models.Model):
    """A company's approved ratings, aggregated in SQL (``aggregates.company_ratings_refresh``).

    Stored rather than computed per request so job cards and pages read one row; ``rank`` is
    the company's place among companies in its industry with enough ratings (ties share it).
    """

    company = models.OneToOneField(
        Company, primary_key=True, on_delete=models.CASCADE, related_name="rating_summary"
    )
    score = models.DecimalField(max_digits=3, decimal_places=1)
    count = models.PositiveIntegerField()
    pay = models.DecimalField(max_digits=3, decimal_places=1)
    benefits = models.DecimalField(max_digits=3, decimal_places=1)
    hours = models.DecimalField(max_digits=3, decimal_places=1)
    workplace = models.DecimalField(max_digits=3, decimal_places=1)
    current_count = models.PositiveIntegerField()
    former_count = models.PositiveIntegerField()
    frontline_count = models.PositiveIntegerField(default=0)
    office_count = models.PositiveIntegerField(default=0)
    management_count = models.PositiveIntegerField(default=0)
    rank = models.PositiveIntegerField(null=True, blank=True)
    rank_total = models.PositiveIntegerField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "company rating summaries"
        indexes = [models.Index(fields=["rank"], name="rating_summary_rank")]

    def __str__(self) -> str:
        return f"{self.company_id}: {self.score} from {self.count}"

    @property
    def categories(self) -> list[dict]:
        """Pay, Benefits, Hours and flexibility, Workplace: each score with a short phrase."""
        return [
            {"label": label, "score": score, "phrase": _phrase(score, phrases)}
            for label, score, phrases in [
                ("Pay", self.pay, CATEGORY_PHRASES["pay"]),
                ("Benefits", self.benefits, CATEGORY_PHRASES["benefits"]),
                ("Hours and flexibility", self.hours, CATEGORY_PHRASES["hours"]),
                ("Workplace", self.workplace, CATEGORY_PHRASES["workplace"]),
            ]
        ]

    @property
    def current_percent(self) -> int:
        return round(100 * self.current_count / self.count) if self.count else 0

    @property
    def roles(self) -> list[dict]:
        """Who rated: the share of frontline, office and management ratings, largest first."""
        counts = [
            ("frontline", self.frontline_count),
            ("office", self.office_count),
            ("management", self.management_count),
        ]
        return [
            {"role": role, "percent": round(100 * count / self.count)}
            for role, count in sorted(counts, key=lambda item: -item[1])
            if count and self.count
        ]

    @property
    def former_percent(self) -> int:
        return 100 - self.current_percent if self.count else 0


# What a category score means in words, from 8 and up down to below 4 (the "What Apple
# employees say" box on the seed page). Bands are wide so the phrase does not flip on a tenth.
CATEGORY_PHRASES = {
    "pay": ["Paid well", "Fair pay", "Pay could be better", "Underpaid"],
    "benefits": ["Strong benefits", "Decent benefits", "Thin benefits", "Poor benefits"],
    "hours": ["Flexible hours", "Mostly flexible", "Rigid schedules", "Hard to get time off"],
    "workplace": [
        "Great place to work",
        "Good place to work",
        "Mixed workplace",
        "Difficult workplace",
    ],
}


def _phrase(score, phrases: list[str]) -> str:
    if score >= 8:
        return phrases[0]
    if score >= 6:
        return phrases[1]
    if score >= 4:
        return phrases[2]
    return phrases[3]
