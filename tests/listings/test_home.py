import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_home_shows_search_form_popular_searches_and_recent_jobs(client, places):
    cache.clear()
    for _ in range(3):
        PublishedJobFactory(title="Registered Nurse", places=[places.san_jose])
    PublishedJobFactory(title="Truck Driver", places=[places.austin])
    DraftJobFactory(title="Secret Draft")
    html = client.get(reverse("listings:home")).content.decode()
    assert 'action="/jobs/"' in html and 'name="q"' in html and 'name="l"' in html
    assert 'href="/jobs/registered-nurse/california/"' in html
    assert "Registered Nurse jobs in California" in html
    assert "Truck Driver" in html
    assert "Secret Draft" not in html


def test_home_query_count_is_bounded(client, places, django_assert_max_num_queries):
    cache.clear()
    PublishedJobFactory.create_batch(10, places=[places.san_jose])
    with django_assert_max_num_queries(5):
        client.get(reverse("listings:home"))
