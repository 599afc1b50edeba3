"""Realistic demo data: places, companies and jobs, generated deterministically and loaded by COPY.

A million jobs load in minutes: rows are generated in Python and streamed to PostgreSQL with
COPY while the database computes search vectors in its trigger, so both cores stay busy. The
description's HTML and its plain text are built from the same parts, so no HTML is parsed here.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from html import escape

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from companies.models import (
    Company,
)
from jobboard.demo.job_data import (
    FAMILY_TEXT,
    SENIOR_FAMILIES,
    SENIORITY,
    STATES,
    TITLES,
    Title,
)
from listings.bulk import rows_copy
from listings.dedupe import jobs_collapse_duplicates
from listings.derived import job_derived_fields
from listings.ingest.models import Source
from listings.models import Job, Place
from listings.services import derived_lookups
from salaries.normaliser import occupation_ids_for_titles

DUPLICATE_SHARE = 0.03
NO_PAY_SHARE = 0.05
DAYS_OF_POSTINGS = 60


@dataclass(frozen=True)
class City:
    place: Place
    pay_factor: float


@dataclass(frozen=True)
class Catalogue:
    """What jobs are drawn from: cities by population, companies by industry."""

    cities: list[City]
    city_weights: list[int]
    companies_by_industry: dict[str, list[tuple[int, str]]]


def catalogue_load() -> Catalogue:
    """Read places and companies back in the shape the job generator wants."""
    factors = {
        slugify(f"{city} {code}"): factor
        for _, code, cities in STATES
        for city, _, factor in cities
    }
    cities = [
        City(place=place, pay_factor=factors.get(place.slug, 1.0))
        for place in Place.objects.filter(kind=Place.Kind.CITY).order_by("pk")
    ]
    by_industry: dict[str, list[tuple[int, str]]] = {}
    for pk, name, industry in Company.objects.order_by("pk").values_list(
        "pk", "name", "industry__name"
    ):
        by_industry.setdefault(industry, []).append((pk, name))
    return Catalogue(
        cities=cities,
        city_weights=[max(1, city.place.population // 10_000) for city in cities],
        companies_by_industry=by_industry,
    )


def _possible_titles() -> set[str]:
    """Every title the generator can write: base names and variants, with seniority words."""
    titles = set()
    for title in TITLES:
        for name in (title.name, *title.variants):
            if title.family in SENIOR_FAMILIES:
                titles.update(f"{prefix}{name}{suffix}" for prefix, suffix, *_ in SENIORITY)
            else:
                titles.add(name)
    return titles


class JobGenerator:
    """Makes one realistic job row at a time; the same seed always makes the same jobs."""

    def __init__(
        self,
        *,
        catalogue: Catalogue,
        rng: random.Random,
        now: datetime,
        days_of_postings: float = DAYS_OF_POSTINGS,
        published_now: bool = False,
    ):
        self.catalogue = catalogue
        # Demo jobs became visible when posted; jobs added now leave it to the table's trigger.
        self.published_now = published_now
        self.rng = rng
        self.now = now
        self.minutes_of_postings = max(1, int(days_of_postings * 24 * 60))
        # Read before the load starts (the COPY holds the connection until it ends), so the
        # load writes each job's occupation and no later pass rewrites every row.
        self.lookups = derived_lookups(
            occupation_ids=occupation_ids_for_titles(sorted(_possible_titles()))
        )
        self.title_weights = [title.weight for title in TITLES]
        self.seniority_weights = [weight for *_, weight in SENIORITY]

    def job(self, pk: int, source_id: int) -> tuple[dict, list[int]]:
        """A job row for ``rows_copy``, and the ids of the places to link it to."""
        rng = self.rng
        title = rng.choices(TITLES, self.title_weights)[0]
        name, seniority = self._title_text(title)
        company_id, company = self._company(title)
        workplace = self._workplace(title)
        city = rng.choices(self.catalogue.cities, self.catalogue.city_weights)[0]
        if workplace == Job.WorkplaceType.REMOTE and rng.random() < 0.6:
            places, pay_factor = [], 1.0
        else:
            places, pay_factor = [city.place], city.pay_factor
        posted_at = self.now - timedelta(minutes=rng.randint(0, self.minutes_of_postings))
        expires_at = posted_at + timedelta(days=rng.choice([45, 60, 75, 90]))
        html, text = self._description(title, name, company, None if not places else city)
        row = {
            "id": pk,
            "title": name,
            "company_id": company_id,
            "workplace_type": workplace,
            "employment_type": self._employment_type(title),
            "apply_url": f"https://careers.{slugify(company)}.example/jobs/{pk}",
            "posted_at": posted_at,
            "published_at": None if self.published_now else posted_at,
            "expires_at": expires_at,
            "status": self._status(expired=expires_at <= self.now),
            "featured": rng.random() < 0.01,
            "source_id": source_id,
            "external_id": f"demo-{pk}",
            "created_at": posted_at,
            "updated_at": posted_at,
            **self._pay(title, seniority * pay_factor),
        }
        row |= job_derived_fields(
            title=name,
            company_id=company_id,
            workplace_type=workplace,
            description_html=html,
            description_text=text,
            pay_min=row["pay_min"],
            pay_max=row["pay_max"],
            pay_currency=row["pay_currency"],
            pay_period=row["pay_period"],
            places=places,
            lookups=self.lookups,
        )
        return row, [place.pk for place in places]

    def duplicate(self, original: dict, places: list[int], pk: int) -> tuple[dict, list[int]]:
        """The same posting again, as another board syndicating it would list it days later."""
        copy = dict(original)
        later = original["posted_at"] + timedelta(hours=self.rng.randint(2, 96))
        if later > self.now:
            later = original["posted_at"] + (self.now - original["posted_at"]) / 2
        copy.update(
            id=pk,
            external_id=f"demo-{pk}",
            posted_at=later,
            published_at=None if self.published_now else later,
            created_at=later,
            updated_at=later,
        )
        copy["featured"] = False
        return copy, places

    def _title_text(self, title: Title) -> tuple[str, float]:
        rng = self.rng
        name = title.name
        if title.variants and rng.random() < 0.3:
            name = rng.choice(title.variants)
        if title.family not in SENIOR_FAMILIES:
            return name, 1.0
        prefix, suffix, factor, _ = rng.choices(SENIORITY, self.seniority_weights)[0]
        return f"{prefix}{name}{suffix}", factor

    def _company(self, title: Title) -> tuple[int, str]:
        industry = self.rng.choice(title.industries)
        return self.rng.choice(self.catalogue.companies_by_industry[industry])

    def _workplace(self, title: Title) -> str:
        roll = self.rng.random()
        if roll < title.remote_share:
            return Job.WorkplaceType.REMOTE
        if roll < title.remote_share + title.hybrid_share:
            return Job.WorkplaceType.HYBRID
        return Job.WorkplaceType.ON_SITE

    def _employment_type(self, title: Title) -> str:
        roll = self.rng.random()
        if title.hourly_share > 0.5 and roll < 0.25:
            return Job.EmploymentType.PART_TIME
        if title.family == "care" and roll < 0.33:
            return Job.EmploymentType.PER_DIEM
        if title.family in ("software", "ml", "office") and roll < 0.08:
            return Job.EmploymentType.CONTRACT
        if roll > 0.985:
            return Job.EmploymentType.TEMPORARY if title.hourly_share else "internship"
        return Job.EmploymentType.FULL_TIME

    def _status(self, *, expired: bool) -> str:
        """Mostly published; past its expiry date a job is expired, as the daily task leaves it."""
        roll = self.rng.random()
        if expired or roll < 0.02:
            return Job.Status.EXPIRED
        if roll < 0.03:
            return Job.Status.CLOSED
        return Job.Status.PUBLISHED

    def _pay(self, title: Title, factor: float) -> dict:
        rng = self.rng
        if rng.random() < NO_PAY_SHARE:
            return {"pay_min": None, "pay_max": None, "pay_period": "", "pay_currency": "USD"}
        middle = title.annual_median * factor * rng.lognormvariate(0, 0.12)
        low, high = middle * rng.uniform(0.8, 0.95), middle * rng.uniform(1.05, 1.25)
        if rng.random() < title.hourly_share:
            period, step = Job.PayPeriod.HOUR, Decimal("0.25")
            low, high = low / 2080, high / 2080
        else:
            period, step = Job.PayPeriod.YEAR, Decimal("500")
        pay_min = (Decimal(low) / step).quantize(Decimal(1)) * step
        pay_max = (Decimal(high) / step).quantize(Decimal(1)) * step
        if rng.random() < 0.1:
            pay_min = pay_max  # a single figure, as many postings state it
        return {"pay_min": pay_min, "pay_max": pay_max, "pay_currency": "USD", "pay_period": period}

    def _description(
        self, title: Title, name: str, company: str, city: City | None
    ) -> tuple[str, str]:
        rng = self.rng
        text = FAMILY_TEXT[title.family]
        where = f" in {city.place.name}" if city else ", working remotely"
        summary = (
            f"{company} is hiring a {name}{where} to {rng.choice(text['duty'])}. "
            f"You will join a team that values clear work and good judgement."
        )
        sections = [
            ("Job Summary", [summary], False),
            ("Responsibilities", rng.sample(text["do"], min(5, len(text["do"]))), True),
            ("Required qualifications", rng.sample(text["need"], min(4, len(text["need"]))), True),
            ("Preferred qualifications", rng.sample(text["plus"], min(2, len(text["plus"]))), True),
            (
                "Benefits",
                [
                    "Medical, dental and vision coverage, paid time off, and a 401(k) with a "
                    "company match."
                ],
                False,
            ),
        ]
        html, lines = [], []
        for heading, items, as_list in sections:
            lines.append(heading)
            lines.extend(items)
            body = "".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
            html.append(
                f"<h3>{heading}</h3>"
                + (f"<ul>{body}</ul>" if as_list else f"<p>{escape(items[0], quote=False)}</p>")
            )
        return "".join(html), "\n".join(lines)


def jobs_seed(
    *,
    count: int,
    rng: random.Random,
    progress: Callable[[int], None] = lambda done: None,
    days_of_postings: float = DAYS_OF_POSTINGS,
    published_now: bool = False,
) -> int:
    """Generate ``count`` jobs (about 3% of them duplicate postings) and COPY them in, posted
    over the last ``days_of_postings`` days; ``published_now`` makes them visible from now on,
    as new postings are, instead of since they were posted.

    Ids are given here, after the highest existing one, so the place links can be copied in the
    same pass; the id sequence is moved past them afterwards. Returns how many were loaded.
    """
    catalogue = catalogue_load()
    source, _ = Source.objects.get_or_create(name="Demo data", kind=Source.Kind.DEMO)
    generator = JobGenerator(
        catalogue=catalogue,
        rng=rng,
        now=timezone.now(),
        days_of_postings=days_of_postings,
        published_now=published_now,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE listings_job IN EXCLUSIVE MODE")
        cursor.execute("SELECT coalesce(max(id), 0) FROM listings_job")
        first_id = cursor.fetchone()[0] + 1
        links: list[tuple[int, int]] = []
        rows_copy(Job, _rows(generator, first_id, count, source.pk, links, progress))
        rows_copy(
            Job.places.through,
            ({"job_id": job_id, "place_id": place_id} for job_id, place_id in links),
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('listings_job', 'id'), %s)",
            [first_id + count - 1],
        )
    jobs_collapse_duplicates()
    return count


def _rows(
    generator: JobGenerator,
    first_id: int,
    count: int,
    source_id: int,
    links: list[tuple[int, int]],
    progress: Callable[[int], None],
) -> Iterator[dict]:
    previous = None
    for pk in range(first_id, first_id + count):
        if previous is not None and generator.rng.random() < DUPLICATE_SHARE:
            row, places = generator.duplicate(*previous, pk)
        else:
            row, places = generator.job(pk, source_id)
            previous = (row, places)
        links.extend((pk, place_id) for place_id in places)
        if (pk - first_id + 1) % 1000 == 0:
            progress(1000)
        yield row
    progress(count % 1000)
