"""Admin: saved jobs are listed and searched, read-only."""

import pytest
from django.urls import reverse

from tests.companies.factories import UserFactory
from tests.factories import PublishedJobFactory
from tests.saved.factories import SavedJobFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:saved_savedjob_changelist")


def test_saved_jobs_are_searched_by_email_and_job_title(admin_client):
    ada = UserFactory(username="ada@example.com")
    SavedJobFactory(user=ada, job=PublishedJobFactory(title="Welder"))
    SavedJobFactory(job=PublishedJobFactory(title="Baker"))

    by_email = admin_client.get(CHANGELIST, {"q": "ada@example"}).content.decode()
    assert "1 saved job" in by_email and "ada@example.com" in by_email

    by_title = admin_client.get(CHANGELIST, {"q": "baker"}).content.decode()
    assert "1 saved job" in by_title and "ada@example.com" not in by_title


def test_saved_jobs_cannot_be_added_or_changed_in_admin(admin_client):
    saved = SavedJobFactory()
    assert admin_client.get(reverse("admin:saved_savedjob_add")).status_code == 403
    change = reverse("admin:saved_savedjob_change", args=[saved.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_changelist_queries_are_bounded(admin_client, django_assert_max_num_queries):
    SavedJobFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        assert admin_client.get(CHANGELIST).status_code == 200
