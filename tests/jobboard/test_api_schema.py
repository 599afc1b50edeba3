"""The OpenAPI schema, tested by schemathesis against the running app: no 5xx, and every
response (status, content type, body) as the schema says."""

from decimal import Decimal

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from companies.aggregates import company_ratings_refresh
from salaries.models import Occupation
from salaries.services import salary_aggregates_refresh
from tests.companies.factories import ApprovedRatingFactory
from tests.factories import ClosedJobFactory, CompanyFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def board(places):
    """A little of everything each endpoint shows: rated company, jobs with and without pay,
    a closed job, an occupation with published figures."""
    company = CompanyFactory(name="Acme", slug="acme")
    ApprovedRatingFactory.create_batch(2, company=company, overall=8)
    company_ratings_refresh()
    nurse = Occupation.objects.create(name="Registered Nurse")
    for n in range(6):
        PublishedJobFactory(
            title="Registered Nurse",
            company=company,
            occupation=nurse,
            places=[places.san_jose],
            pay_min=Decimal(90000 + 1000 * n),
            pay_max=Decimal(110000 + 1000 * n),
        )
    unpaid = PublishedJobFactory(pay_min=None, pay_max=None, pay_period="", places=[places.remote])
    closed = ClosedJobFactory(company=company)
    salary_aggregates_refresh()
    return {"company": company, "nurse": nurse, "jobs": [unpaid, closed]}


@pytest.fixture
def api_schema(live_server, settings, board):
    # Schemathesis sends hundreds of requests from one address; the throttle has its own tests.
    settings.API_THROTTLE_RATE = ""
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode))
def test_every_operation_answers_as_its_schema_says(api_schema, mode):
    """Each operation of the served schema, with data that fits it (positive) and data that
    does not (negative): 25 examples each, so the run stays within a minute or two.

    Hypothesis is driven directly rather than through ``schema.parametrize()``, whose pytest
    integration does not run under pytest 9.2 yet.
    """
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 8
    unbreakable = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            case.call_and_validate(checks=CHECKS)

        try:
            answers_as_documented()
        except Unsatisfiable:
            # Nothing can break the schema of an unconstrained string (a slug in the path).
            assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label
            unbreakable.append(operation.label)
    assert len(unbreakable) <= 3, unbreakable


def test_real_data_answers_as_the_schema_says(api_schema, board, places):
    """Generated slugs and ids rarely exist; these do, so 200 bodies are checked too."""
    company, nurse = board["company"], board["nurse"]
    calls = [
        ("/api/v1/jobs", {}, {"q": "nurse", "l": "California"}),
        ("/api/v1/jobs", {}, {"sort": "pay", "workplace_type": ["on_site", "remote"]}),
        ("/api/v1/jobs/facets", {}, {"q": "nurse", "l": "California"}),
        ("/api/v1/jobs/{job_id}", {"job_id": board["jobs"][0].pk}, {}),
        ("/api/v1/jobs/{job_id}", {"job_id": board["jobs"][1].pk}, {}),
        ("/api/v1/companies/{slug}", {"slug": company.slug}, {}),
        ("/api/v1/salaries/{title_slug}", {"title_slug": nurse.slug}, {}),
        (
            "/api/v1/salaries/{title_slug}/{place_slug}",
            {"title_slug": nurse.slug, "place_slug": places.san_jose.slug},
            {},
        ),
        (
            "/api/v1/salaries/{title_slug}/{place_slug}",
            {"title_slug": nurse.slug, "place_slug": places.austin.slug},
            {},
        ),
        ("/api/v1/places", {}, {"q": "san"}),
        ("/api/v1/titles", {}, {"q": "nur"}),
    ]
    for path, path_parameters, query in calls:
        operation = api_schema[path]["GET"]
        case = operation.Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200, (path, response.text)


def test_the_docs_assets_are_served_by_the_app(live_server):
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-init.js"):
        response = requests.get(f"{live_server.url}/static/ninja/{asset}", timeout=10)
        assert response.status_code == 200, asset
