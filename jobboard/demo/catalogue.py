"""The demo's catalogue: the United States with its states and cities, and the companies."""

import random

from django.db import connection, transaction
from django.utils.text import slugify

from companies.models import (
    Company,
    CompanySlugRedirect,
    Industry,
    company_slug_base,
    company_slug_free,
)
from jobboard.demo.job_data import INDUSTRIES, KNOWN_COMPANIES, NAME_STEMS, NAME_SUFFIXES, STATES
from listings.models import Place
from listings.places import city_centre

COMPANY_COUNT = 500


def demo_reset() -> None:
    """Delete every job, company, place and source (the demo owns the whole catalogue)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE listings_job, listings_job_places, companies_company, companies_industry, "
            "listings_place, listings_source RESTART IDENTITY CASCADE"
        )


@transaction.atomic
def places_seed() -> None:
    """The United States with its states and cities (with their centres), and "Remote";
    idempotent."""
    us, _ = Place.objects.get_or_create(
        slug="united-states",
        defaults={"name": "United States", "kind": Place.Kind.COUNTRY, "code": "US"},
    )
    Place.objects.get_or_create(slug="remote", defaults={"name": "Remote", "kind": "remote"})
    for state_name, code, cities in STATES:
        state, _ = Place.objects.get_or_create(
            slug=slugify(state_name),
            defaults={"name": state_name, "kind": Place.Kind.STATE, "code": code, "parent": us},
        )
        for city_name, population, _factor in cities:
            centre = city_centre(name=city_name, state=state) or (None, None)
            Place.objects.get_or_create(
                slug=slugify(f"{city_name} {code}"),
                defaults={
                    "name": city_name,
                    "kind": Place.Kind.CITY,
                    "parent": state,
                    "population": population,
                    "latitude": centre[0],
                    "longitude": centre[1],
                },
            )


@transaction.atomic
def companies_seed(*, rng: random.Random, count: int = COMPANY_COUNT) -> None:
    """About ``count`` companies spread over the industries, with facts; idempotent."""
    industries = {name: Industry.objects.get_or_create(name=name)[0] for name in INDUSTRIES}
    wanted = [dict(facts) for facts in KNOWN_COMPANIES]
    cities = [(city, code) for _, code, state_cities in STATES for city, _, _ in state_cities]
    sizes = [choice for choice, _ in Company.Size.choices]
    names = {facts["name"] for facts in wanted}
    while len(wanted) < count:
        industry = INDUSTRIES[len(wanted) % len(INDUSTRIES)]
        name = f"{rng.choice(NAME_STEMS)} {rng.choice(NAME_SUFFIXES[industry])}"
        if name in names:
            continue
        names.add(name)
        city, code = rng.choice(cities)
        wanted.append(
            {
                "name": name,
                "industry": industry,
                "size": rng.choice(sizes),
                "headquarters": f"{city}, {code}, US",
                "year_founded": rng.randint(1890, 2022),
                "website": f"https://www.{slugify(name)}.example",
                "description": f"{name} is a {industry.lower()} employer based in {city}, {code}.",
            }
        )
    existing = set(Company.objects.values_list("name", flat=True))
    # Company.save's slug rule, in bulk: the taken slugs read once, not once per company.
    taken = set(Company.objects.values_list("slug", flat=True))
    taken.update(CompanySlugRedirect.objects.values_list("old_slug", flat=True))
    companies = []
    for facts in wanted:
        if facts["name"] in existing:
            continue
        slug = company_slug_free(company_slug_base(facts["name"]), taken=taken)
        taken.add(slug)
        companies.append(Company(**{**facts, "industry": industries[facts["industry"]]}, slug=slug))
    Company.objects.bulk_create(companies)
