"""The recruiter side's records: who may post for a company, and edits waiting for review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from companies.models import Company
from listings.models import Job


class VerifiedEmail(models.Model):
    """Proof that an account's owner opened the link mailed to its address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verified_email"
    )
    email = models.EmailField(help_text="The address the link went to")
    verified_at = models.DateTimeField()

    class Meta:
        db_table = "companies_verifiedemail"

    def __str__(self) -> str:
        return f"{self.email} verified {self.verified_at:%Y-%m-%d}"


class Membership(models.Model):
    """A recruiter's place in a company: requested, then approved by an admin or a colleague.

    One company per account keeps "whose drafts are these" a single lookup.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "companies_membership"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["company", "status"], name="membership_company_status")]

    def __str__(self) -> str:
        return f"{self.user} at {self.company} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class JobInReview(Job):
    """The admin review queue: pending postings and pending edits, oldest first."""

    class Meta:
        proxy = True
        verbose_name = "job in review"
        verbose_name_plural = "review queue"


class JobRevision(models.Model):
    """An edit of a published job waiting for review; the published version stays live."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPLIED = "applied", "Approved and applied"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn: the job left the board first"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="revisions")
    fields = models.JSONField(help_text="The edited fields, as the form cleaned them")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "listings_jobrevision"  # the tables keep the names they had before this app
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["job"],
                condition=Q(status="pending"),
                name="jobrevision_one_pending_per_job",
            )
        ]

    def __str__(self) -> str:
        return f"Edit of job {self.job_id} ({self.get_status_display()})"
