"""Writes to jobs: status changes keep dates and history right, whatever selected the jobs."""

import pytest

from listings.models import Job
from listings.services import jobs_set_status
from tests.factories import DraftJobFactory

pytestmark = pytest.mark.django_db


def test_publishing_jobs_selected_by_status_dates_them():
    drafts = DraftJobFactory.create_batch(2, expires_at=None)
    count = jobs_set_status(jobs=Job.objects.filter(status=Job.Status.DRAFT), status="published")
    assert count == 2
    for job in drafts:
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert job.posted_at is not None and job.expires_at > job.posted_at
        assert job.status_changes.get().to_status == Job.Status.PUBLISHED
