"""The COPY writer: every job column from the model, whichever bulk path writes it."""

import pytest

from listings.bulk import copy_fields, ids_reserve, rows_copy
from listings.models import Job
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

# Filled by the database itself, not by any writer: the search trigger's vectors.
LEFT_TO_THE_DATABASE = {"search_vector", "heading_vector", "title_key"}


def test_every_job_column_is_copied_or_left_to_the_database_on_purpose():
    copied = {field.name for field in copy_fields(Job)}
    concrete = {field.name for field in Job._meta.concrete_fields}
    assert concrete - copied == LEFT_TO_THE_DATABASE, (
        "A new Job field is neither written by rows_copy nor filled by the database: "
        "teach listings.bulk.copy_fields about it"
    )
    assert copied <= concrete


def test_a_copied_job_reads_back_column_for_column_like_the_one_the_orm_saved(places):
    saved = PublishedJobFactory(
        places=[places.san_jose], description_markdown="Weld *things*", view_count=3
    )
    saved.refresh_from_db()
    row = {field.attname: getattr(saved, field.attname) for field in copy_fields(Job)}
    [row["id"]] = ids_reserve(Job, 1)
    assert rows_copy(Job, [row]) == 1
    copied = Job.objects.get(pk=row["id"])
    for field in Job._meta.concrete_fields:
        if field.name != "id":
            assert getattr(copied, field.attname) == getattr(saved, field.attname), field.name
    assert copied.search_vector and copied.heading_vector  # the trigger filled them


def test_columns_a_row_leaves_out_take_the_models_defaults(places):
    company = CompanyFactory()
    rows_copy(Job, [{"id": ids_reserve(Job, 1)[0], "title": "Welder", "company_id": company.pk}])
    copied = Job.objects.get(title="Welder")
    default = Job(title="Welder", company=company)
    for field in copy_fields(Job):
        if field.name not in ("id", "created_at", "updated_at"):
            assert getattr(copied, field.attname) == getattr(default, field.attname), field.name
    assert copied.created_at == copied.updated_at is not None


def test_rows_without_ids_take_them_from_the_sequence(places):
    job = PublishedJobFactory()
    links = [{"job_id": job.pk, "place_id": place.pk} for place in (places.austin, places.texas)]
    assert rows_copy(Job.places.through, iter(links)) == 2
    assert set(job.places.all()) == {places.austin, places.texas}
    assert rows_copy(Job.places.through, []) == 0
