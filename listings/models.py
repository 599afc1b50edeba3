from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from listings.derived import DerivedLookups, job_derived_fields
from listings.querysets import JobQuerySet, PlaceQuerySet, SearchRowQuerySet
from listings.text import ascii_slug
from salaries.models import ExchangeRate
from salaries.pay import PERIODS_PER_YEAR

# The text search configuration created by migration 0002: English stemming on unaccented words.
SEARCH_CONFIG = "jobboard"
# The same stemming keeping stop words (migration 0010), for titles and company names, where
# short words such as "IT" in "IT Support Specialist" mean something.
HEADING_SEARCH_CONFIG = "jobboard_all_words"
# Every row outside the partial search indexes' condition (published and not a duplicate).
NOT_LIVE = ~Q(status="published") | Q(duplicate_of__isnull=False)


class Place(models.Model):
    """A country, state, city or "Remote", in a hierarchy: a state contains its cities."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        STATE = "state", "State or region"
        CITY = "city", "City"
        REMOTE = "remote", "Remote"

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(max_length=10, blank=True, help_text='"CA" for California, "US"')
    slug = models.SlugField(max_length=140, unique=True)
    population = models.PositiveIntegerField(default=0, help_text="Breaks ties between names")
    lineage = ArrayField(
        models.BigIntegerField(),
        default=list,
        editable=False,
        help_text="Ids of this place and every place containing it",
    )
    # A city's centre, for radius searches; empty for wider places and for cities that the
    # ZIP code data does not know (they still match by name).
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"]),
            # earthdistance's own index: earth_box(...) @> ll_to_earth(latitude, longitude).
            GistIndex(
                models.Func("latitude", "longitude", function="ll_to_earth"),
                name="place_earth",
                condition=Q(latitude__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            parent_code = self.parent.code if self.parent_id else ""
            text = f"{self.name} {parent_code}" if self.kind == "city" else self.name
            self.slug = ascii_slug(text) or "place"
        super().save(*args, **kwargs)
        lineage = (self.parent.lineage if self.parent_id else []) + [self.pk]
        if lineage != self.lineage:
            self.lineage = lineage
            Place.objects.filter(pk=self.pk).update(lineage=lineage)

    def clean(self):
        """A place cannot be inside itself or one of the places it contains."""
        if self.pk and self.parent_id:
            parent_lineage = Place.objects.filter(pk=self.parent_id).values_list(
                "lineage", flat=True
            )
            if self.pk in (parent_lineage.first() or []):
                raise ValidationError(
                    {"parent": f"{self.name} cannot be inside itself or a place it contains."}
                )

    @property
    def display_name(self) -> str:
        """ "San Jose, CA" for a city, the plain name otherwise."""
        if self.kind == self.Kind.CITY and self.parent_id and self.parent.code:
            return f"{self.name}, {self.parent.code}"
        return self.name

    @property
    def point(self) -> tuple[float, float] | None:
        """(latitude, longitude) of a city with coordinates, else None."""
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


class ZipCode(models.Model):
    """A US ZIP code's point and post-office city, loaded from the ``zipcodes`` package by
    migration 0019: a ZIP code is a point to search around, not a Place."""

    code = models.CharField(max_length=5, primary_key=True)
    city = models.CharField(max_length=60)
    state = models.CharField(max_length=2, help_text='"CA"')
    latitude = models.FloatField()
    longitude = models.FloatField()
    # Only the street-delivery ("STANDARD") ZIP codes of a city give its centre; PO boxes
    # and company codes sit at a post office.
    standard = models.BooleanField()

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["state", "city"], name="zipcode_state_city")]

    def __str__(self) -> str:
        return f"{self.code} {self.city}, {self.state}"


class Job(models.Model):
    """A job posting."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"
        CLOSED = "closed", "Closed"

    class WorkplaceType(models.TextChoices):
        ON_SITE = "on_site", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"
        PER_DIEM = "per_diem", "Per diem"

    class PayPeriod(models.TextChoices):
        HOUR = "hour", "per hour"
        DAY = "day", "per day"
        WEEK = "week", "per week"
        MONTH = "month", "per month"
        YEAR = "year", "per year"

    title = models.CharField(max_length=200)
    # The title as salaries' normaliser compares it ("Sr. Registered Nurse II": "registered
    # nurse"), kept by a database trigger (migration 0020) like the search vectors.
    title_key = models.TextField(default="", db_default="", editable=False)
    occupation = models.ForeignKey(
        "salaries.Occupation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
        help_text="The canonical title this posting's title maps to",
    )
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="jobs")
    places = models.ManyToManyField(Place, related_name="jobs", blank=True)
    place_ids = ArrayField(
        models.BigIntegerField(),
        default=list,
        blank=True,
        editable=False,
        help_text="Ids of the job's places and every place containing them (set by services)",
    )
    workplace_type = models.CharField(
        max_length=8, choices=WorkplaceType.choices, default=WorkplaceType.ON_SITE
    )
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )

    pay_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    pay_currency = models.CharField(max_length=3, blank=True, default="USD")
    pay_period = models.CharField(max_length=5, choices=PayPeriod.choices, blank=True)
    annual_pay_min = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    annual_pay_max = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    # The yearly figures in US dollars at salaries.ExchangeRate's rate, so the pay filter and
    # the pay sort compare every currency; null when the currency has no rate.
    usd_annual_pay_min = models.DecimalField(
        "yearly pay from (USD)", max_digits=12, decimal_places=2, null=True, editable=False
    )
    usd_annual_pay_max = models.DecimalField(
        "yearly pay up to (USD)", max_digits=12, decimal_places=2, null=True, editable=False
    )

    description_html = models.TextField(help_text="Sanitised on save")
    description_text = models.TextField(blank=True, editable=False)
    apply_url = models.URLField(max_length=1000, blank=True)
    apply_email = models.EmailField(blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    posted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # When the job last became publicly visible (published and unexpired after being neither):
    # set by a database trigger (migration 0015) on every write, COPY and bulk UPDATE included,
    # so a renewed or republished job is new again. Alerts mail the jobs that became visible
    # since their last digest; posted_at is what the posting says and never moves.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    featured = models.BooleanField(default=False)

    source = models.ForeignKey(
        "ingest.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    external_id = models.CharField(max_length=255, blank=True)
    fingerprint = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    # Recruiter postings: who wrote it, the Markdown they typed, and how the posting does.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posted_jobs",
    )
    # Database defaults too, so bulk loads (COPY) that do not name these columns still work.
    description_markdown = models.TextField(
        blank=True, default="", db_default="", help_text="What the recruiter typed"
    )
    view_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    apply_click_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    expiry_warned_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the 3-day expiry email went out"
    )

    # Maintained by a database trigger (migrations 0002, 0006 and 0010), so no code path can
    # leave them stale. search_vector holds title (A), company (B) and description (C);
    # heading_vector only title and company, every word kept, so "the heading matches" is one
    # small index lookup.
    search_vector = SearchVectorField(null=True, editable=False)
    heading_vector = SearchVectorField(null=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at"]
        permissions = [("moderate_job", "Can approve, reject, feature and merge jobs")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="job_unique_external_id_per_source",
            ),
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_min__lte=models.F("pay_max")),
                name="job_pay_min_not_above_max",
            ),
            # Pay is per something: the page, JSON-LD and every yearly figure need the period.
            models.CheckConstraint(
                condition=Q(pay_period__in=list(PERIODS_PER_YEAR))
                | Q(pay_period="", pay_min__isnull=True, pay_max__isnull=True),
                name="job_pay_has_a_period",
                violation_error_message="Pay needs a period: per hour, day, week, month or year.",
            ),
        ]
        indexes = [
            # Words and places in one GIN index each: "nurse in Austin" is then one exact
            # bitmap of both conditions instead of every nurse job read to check its place.
            GinIndex(
                fields=["search_vector", "place_ids"],
                name="job_search_place_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            GinIndex(
                fields=["heading_vector", "place_ids"],
                name="job_heading_place_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            GinIndex(
                fields=["place_ids"],
                name="job_place_ids_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            models.Index(
                fields=["-posted_at"],
                name="job_posted_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            models.Index(
                fields=["-posted_at"],
                name="job_featured_posted_live",
                condition=Q(status="published", duplicate_of__isnull=True, featured=True),
            ),
            models.Index(
                models.F("usd_annual_pay_max").desc(nulls_last=True),
                models.F("posted_at").desc(),
                name="job_usd_pay_posted_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            # Jobs by title key in the search page's whole order (newest first, then id).
            # Search now reads the exact tier from SearchRow's copy of this index (migration
            # 0022); no query of the job table orders by this one, nor by the featured and pay
            # ones above, any more (dropping them is a change of its own).
            models.Index(
                fields=["title_key", "-posted_at", "-id"],
                name="job_title_key_posted_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            models.Index(
                fields=["company", "-posted_at"],
                name="job_company_posted_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
            models.Index(fields=["status", "-posted_at"], name="job_status_posted"),
            # The rows the indexes above leave out (drafts, pending, expired, duplicates...),
            # so that admin search, over every status, reads an index for them too.
            GinIndex(fields=["search_vector"], name="job_search_not_live", condition=NOT_LIVE),
            GinIndex(fields=["heading_vector"], name="job_heading_not_live", condition=NOT_LIVE),
            # Admin's job list order, ids included, so a deep page skips rows in this index
            # alone (an index-only scan) instead of reading every row it skips.
            models.Index(fields=["posted_at", "id"], name="job_posted_id"),
            # Admin's exact lookup of a feed's id, whatever the source.
            models.Index(
                fields=["external_id"], name="job_external_id", condition=~Q(external_id="")
            ),
            # What alert digests read first: the searchable jobs that became visible lately.
            models.Index(
                fields=["published_at"],
                name="job_published_live",
                condition=Q(status="published", duplicate_of__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.company_id else self.title

    def save(self, *args, **kwargs):
        if self.pay_min is not None and self.pay_max is None:
            self.pay_max = self.pay_min
        for name, value in self.derived_fields(places=None).items():
            setattr(self, name, value)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:job_detail", args=[self.pk, slugify(self.title) or "job"])

    @cached_property
    def place_list(self) -> list[Place]:
        """The job's places by name, as cards and the API list them: prefetched for a page of
        cards at once by ``JobQuerySet.for_cards``, read on first use otherwise."""
        return list(self.places.all())

    def derived_fields(self, *, places: list[Place] | None) -> dict[str, Any]:
        """``job_derived_fields`` of this job, reading only what it needs: its currency's
        rate when it has pay, the Remote places when it is remote and placed."""
        has_pay = self.pay_max is not None
        remote = places is not None and self.workplace_type == self.WorkplaceType.REMOTE
        rate = ExchangeRate.objects.usd_per_unit(self.pay_currency) if has_pay else None
        lookups = DerivedLookups(
            usd_rates={self.pay_currency: rate} if rate is not None else {},
            remote_place_ids=Place.objects.remote_ids() if remote else (),
        )
        return job_derived_fields(
            title=self.title,
            company_id=self.company_id,
            workplace_type=self.workplace_type,
            description_html=self.description_html,
            pay_min=self.pay_min,
            pay_max=self.pay_max,
            pay_currency=self.pay_currency,
            pay_period=self.pay_period,
            places=places,
            lookups=lookups,
        )

    @property
    def has_pay(self) -> bool:
        return self.pay_min is not None

    @property
    def is_open(self) -> bool:
        """Whether job seekers can still apply (the detail page says so plainly otherwise).

        ``JobQuerySet.published()`` for one loaded row, without a query; a test keeps them equal.
        """
        return self.status == self.Status.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class JobStatusChange(models.Model):
    """One change of a job's status: who made it, when and why (shown to the recruiter)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Job.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Job.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["job", "-at"], name="jobstatuschange_job_at")]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.from_status or '-'} -> {self.to_status}"


class SearchRow(models.Model):
    """What search reads of a live job (published, not a duplicate), in a table of its own.

    A copy kept by database triggers on ``Job`` and a cascading foreign key (migration 0022),
    whatever writes the job (ORM, COPY, bulk SQL), so it is never stale and no Python code
    writes it. The table is hash-partitioned by id in eight: a capped count of a broad search
    stops in the first partition it reads instead of building a bitmap of every match over a
    million rows, and a search's indexes are an eighth as large. Search filters, counts and
    orders these rows, then loads the page's jobs by id.
    """

    id = models.BigIntegerField(primary_key=True)
    company = models.ForeignKey(
        "companies.Company", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    title_key = models.TextField()
    heading_vector = SearchVectorField(null=True)
    search_vector = SearchVectorField(null=True)
    place_ids = ArrayField(models.BigIntegerField())
    workplace_type = models.CharField(max_length=8)
    employment_type = models.CharField(max_length=12)
    usd_annual_pay_max = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    posted_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True)
    featured = models.BooleanField()

    objects = SearchRowQuerySet.as_manager()

    def __str__(self) -> str:
        return f"search row of job {self.pk}"
