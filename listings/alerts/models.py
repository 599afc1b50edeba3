"""Job alerts: a search an address asked to be mailed about, and what each digest sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from listings.models import Job


class Alert(models.Model):
    """One address's saved search, mailed daily or weekly once the address confirmed it."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(help_text="Lower case, as typed otherwise")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_alerts",
        help_text="The account that made it, when it was made logged in with this address",
    )
    name = models.CharField(max_length=200, help_text='"Registered Nurse jobs in California"')
    params = models.JSONField(default=dict, help_text="The search's canonical parameters")
    search_key = models.CharField(
        max_length=40, editable=False, help_text="A hash of params: one alert per search"
    )
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.DAILY)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Jobs that became visible after this are new to the alert: its confirmation, then each
    # digest run (mailed or empty) moves it on.
    watermark = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "search_key"], name="alert_one_per_search_per_address"
            ),
        ]
        indexes = [
            models.Index(
                fields=["frequency", "watermark"],
                name="alert_active_due",
                condition=Q(status="active"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.email}"


class AlertDigest(models.Model):
    """One digest mailed for an alert: when, and how many new jobs it found and listed."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="digests")
    sent_at = models.DateTimeField()
    listed = models.PositiveIntegerField(help_text="Jobs the email lists")
    matched = models.PositiveIntegerField(help_text="New jobs found, listed or not")

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["alert", "-sent_at"], name="alertdigest_alert_sent")]

    def __str__(self) -> str:
        return f"{self.alert_id}: {self.listed} jobs at {self.sent_at:%Y-%m-%d %H:%M}"


class AlertSentJob(models.Model):
    """A job an alert has mailed, so it never mails it again (a renewed job is new again by
    its publication date, but not to the alerts that listed it already)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="sent_jobs")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    digest = models.ForeignKey(AlertDigest, on_delete=models.CASCADE, related_name="jobs")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "job"], name="alertsentjob_once_per_alert")
        ]

    def __str__(self) -> str:
        return f"job {self.job_id} to alert {self.alert_id}"


class ConfirmationEmail(models.Model):
    """A confirmation (or manage-your-alerts) email sent on a subscription, for the daily
    limits per address and per IP; kept in the database so every process counts the same."""

    email = models.EmailField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["email", "sent_at"], name="confirmationemail_email_sent"),
            models.Index(fields=["ip", "sent_at"], name="confirmationemail_ip_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.email} at {self.sent_at:%Y-%m-%d %H:%M}"
