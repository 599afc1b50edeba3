"""A job's derived columns: one function, whichever writer asks."""

from decimal import Decimal

import pytest

from listings.derived import job_derived_fields
from listings.models import Job
from listings.services import derived_lookups
from salaries.models import ExchangeRate, Occupation
from salaries.normaliser import occupation_ids_for_titles
from salaries.services import job_assign_occupation
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

DERIVED = [
    "description_html",
    "description_text",
    "annual_pay_min",
    "annual_pay_max",
    "usd_annual_pay_min",
    "usd_annual_pay_max",
    "place_ids",
    "fingerprint",
    "occupation_id",
]


def own_values(job: Job) -> dict:
    names = ["title", "company_id", "workplace_type", "description_html"]
    names += ["pay_min", "pay_max", "pay_currency", "pay_period"]
    return {name: getattr(job, name) for name in names}


def test_a_bulk_row_derives_what_save_and_the_services_store(places):
    ExchangeRate.objects.update_or_create(currency="GBP", defaults={"usd_per_unit": "1.25"})
    Occupation.objects.create(name="Welder")
    job = PublishedJobFactory(
        title="Senior Welder",
        workplace_type=Job.WorkplaceType.REMOTE,
        pay_min=Decimal("30"),
        pay_max=Decimal("40"),
        pay_currency="GBP",
        pay_period=Job.PayPeriod.HOUR,
        description_html='<h1>Weld</h1><p onclick="x()">Metal <b>things</b></p><script>1</script>',
        places=[places.austin],
    )
    job_assign_occupation(job=job)
    job.refresh_from_db()
    lookups = derived_lookups(occupation_ids=occupation_ids_for_titles([job.title]))
    derived = job_derived_fields(**own_values(job), places=[places.austin], lookups=lookups)
    assert sorted(derived) == sorted(DERIVED)
    assert derived == {name: getattr(job, name) for name in DERIVED}
    assert job.description_html == "<h2>Weld</h2><p>Metal <b>things</b></p>"
    assert job.usd_annual_pay_max == Decimal("104000.00")  # 40 x 2,080 hours x 1.25
    assert set(job.place_ids) == {places.us.pk, places.texas.pk, places.austin.pk, places.remote.pk}


def test_save_leaves_places_and_the_occupation_to_the_services(places):
    job = PublishedJobFactory.build(company=CompanyFactory())
    job.save()
    assert (job.place_ids, job.fingerprint, job.occupation_id) == ([], "", None)
    assert job.description_text.startswith("Job Summary")


def test_lookups_cost_one_query_each_however_many_titles(places, django_assert_num_queries):
    Occupation.objects.create(name="Welder")
    titles = [f"Welder {number}" for number in range(500)]
    with django_assert_num_queries(3):
        lookups = derived_lookups(occupation_ids=occupation_ids_for_titles(titles))
    assert lookups.remote_place_ids == [places.remote.pk]
    assert lookups.usd_rates["USD"] == 1
    assert set(lookups.occupation_ids.values()) == {Occupation.objects.get().pk}
