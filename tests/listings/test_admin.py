from decimal import Decimal

import pytest
from django.urls import reverse

from listings.models import Job, Place
from salaries.models import ExchangeRate
from tests.factories import CompanyFactory, DraftJobFactory, PublishedJobFactory

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
    "name",
    [
        "listings_place",
        "ingest_source",
        "ingest_ingestrun",
        "recruiters_jobinreview",
        "recruiters_membership",
        "recruiters_verifiedemail",
        "companies_company",
        "companies_industry",
        "salaries_exchangerate",
    ],
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


def job_form_data(company, **overrides) -> dict:
    """The job admin's add form, filled in validly."""
    data = {
        "title": "Welder",
        "company": company.pk,
        "workplace_type": "on_site",
        "employment_type": "full_time",
        "status": "draft",
        "pay_min": "50000",
        "pay_max": "60000",
        "pay_currency": "USD",
        "pay_period": "year",
        "description_html": "<p>Weld things.</p>",
        "apply_url": "https://acme.example/apply",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"pay_period": ""}, "pay_period", "Choose the period"),
        (
            {"pay_min": "1000", "pay_max": "170000", "pay_currency": "GBP", "pay_period": "month"},
            "pay_max",
            "looks wrong",
        ),
        ({"pay_min": "5000", "pay_max": "5000", "pay_period": "hour"}, "pay_min", "looks wrong"),
    ],
)
def test_job_admin_refuses_pay_without_a_period_or_implausible_pay(
    admin_client, overrides, field, message
):
    company = CompanyFactory()
    response = admin_client.post(
        reverse("admin:listings_job_add"), job_form_data(company, **overrides)
    )
    assert response.status_code == 200, response.get("Location")
    errors = response.context["adminform"].form.errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert not Job.objects.exists()


def test_job_admin_saves_plausible_pay_with_its_us_dollar_figures(admin_client):
    ExchangeRate.objects.update_or_create(currency="GBP", defaults={"usd_per_unit": "1.25"})
    company = CompanyFactory()
    data = job_form_data(company, pay_min="4000", pay_max="5000", pay_currency="GBP")
    data["pay_period"] = "month"
    response = admin_client.post(reverse("admin:listings_job_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    job = Job.objects.get()
    assert (job.annual_pay_max, job.usd_annual_pay_max) == (
        Decimal("60000.00"),
        Decimal("75000.00"),
    )


def test_changing_an_exchange_rate_in_admin_recomputes_that_currencys_jobs(admin_client):
    rate, _ = ExchangeRate.objects.update_or_create(
        currency="GBP", defaults={"usd_per_unit": "1.25"}
    )
    pounds = PublishedJobFactory(pay_min=50000, pay_max=60000, pay_currency="GBP")
    dollars = PublishedJobFactory(pay_min=50000, pay_max=60000)
    assert pounds.usd_annual_pay_max == Decimal("75000.00")
    response = admin_client.post(
        reverse("admin:salaries_exchangerate_change", args=[rate.pk]),
        {"currency": "GBP", "usd_per_unit": "1.50", "as_of": "2026-12-01"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    pounds.refresh_from_db()
    dollars.refresh_from_db()
    assert (pounds.usd_annual_pay_min, pounds.usd_annual_pay_max) == (
        Decimal("75000.00"),
        Decimal("90000.00"),
    )
    assert dollars.usd_annual_pay_max == Decimal("60000.00")
    admin_client.post(
        reverse("admin:salaries_exchangerate_delete", args=[rate.pk]), {"post": "yes"}
    )
    pounds.refresh_from_db()
    assert pounds.usd_annual_pay_max is None and pounds.annual_pay_max == Decimal("60000.00")


@pytest.mark.parametrize(
    ("currency", "message"),
    [("gbp", "Three capital letters"), ("USD", "US dollars are the unit")],
)
def test_an_exchange_rate_needs_a_currency_code_other_than_usd(admin_client, currency, message):
    response = admin_client.post(
        reverse("admin:salaries_exchangerate_add"),
        {"currency": currency, "usd_per_unit": "1.5", "as_of": "2026-12-01"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
