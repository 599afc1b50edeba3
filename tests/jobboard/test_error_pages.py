"""Branded 404 and 500 pages, as a visitor sees them with DEBUG off."""

import pytest
from django.test import Client, override_settings
from django.urls import path
from django.views.defaults import server_error

from jobboard.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_address_gets_the_branded_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'class="site-header"' in html and 'name="q"' in html
    assert "Resolver404" not in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_404_raised_by_a_view_shows_its_message(client):
    response = client.get("/job/999999/no-such-job/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html and "No such job." in html


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_crash_gets_the_branded_500_page():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "a bug" not in html and "Traceback" not in html


def test_500_page_renders_without_a_request_context_or_the_database(rf):
    # No django_db mark: any query here would fail the test.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'href="/static/css/site.css"' in response.content.decode()


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
