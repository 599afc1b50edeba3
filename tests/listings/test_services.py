"""Job and place writes: derived fields (lineage, place_ids, fingerprints), status dates and
history stay right, whatever selected the jobs."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from listings.dedupe import job_fingerprint, jobs_collapse_duplicates
from listings.models import Job, Place
from listings.services import jobs_set_status, place_save
from tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_moving_a_state_updates_its_cities_and_their_jobs(places):
    canada = Place.objects.create(name="Canada", kind=Place.Kind.COUNTRY, code="CA")
    job = PublishedJobFactory(places=[places.san_jose])
    remote_job = PublishedJobFactory(places=[places.sunnyvale], workplace_type="remote")
    texan = PublishedJobFactory(places=[places.austin])
    places.california.parent = canada
    place_save(place=places.california)
    places.san_jose.refresh_from_db()
    assert places.san_jose.lineage == [canada.pk, places.california.pk, places.san_jose.pk]
    job.refresh_from_db()
    remote_job.refresh_from_db()
    texan.refresh_from_db()
    assert job.place_ids == sorted([canada.pk, places.california.pk, places.san_jose.pk])
    assert remote_job.place_ids == sorted(
        [canada.pk, places.california.pk, places.sunnyvale.pk, places.remote.pk]
    )
    assert texan.place_ids == sorted([places.us.pk, places.texas.pk, places.austin.pk])
    assert job.fingerprint == job_fingerprint(
        company_id=job.company_id,
        title=job.title,
        place_ids=job.place_ids,
        description_text=job.description_text,
    )
    in_canada = Job.objects.filter(place_ids__contains=[canada.pk])
    assert set(in_canada.values_list("pk", flat=True)) == {job.pk, remote_job.pk}


def test_moving_a_place_keeps_postings_merged_by_an_admin_together(places):
    canada = Place.objects.create(name="Canada", kind=Place.Kind.COUNTRY, code="CA")
    kept = PublishedJobFactory(places=[places.san_jose])
    merged = PublishedJobFactory(places=[places.sunnyvale], posted_at=timezone.now())
    Job.objects.filter(pk=merged.pk).update(fingerprint=kept.fingerprint)
    jobs_collapse_duplicates(fingerprints=[kept.fingerprint])
    places.california.parent = canada
    place_save(place=places.california)
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert canada.pk in kept.place_ids and canada.pk in merged.place_ids
    assert merged.fingerprint == kept.fingerprint
    assert merged.duplicate_of_id == kept.pk


def test_a_place_cannot_be_moved_inside_itself(places):
    places.california.parent = places.san_jose
    with pytest.raises(ValidationError, match="inside itself"):
        place_save(place=places.california)
    places.california.refresh_from_db()
    assert places.california.parent_id == places.us.pk


def test_publishing_jobs_selected_by_status_dates_them():
    drafts = DraftJobFactory.create_batch(2, expires_at=None)
    count = jobs_set_status(jobs=Job.objects.filter(status=Job.Status.DRAFT), status="published")
    assert count == 2
    for job in drafts:
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert job.posted_at is not None and job.expires_at > job.posted_at
        assert job.status_changes.get().to_status == Job.Status.PUBLISHED
