from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify


class ExchangeRateQuerySet(models.QuerySet):
    def usd_rates(self) -> dict[str, Decimal]:
        """Every currency's value in US dollars, USD itself included, for bulk writes."""
        return {"USD": Decimal(1), **dict(self.values_list("currency", "usd_per_unit"))}

    def usd_per_unit(self, currency: str) -> Decimal | None:
        """What one unit of ``currency`` is worth in US dollars; None without a rate."""
        if currency == "USD":
            return Decimal(1)
        return self.filter(currency=currency).values_list("usd_per_unit", flat=True).first()


class ExchangeRate(models.Model):
    """What one unit of a currency is worth in US dollars, so pay in any currency compares.

    Admins keep these current; saving or deleting one recomputes the US-dollar pay of every
    job in that currency (``salaries.services.exchange_rate_apply``). US dollars are the unit
    and have no row.
    """

    currency = models.CharField(
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters, as in GBP.")],
        help_text='ISO 4217 code, as pay is stored: "GBP"',
    )
    usd_per_unit = models.DecimalField(
        "US dollars per unit",
        max_digits=16,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text="What one unit of this currency is worth in US dollars (GBP: about 1.3)",
    )
    as_of = models.DateField(help_text="The day this rate was read")

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usd_per_unit__gt=0), name="exchange_rate_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(currency="USD"),
                name="exchange_rate_not_for_usd",
                violation_error_message="US dollars are the unit every rate is in.",
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = ${self.usd_per_unit}"


class Occupation(models.Model):
    """A canonical job title ("Registered Nurse") that postings' own titles map to."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Other titles that mean this occupation, one per item",
    )
    onet_code = models.CharField("O*NET-SOC code", max_length=10, blank=True)
    description = models.TextField(blank=True, help_text='Answers "What does a … do?"')
    skills = models.TextField(blank=True)
    related = models.ManyToManyField(
        "self", blank=True, help_text="Occupations a job seeker would compare this one with"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("salaries:occupation", args=[self.slug])


class UnmappedTitle(models.Model):
    """A posting title the normaliser could not map, with how many jobs carry it.

    Rebuilt by ``jobs_assign_occupations``; choosing an occupation here (in admin) adds the
    title to that occupation's aliases and maps its jobs.
    """

    title = models.CharField(max_length=200, unique=True)
    job_count = models.PositiveIntegerField(default=0)
    occupation = models.ForeignKey(
        Occupation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Choose the occupation this title means, then save",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-job_count", "title"]

    def __str__(self) -> str:
        return self.title


class SalaryAggregate(models.Model):
    """Pay statistics for one occupation in one place (null: everywhere), currency and day.

    Written only by ``salary_aggregates_refresh`` in one SQL statement. Below the minimum
    sample the figures are null: they are never published, not merely hidden.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="aggregates")
    place = models.ForeignKey(
        "listings.Place",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="salary_aggregates",
        help_text="Empty: every place",
    )
    currency = models.CharField(max_length=3)
    as_of = models.DateField()
    sample_size = models.PositiveIntegerField(help_text="Postings stating pay")
    pay_min = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    p10 = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    p25 = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    median = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    mean = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    p75 = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    p90 = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    pay_max = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    bin_width = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    histogram = models.JSONField(
        default=list, blank=True, help_text="[bin number, count] pairs; bin n starts at n × width"
    )
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "place", "currency", "as_of"],
                name="salary_aggregate_one_per_scope_and_day",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(
                fields=["occupation", "place", "currency", "-as_of"], name="salary_aggregate_latest"
            ),
            models.Index(fields=["as_of", "place"], name="salary_aggregate_day_place"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} in {self.place_id or 'everywhere'} on {self.as_of}"

    @property
    def is_published(self) -> bool:
        """Whether the sample is big enough for its figures to be shown."""
        return self.sample_size >= settings.SALARY_MIN_SAMPLE and self.mean is not None

    @property
    def bins(self) -> list[tuple[Decimal, Decimal, int]]:
        """Every bin from the first to the last non-empty one: (from, to, count)."""
        if not self.histogram or self.bin_width is None:
            return []
        counts = {int(number): int(count) for number, count in self.histogram}
        width = Decimal(self.bin_width)
        return [
            (number * width, (number + 1) * width, counts.get(number, 0))
            for number in range(min(counts), max(counts) + 1)
        ]


class OpeningCount(models.Model):
    """Live openings of an occupation in a place (null: everywhere), counted by each refresh.

    Whether or not they state pay; "cities hiring most" reads these instead of counting a
    million jobs per page view.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    place = models.ForeignKey(
        "listings.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    as_of = models.DateField()
    openings = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "place", "as_of"],
                name="opening_count_one_per_scope_and_day",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["occupation", "-as_of"], name="opening_count_latest")]

    def __str__(self) -> str:
        return f"{self.openings} openings"


class FaqEntry(models.Model):
    """A curated question and answer about an occupation, optionally for one place only."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="faq_entries")
    place = models.ForeignKey(
        "listings.Place",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Empty: shown for every place",
    )
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Plain text; blank lines start new paragraphs")
    position = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["occupation", "position", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question


class Comparison(models.Model):
    """ "{A} vs {B}": a curated summary and rows (credentials, work environment, …)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    summary = models.TextField(blank=True, help_text="Plain text under the table")

    class Meta:
        ordering = ["occupation", "other"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "other"], name="comparison_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(occupation=models.F("other")),
                name="comparison_of_two_occupations",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} vs {self.other}"

    def get_absolute_url(self) -> str:
        return reverse("salaries:compare", args=[self.occupation.slug, self.other.slug])


class ComparisonRow(models.Model):
    """One aspect of a comparison, with the text for each side."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="rows")
    aspect = models.CharField(max_length=100)
    occupation_text = models.TextField()
    other_text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["comparison", "position", "id"]

    def __str__(self) -> str:
        return self.aspect
