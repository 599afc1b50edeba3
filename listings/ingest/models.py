"""Ingestion's own records: the sources an admin adds, each run of one, and what it wrote."""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone


def ingest_upload_storage() -> FileSystemStorage:
    """Uploaded CSV/JSON files live under var/, beside the database, not in the repository."""
    return FileSystemStorage(location=settings.VAR_DIR / "ingest-uploads")


class Source(models.Model):
    """Where postings come from: an outside feed an admin added, or the demo data."""

    class Kind(models.TextChoices):
        DEMO = "demo", "Demo data"
        GREENHOUSE = "greenhouse", "Greenhouse job board"
        LEVER = "lever", "Lever postings"
        ASHBY = "ashby", "Ashby job board"
        JSONLD = "jsonld", "Career page with JobPosting JSON-LD"
        RSS = "rss", "RSS/Atom feed"
        FILE = "file", "CSV/JSON file"

    class Schedule(models.TextChoices):
        HOURLY = "hourly", "Every hour"
        EVERY_6_HOURS = "6h", "Every 6 hours"
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Every week"
        MANUAL = "manual", "Only when run by hand"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    address = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Greenhouse board token, Lever company slug, Ashby board name, or the http(s) "
        "address of the board, career page or feed",
    )
    upload = models.FileField(
        storage=ingest_upload_storage,
        upload_to="%Y/%m/",
        blank=True,
        help_text="For CSV/JSON file sources: the file to import",
    )
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sources",
        help_text="Leave empty when the feed names the company of each posting",
    )
    enabled = models.BooleanField(default=True)
    schedule = models.CharField(max_length=8, choices=Schedule.choices, default=Schedule.DAILY)
    feed_is_complete = models.BooleanField(
        default=True,
        help_text="The feed lists every open posting, so postings it stops listing are expired",
    )
    next_run_at = models.DateTimeField(
        null=True, blank=True, help_text="When the schedule runs it next; empty means now"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "listings_source"  # the table it had before ingestion became its own app
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IngestRun(models.Model):
    """One fetch of a source and what it did, with the raw payload kept for replay and audit."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (another run was in progress)"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    trigger = models.CharField(max_length=20, blank=True, help_text="schedule, admin, command")
    url = models.CharField(max_length=1000, blank=True, help_text="What was fetched or read")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(
        default=list, blank=True, help_text="Each rejected record: external id, title, reason"
    )
    pay_dropped = models.JSONField(
        default=list,
        blank=True,
        help_text="Postings that went in without their implausible pay: external id, title, reason",
    )
    error = models.TextField(blank=True)
    expiry_held = models.BooleanField(
        default=False,
        help_text="The feed shrank sharply, so postings it stopped listing wait for an admin",
    )
    expiry_confirmed_at = models.DateTimeField(null=True, blank=True)
    payload = models.BinaryField(null=True, blank=True, editable=False, help_text="gzip")
    payload_size = models.PositiveIntegerField(default=0, help_text="Bytes before compression")

    class Meta:
        db_table = "listings_ingestrun"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["source", "-started_at"], name="ingestrun_source_started")]

    def __str__(self) -> str:
        return f"{self.source} at {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def duration(self) -> timedelta | None:
        return self.finished_at - self.started_at if self.finished_at else None


class IngestedPosting(models.Model):
    """The last version of one outside posting we wrote, so an unchanged rerun skips it."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="postings")
    external_id = models.CharField(max_length=255)
    job = models.OneToOneField("listings.Job", on_delete=models.CASCADE, related_name="ingested")
    content_hash = models.CharField(
        max_length=40, blank=True, help_text="Of the raw record; empty forces the next rewrite"
    )
    location_text = models.CharField(
        max_length=500, blank=True, help_text="Locations as the feed wrote them"
    )

    class Meta:
        db_table = "listings_ingestedposting"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="ingestedposting_unique_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.external_id}"
