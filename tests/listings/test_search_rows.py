"""The search table (``SearchRow``): the database keeps it a copy of the live jobs' searched
columns, whatever writes the jobs (migration 0022's triggers)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone

from listings.bulk import copy_fields, ids_reserve, rows_copy
from listings.models import Job, SearchRow
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
SEARCHED = [field.attname for field in SearchRow._meta.concrete_fields]


def row_of(job: Job) -> dict | None:
    return SearchRow.objects.filter(pk=job.pk).values(*SEARCHED).first()


def job_columns(job: Job) -> dict:
    return Job.objects.filter(pk=job.pk).values(*SEARCHED).get()


def row_location(job: Job) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid::text FROM listings_searchrow WHERE id = %s", [job.pk])
        return cursor.fetchone()[0]


def test_a_published_job_has_a_row_holding_its_searched_columns(places):
    job = PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    row = row_of(job)
    assert row == job_columns(job)
    assert row["place_ids"] and row["search_vector"] and row["title_key"] == "registered nurse"


def test_only_live_jobs_have_rows():
    draft = PublishedJobFactory(status=Job.Status.DRAFT)
    original, duplicate = PublishedJobFactory.create_batch(2)
    Job.objects.filter(pk=duplicate.pk).update(duplicate_of=original)
    assert row_of(draft) is None and row_of(duplicate) is None
    assert row_of(original) is not None


def test_searchable_rows_are_the_searchable_jobs():
    open_job, expired, draft, duplicate = PublishedJobFactory.create_batch(4)
    Job.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    Job.objects.filter(pk=draft.pk).update(status=Job.Status.DRAFT)
    Job.objects.filter(pk=duplicate.pk).update(duplicate_of=open_job)
    searchable = set(Job.objects.searchable().values_list("pk", flat=True))
    assert set(SearchRow.objects.searchable().values_list("pk", flat=True)) == searchable
    assert searchable == {open_job.pk}


def test_a_job_leaving_and_rejoining_the_board_loses_and_regains_its_row():
    job = PublishedJobFactory()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CLOSED)
    assert row_of(job) is None
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PUBLISHED)
    assert row_of(job) == job_columns(job)
    other = PublishedJobFactory()
    Job.objects.filter(pk=job.pk).update(duplicate_of=other)
    assert row_of(job) is None


def test_a_changed_title_rewrites_the_row_and_search_finds_it(client):
    job = PublishedJobFactory(title="Barista")
    Job.objects.filter(pk=job.pk).update(title="Truck Driver")
    assert row_of(job) == job_columns(job)
    results = client.get("/jobs/", {"q": "truck driver"}).context["results"]
    assert [found.pk for found in results.jobs] == [job.pk]
    assert not client.get("/jobs/", {"q": "barista"}).context["results"].jobs


def test_writes_to_columns_search_does_not_read_leave_the_row_alone():
    job = PublishedJobFactory()
    before = row_location(job)
    Job.objects.filter(pk=job.pk).update(view_count=F("view_count") + 1)
    assert row_location(job) == before


def test_many_jobs_written_in_one_statement_are_copied_in_one_statement():
    jobs = PublishedJobFactory.create_batch(3, featured=False)
    Job.objects.filter(pk__in=[job.pk for job in jobs]).update(featured=True)
    assert SearchRow.objects.filter(pk__in=[job.pk for job in jobs], featured=True).count() == 3
    Job.objects.filter(pk__in=[jobs[0].pk, jobs[1].pk]).delete()
    assert list(SearchRow.objects.filter(pk__in=[job.pk for job in jobs])) == [
        SearchRow.objects.get(pk=jobs[2].pk)
    ]


def test_jobs_copied_in_bulk_get_rows():
    saved = PublishedJobFactory()
    saved.refresh_from_db()
    row = {field.attname: getattr(saved, field.attname) for field in copy_fields(Job)}
    [row["id"]] = ids_reserve(Job, 1)
    rows_copy(Job, [row])
    copied = Job.objects.get(pk=row["id"])
    assert row_of(copied) == job_columns(copied)


def test_emptying_the_job_table_empties_the_search_table():
    PublishedJobFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign key checks
        cursor.execute("TRUNCATE listings_job CASCADE")
    assert not SearchRow.objects.exists()


def test_a_broad_count_stops_in_the_first_partition_it_reads():
    PublishedJobFactory.create_batch(24, title="Nurse")
    matches = SearchRow.objects.filter(heading_vector="nurse").values("pk")[:2]
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE listings_searchrow")
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM ({sql}) AS m", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Append" in plan
    assert "(never executed)" in plan
