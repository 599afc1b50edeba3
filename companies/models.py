from django.db import models
from django.urls import reverse
from django.utils.text import slugify


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
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


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
        self.slug = self.slug or slugify(self.name)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:search") + f"?company={self.slug}"
