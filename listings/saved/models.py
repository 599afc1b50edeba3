from django.conf import settings
from django.db import models


class SavedJob(models.Model):
    """A job an account saved to come back to; visitors without an account keep theirs in the
    session instead (``listings.saved.services``)."""

    # No index of its own: the (user, job) constraint and the newest-first index start with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_jobs",
        db_index=False,
    )
    # A job deleted from the board leaves every shortlist with it; a closed or expired one
    # stays and is marked as such.
    job = models.ForeignKey("listings.Job", on_delete=models.CASCADE, related_name="saves")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "job"], name="saved_job_once_per_user")
        ]
        indexes = [
            # "A user's saved jobs, newest saved first": the Saved jobs page and the id set.
            models.Index(fields=["user", "-saved_at", "-id"], name="saved_job_user_newest")
        ]
        ordering = ["-saved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} saved job {self.job_id}"
