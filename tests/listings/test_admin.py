import pytest
from django.urls import reverse

from listings.models import Job, Place
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


@pytest.mark.parametrize(
    "name", ["listings_place", "listings_source", "companies_company", "companies_industry"]
)
def test_other_admin_lists_load(admin_client, places, name):
    PublishedJobFactory()
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_anonymous_cannot_reach_admin(client):
    response = client.get(reverse("admin:listings_job_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _place_form(place, **changes) -> dict:
    data = {
        "name": place.name,
        "kind": place.kind,
        "parent": place.parent_id or "",
        "code": place.code,
        "slug": place.slug,
        "population": place.population,
    }
    return {**data, **changes}


def test_changing_a_places_parent_in_admin_moves_its_children_and_jobs(admin_client, places):
    mexico = Place.objects.create(name="Mexico", kind=Place.Kind.COUNTRY, code="MX")
    job = PublishedJobFactory(places=[places.austin])
    url = reverse("admin:listings_place_change", args=[places.texas.pk])
    response = admin_client.post(url, _place_form(places.texas, parent=mexico.pk))
    assert response.status_code == 302
    places.austin.refresh_from_db()
    assert places.austin.lineage == [mexico.pk, places.texas.pk, places.austin.pk]
    job.refresh_from_db()
    assert places.us.pk not in job.place_ids and mexico.pk in job.place_ids


def test_admin_refuses_to_put_a_place_inside_its_own_city(admin_client, places):
    url = reverse("admin:listings_place_change", args=[places.texas.pk])
    response = admin_client.post(url, _place_form(places.texas, parent=places.austin.pk))
    assert response.status_code == 200
    assert "cannot be inside itself" in response.content.decode()
    places.texas.refresh_from_db()
    assert places.texas.parent_id == places.us.pk
