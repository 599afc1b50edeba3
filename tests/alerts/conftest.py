from datetime import timedelta

import pytest
from django.db.models import F

from listings.alerts.digests import alert_digests_run
from listings.alerts.models import Alert, AlertDigest
from listings.models import Job


def days_pass(days: float) -> None:
    """Move every alert and job timestamp back, as if ``days`` had passed since they were set
    (the database's own clock, which dates published jobs, cannot be moved forward)."""
    gone = timedelta(days=days)
    Alert.objects.update(
        confirmed_at=F("confirmed_at") - gone,
        watermark=F("watermark") - gone,
        last_sent_at=F("last_sent_at") - gone,
    )
    AlertDigest.objects.update(sent_at=F("sent_at") - gone)
    Job.objects.update(published_at=F("published_at") - gone, posted_at=F("posted_at") - gone)


@pytest.fixture
def later():
    """Let ``days`` pass (one by default), then run the digests as beat would."""

    def run(days: float = 1, **kwargs):
        days_pass(days)
        return alert_digests_run(**kwargs)

    return run
