"""Job.published_at: when a job last became publicly visible, whatever wrote it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from listings.models import Job
from listings.services import jobs_set_status
from tests.factories import DraftJobFactory, ExpiredJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def published_at(job: Job):
    return Job.objects.values_list("published_at", flat=True).get(pk=job.pk)


def test_a_job_inserted_published_is_dated_by_the_write_and_a_draft_is_not():
    before = timezone.now()
    assert published_at(PublishedJobFactory()) >= before
    assert published_at(DraftJobFactory()) is None


def test_publishing_dates_the_job_and_other_writes_keep_the_date():
    job = DraftJobFactory()
    jobs_set_status(jobs=Job.objects.filter(pk=job.pk), status=Job.Status.PUBLISHED)
    first = published_at(job)
    assert first is not None
    job.refresh_from_db()
    job.title = "Senior Software Engineer"
    job.save()
    Job.objects.filter(pk=job.pk).update(featured=True, status=Job.Status.PUBLISHED)
    assert published_at(job) == first


def test_a_republished_or_renewed_job_is_visible_again_from_then():
    job = ExpiredJobFactory()
    Job.objects.filter(pk=job.pk).update(published_at=timezone.now() - timedelta(days=40))
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.PUBLISHED, expires_at=timezone.now() + timedelta(days=30)
    )
    assert published_at(job) > timezone.now() - timedelta(minutes=1)

    past_expiry = PublishedJobFactory(expires_at=timezone.now() - timedelta(hours=1))
    Job.objects.filter(pk=past_expiry.pk).update(published_at=timezone.now() - timedelta(days=9))
    Job.objects.filter(pk=past_expiry.pk).update(expires_at=timezone.now() + timedelta(days=9))
    assert published_at(past_expiry) > timezone.now() - timedelta(minutes=1)
