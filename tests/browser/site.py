"""One small, complete site for the page-by-page browser checks: every public page type has
something to show (results over two pages, a rated company, salary figures, a closed job)."""

from types import SimpleNamespace

from django.test import Client

from companies.aggregates import company_ratings_refresh
from listings.models import Place
from salaries.models import FaqEntry, Occupation
from salaries.services import salary_aggregates_refresh
from tests.companies.factories import ApprovedRatingFactory
from tests.factories import ClosedJobFactory, CompanyFactory, IndustryFactory, PublishedJobFactory


def make_site() -> SimpleNamespace:
    """The data and the address of every public page type, keyed by page type."""
    us = Place.objects.create(name="United States", kind="country", code="US")
    california = Place.objects.create(name="California", kind="state", code="CA", parent=us)
    san_jose = Place.objects.create(name="San Jose", kind="city", parent=california)
    sunnyvale = Place.objects.create(name="Sunnyvale", kind="city", parent=california)
    nurse = Occupation.objects.create(
        name="Registered Nurse", description="Cares for patients.", skills="Clinical care."
    )
    practical = Occupation.objects.create(name="Licensed Practical Nurse")
    nurse.related.add(practical)
    FaqEntry.objects.create(
        occupation=nurse, question="What does a Registered Nurse do?", answer="Cares for patients."
    )
    company = CompanyFactory(
        name="Valley Health", slug="valley-health", industry=IndustryFactory(name="Healthcare")
    )
    for score in (9, 8, 7):
        ApprovedRatingFactory(company=company, overall=score, comment="Good team, fair pay.")
    jobs = [
        PublishedJobFactory(
            title="Registered Nurse",
            company=company,
            occupation=nurse,
            pay_min=90_000 + index * 2_000,
            pay_max=110_000 + index * 2_000,
            places=[san_jose if index % 2 else sunnyvale],
        )
        for index in range(25)
    ]
    for index in range(6):
        PublishedJobFactory(
            title="Licensed Practical Nurse",
            occupation=practical,
            pay_min=55_000 + index * 1_000,
            pay_max=65_000 + index * 1_000,
            places=[san_jose],
        )
    closed = ClosedJobFactory(title="Registered Nurse", company=company, places=[san_jose])
    salary_aggregates_refresh()
    company_ratings_refresh()
    return SimpleNamespace(
        job=jobs[0],
        closed=closed,
        urls={
            "home": "/",
            "results": "/jobs/?q=nurse&l=California",
            "landing": "/jobs/registered-nurse/california/",
            "job detail": jobs[0].get_absolute_url(),
            "closed job": closed.get_absolute_url(),
            "salary index": "/salaries/",
            "salary page": "/salaries/registered-nurse/california/",
            "salary compare": "/salaries/compare/registered-nurse/licensed-practical-nurse/",
            "company page": company.get_absolute_url(),
            "top rated companies": "/companies/",
            "login": "/accounts/login/",
            "sign-up": "/accounts/signup/",
        },
    )


def log_in(page, live_server, user) -> None:
    """Give the page's browser context a logged-in session for the user, without the form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
