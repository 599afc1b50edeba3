"""The API's wiring: throttling per address, JSON errors everywhere, docs that need no CDN."""

import re
import secrets

import pytest

pytestmark = pytest.mark.django_db


def an_address() -> str:
    """A documentation-range IPv6 address no other test (or earlier run, in Redis) counted."""
    return f"2001:db8::{secrets.randbits(16):x}:{secrets.randbits(16):x}"


def test_past_the_rate_an_address_gets_a_json_429_and_others_do_not(client, settings, places):
    settings.API_THROTTLE_RATE = "3/m"
    address = an_address()
    statuses = [
        client.get("/api/v1/places", {"q": "san"}, REMOTE_ADDR=address).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/jobs", REMOTE_ADDR=address)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["detail"].startswith("Too many requests from this address: the limit is 3/m.")
    assert body["errors"] == []
    assert client.get("/api/v1/places", REMOTE_ADDR=an_address()).status_code == 200


def test_a_forwarded_for_header_does_not_change_the_address_counted(client, settings):
    settings.API_THROTTLE_RATE = "1/m"
    address = an_address()
    assert client.get("/api/v1/places", REMOTE_ADDR=address).status_code == 200
    response = client.get("/api/v1/places", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=an_address())
    assert response.status_code == 429


def test_an_empty_rate_throttles_nothing(client, settings):
    settings.API_THROTTLE_RATE = ""
    address = an_address()
    for _ in range(5):
        assert client.get("/api/v1/places", REMOTE_ADDR=address).status_code == 200


def test_the_root_points_at_the_docs_and_the_schema(client, settings):
    settings.SITE_URL = "http://testserver.example"
    assert client.get("/api/v1/").json() == {
        "title": "Payline Jobs API",
        "version": "1",
        "docs": "http://testserver.example/api/v1/docs",
        "openapi": "http://testserver.example/api/v1/openapi.json",
    }


@pytest.mark.parametrize("path", ["/api/", "/api/v1/nothing", "/api/v1/jobs/", "/api/v2/jobs"])
def test_addresses_that_are_no_endpoint_are_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No API endpoint at this address; /api/v1/docs lists them.",
        "errors": [],
    }


def test_a_null_character_is_a_json_400_under_the_api(client):
    response = client.get("/api/v1/jobs", {"q": "nurse\x00"})
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert client.get("/jobs/", {"q": "nurse\x00"})["Content-Type"].startswith("text/plain")


def test_a_bug_is_a_json_500_and_logged(client, monkeypatch, caplog):
    def broken(*, q, limit):
        raise RuntimeError("boom")

    monkeypatch.setattr("listings.selectors.places_matching", broken)
    response = client.get("/api/v1/places", {"q": "san"})
    assert response.status_code == 500
    assert response.json()["detail"] == "Something went wrong on our side; it has been logged."
    assert "API error on /api/v1/places?q=san" in caplog.text


def test_the_schema_is_openapi_at_a_stable_url(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Payline Jobs API"
    assert set(schema["paths"]) == {
        "/api/v1/jobs",
        "/api/v1/jobs/facets",
        "/api/v1/jobs/{job_id}",
        "/api/v1/places",
        "/api/v1/titles",
        "/api/v1/companies/{slug}",
        "/api/v1/salaries/{title_slug}",
        "/api/v1/salaries/{title_slug}/{place_slug}",
    }
    search = schema["paths"]["/api/v1/jobs"]["get"]
    names = [parameter["name"] for parameter in search["parameters"]]
    assert names == [
        "q",
        "l",
        "radius",
        "workplace_type",
        "employment_type",
        "salary_min",
        "posted_within",
        "company",
        "sort",
        "page",
    ]
    assert set(search["responses"]) == {"200", "400", "404", "429"}


def test_the_docs_page_loads_its_assets_from_this_site_not_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/api/v1/openapi.json" in html
