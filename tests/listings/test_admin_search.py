"""The job admin at scale: search through the indexes, lists that never count every row."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from listings.models import Job
from listings.paging import EstimatedCountPaginator
from tests.companies.factories import UserFactory
from tests.factories import (
    CompanyFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    duplicate_posting,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:listings_job_changelist")


def listed(client, **params) -> set[int]:
    """Ids of the jobs the changelist shows for ``params``."""
    response = client.get(URL, params)
    assert response.status_code == 200
    return {job.pk for job in response.context["cl"].result_list}


def test_keyword_search_finds_what_public_search_finds_in_every_status(admin_client):
    nurse = PublishedJobFactory(title="Registered Nurse")
    draft = DraftJobFactory(title="Nurse Practitioner")
    expired = ExpiredJobFactory(title="Night Nurse")
    in_text = PendingJobFactory(title="Carer", description_html="<p>Works beside nurses.</p>")
    copy = duplicate_posting(nurse)
    PublishedJobFactory(title="Welder", description_html="<p>Welds steel.</p>")
    assert listed(admin_client, q="nurses") == {nurse.pk, draft.pk, expired.pk, in_text.pk, copy.pk}
    # The heading keeps stop words, as on the public search; web-search syntax works too.
    it = DraftJobFactory(title="IT Support Specialist")
    assert listed(admin_client, q="IT") == {it.pk}
    assert listed(admin_client, q='nurse -"night"') == {nurse.pk, draft.pk, in_text.pk, copy.pk}


def test_search_by_id_external_id_and_company_name(admin_client):
    acme = CompanyFactory(name="Acme, Inc.")
    welder = ExpiredJobFactory(title="Welder", company=acme)
    fitter = DraftJobFactory(title="Pipe Fitter", company=acme)
    fed = PublishedJobFactory(title="Painter", external_id="gh-4471")
    other = PublishedJobFactory(title="Baker")
    PublishedJobFactory(title="Cook", description_html=f"<p>Room {other.pk}.</p>")
    # An id lists its job, not also every job whose text holds the number.
    assert listed(admin_client, q=str(other.pk)) == {other.pk}
    assert listed(admin_client, q=" gh-4471 ") == {fed.pk}
    # The company as any spelling of its name reads ("Acme Inc" finds "Acme, Inc."), and
    # not the jobs that merely mention it.
    PublishedJobFactory(title="Cook", description_html="<p>Formerly of Acme, Inc.</p>")
    assert listed(admin_client, q="acme inc") == {welder.pk, fitter.pk}


@pytest.mark.parametrize(
    "term",
    ["-", '""', "!!&|:*", "'); DROP TABLE listings_job; --", "9" * 40, "nurse " * 400, "<b>"],
)
def test_hostile_search_terms_list_nothing_instead_of_failing(admin_client, term):
    PublishedJobFactory(title="Registered Nurse")
    DraftJobFactory(title="Welder")
    found = listed(admin_client, q=term)
    assert found == (
        set(Job.objects.filter(title="Registered Nurse").values_list("pk", flat=True))
        if term.startswith("nurse")
        else set()
    )


def test_search_needs_the_right_to_view_jobs(client):
    PublishedJobFactory(title="Registered Nurse")
    staff = UserFactory(username="staff@example.com", is_staff=True)
    client.force_login(staff)
    assert client.get(URL, {"q": "nurse"}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_job"))
    assert client.get(URL, {"q": "nurse"}).status_code == 200


@pytest.fixture
def small_cap(monkeypatch):
    """Count exactly up to 3 jobs and show 2 a page, so five jobs are a long list."""
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 3)
    monkeypatch.setattr(admin.site._registry[Job], "list_per_page", 2)


def test_a_list_longer_than_the_cap_shows_an_estimate_and_every_page(admin_client, small_cap):
    jobs = PublishedJobFactory.create_batch(5)
    with connection.cursor() as cursor:
        # The estimate is the planner's: from this test's five rows, not whatever an earlier
        # test or autovacuum left in the table's statistics.
        cursor.execute("ANALYZE listings_job")
    response = admin_client.get(URL)
    cl = response.context["cl"]
    assert cl.paginator.estimated and cl.result_count >= 5
    assert f"about {cl.result_count} jobs" in response.content.decode()
    pages = [listed(admin_client, p=str(number)) for number in (1, 2, 3)]
    assert set().union(*pages) == {job.pk for job in jobs}


def test_a_list_within_the_cap_is_counted_exactly(admin_client, small_cap):
    PublishedJobFactory.create_batch(2)
    draft = DraftJobFactory()
    response = admin_client.get(URL, {"status__exact": "draft"})
    cl = response.context["cl"]
    assert not cl.paginator.estimated and cl.result_count == 1
    assert [job.pk for job in cl.result_list] == [draft.pk]
    assert "1 job\n" in response.content.decode() and "about" not in response.content.decode()


def _job_queries(client, **params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return [q["sql"] for q in queries if 'FROM "listings_job"' in q["sql"]]


@pytest.mark.parametrize(
    "params", [{}, {"status__exact": "published"}, {"q": "engineer"}, {"p": "2"}]
)
def test_lists_never_count_every_job_and_their_queries_are_bounded(admin_client, small_cap, params):
    PublishedJobFactory.create_batch(5)
    job_queries = _job_queries(admin_client, **params)
    # The capped count, the planner's estimate, the page's ids and its rows (and a search's
    # look for an id); the filters' choices and dates read no job.
    assert len(job_queries) == (5 if "q" in params else 4)
    assert [sql for sql in job_queries if "COUNT(" in sql and "LIMIT 4" not in sql] == []
    assert any(sql.startswith("EXPLAIN") for sql in job_queries)
    PublishedJobFactory.create_batch(10)
    with CaptureQueriesContext(connection) as before:
        admin_client.get(URL, params)
    PublishedJobFactory.create_batch(10)
    with CaptureQueriesContext(connection) as after:
        admin_client.get(URL, params)
    assert len(after) == len(before)


def test_the_status_filter_lists_that_status_only(admin_client):
    published = PublishedJobFactory()
    pending = PendingJobFactory()
    assert listed(admin_client, status__exact="pending") == {pending.pk}
    assert listed(admin_client, status__exact="published") == {published.pk}
    assert listed(admin_client, status__exact="pending", q="engineer") == {pending.pk}


def test_the_action_checkbox_is_djangos_markup(admin_client):
    job = PublishedJobFactory(title="Welder & Fitter")
    html = admin_client.get(URL).content.decode()
    assert (
        f'<input type="checkbox" name="_selected_action" value="{job.pk}" class="action-select" '
        f'aria-label="Select this object for an action - Welder &amp; Fitter at {job.company}">'
    ) in html
