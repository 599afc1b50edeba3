import pytest
from django.urls import reverse

from listings.models import Job
from tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_job_list_shows_status_at_a_glance(admin_client):
    PublishedJobFactory(title="Welder")
    DraftJobFactory(title="Painter")
    response = admin_client.get(reverse("admin:listings_job_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welder" in html and "Painter" in html
    assert ">Published</span>" in html and ">Draft</span>" in html


def test_admin_search_and_filters(admin_client):
    PublishedJobFactory(title="Welder")
    DraftJobFactory(title="Painter")
    url = reverse("admin:listings_job_changelist")
    assert "Painter" not in admin_client.get(url, {"q": "welder"}).content.decode()
    assert "Welder" not in admin_client.get(url, {"status__exact": "draft"}).content.decode()
    welder = Job.objects.get(title="Welder")
    by_company = admin_client.get(url, {"company__id__exact": welder.company_id})
    assert "Welder" in by_company.content.decode()
    assert "Painter" not in by_company.content.decode()


def test_bulk_publish_dates_the_jobs(admin_client):
    draft = DraftJobFactory(expires_at=None)
    admin_client.post(
        reverse("admin:listings_job_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Job.Status.PUBLISHED
    assert draft.posted_at is not None and draft.expires_at > draft.posted_at


def test_publish_from_filtered_list_sets_posting_dates(admin_client):
    draft = DraftJobFactory(expires_at=None)
    admin_client.post(
        reverse("admin:listings_job_changelist") + "?status__exact=draft",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Job.Status.PUBLISHED
    assert draft.posted_at is not None and draft.expires_at > draft.posted_at


@pytest.mark.parametrize(
    "name", ["listings_place", "listings_source", "companies_company", "companies_industry"]
)
def test_other_admin_lists_load(admin_client, places, name):
    PublishedJobFactory()
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_anonymous_cannot_reach_admin(client):
    response = client.get(reverse("admin:listings_job_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
