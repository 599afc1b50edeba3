"""The demo data: deterministic, realistic, and loaded consistently with what the ORM writes."""

import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from companies.models import Company, CompanySlugRedirect
from jobboard.demo.catalogue import companies_seed, places_seed
from jobboard.demo.jobs import JobGenerator, catalogue_load
from listings.html import html_to_text, sanitize_html
from listings.models import Job, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def generator(db):
    places_seed()
    companies_seed(rng=random.Random(1), count=60)
    return lambda seed: JobGenerator(
        catalogue=catalogue_load(), rng=random.Random(seed), now=timezone.now()
    )


def test_same_seed_makes_the_same_jobs(generator):
    first, second = generator(7), generator(7)
    rows = [first.job(pk, source_id=1)[0] for pk in range(1, 50)]
    again = [second.job(pk, source_id=1)[0] for pk in range(1, 50)]
    assert [row["title"] for row in rows] == [row["title"] for row in again]
    assert [row["pay_max"] for row in rows] == [row["pay_max"] for row in again]


def test_description_text_is_what_the_orm_would_derive(generator):
    make = generator(3)
    for pk in range(1, 40):
        row, _ = make.job(pk, source_id=1)
        assert sanitize_html(row["description_html"]) == row["description_html"]
        assert html_to_text(row["description_html"]) == row["description_text"]


def test_seed_demo_loads_searchable_jobs_with_collapsed_duplicates():
    call_command("seed_demo", jobs=1500, seed=11, reset=True)
    jobs = Job.objects.all()
    assert jobs.count() == 1501  # plus the seed page's Apple posting
    assert jobs.filter(search_vector__isnull=True).count() == 0
    assert jobs.filter(duplicate_of__isnull=False).count() > 0
    duplicate = jobs.filter(duplicate_of__isnull=False).select_related("duplicate_of").first()
    assert duplicate.fingerprint == duplicate.duplicate_of.fingerprint
    california = Place.objects.get(slug="california")
    assert Job.objects.searchable().in_place(california).exists()
    assert jobs.filter(pay_min__isnull=True).exists()
    assert jobs.filter(pay_period="hour").exists()
    # past its expiry date a demo job is expired, as the daily task would have left it
    assert jobs.filter(status=Job.Status.EXPIRED).exists()
    assert not jobs.past_expiry().exists()
    # every demo title maps to an occupation at load time, so salary pages have data
    assert not jobs.filter(occupation__isnull=True).exists()
    # ids were handed out by the loader; the sequence must continue after them.
    assert Job.objects.create(
        title="After the load",
        company=jobs.first().company,
        description_html="<p>x</p>",
    ).pk > max(jobs.values_list("pk", flat=True).exclude(title="After the load"))


def test_seed_demo_if_empty_leaves_existing_data_alone():
    call_command("seed_demo", jobs=200, seed=1, reset=True)
    call_command("seed_demo", jobs=200, seed=1, if_empty=True)
    assert Job.objects.count() == 201


def test_showcase_job_is_the_seed_pages_apple_posting(client):
    call_command("seed_demo", jobs=0, seed=1, reset=True)
    job = Job.objects.get(company__name="Apple")
    response = client.get(job.get_absolute_url())
    assert "$133.60K - $160.50K/yr" in response.content.decode()
    assert "Sunnyvale, CA" in response.content.decode()


def test_demo_companies_take_free_slugs_beside_companies_that_read_the_same(client):
    Company.objects.create(name="Apple!")
    CompanySlugRedirect.objects.create(
        old_slug="apple-2", company=Company.objects.create(name="Pear")
    )
    companies_seed(rng=random.Random(1), count=30)
    apple = Company.objects.get(name="Apple")
    assert apple.slug == "apple-3"
    assert client.get(apple.get_absolute_url()).status_code == 200


def test_seed_demo_add_brings_new_jobs_visible_from_now():
    call_command("seed_demo", jobs=30, seed=3)
    loaded = Job.objects.count()
    last = Job.objects.order_by("-pk").values_list("pk", flat=True)[0]
    before = timezone.now()
    call_command("seed_demo", add=12)
    assert Job.objects.count() == loaded + 12
    new = Job.objects.filter(published_at__gte=before)
    assert new.count() == Job.objects.filter(pk__gt=last, status="published").count() > 0
    assert not Job.objects.filter(pk__lte=last, published_at__gte=before).exists()


def test_every_demo_city_has_its_centre_and_neighbours_within_25_miles(zip_codes):
    places_seed()
    cities = Place.objects.filter(kind=Place.Kind.CITY)
    assert cities.count() > 50
    assert not cities.filter(latitude__isnull=True).exists()
    san_jose = cities.get(slug="san-jose-ca")
    near = set(
        Place.objects.filter(pk__in=Place.objects.ids_near(san_jose.point, miles=25)).values_list(
            "name", flat=True
        )
    )
    assert {"San Jose", "Sunnyvale", "Santa Clara", "Cupertino", "Mountain View"} <= near
    assert "San Francisco" not in near
