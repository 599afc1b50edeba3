from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.text import slugify


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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:200]
        super().save(*args, **kwargs)
