"""Job reads: similar jobs."""

import pytest

from listings.selectors import job_similar
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_similar_jobs_of_an_unmapped_title_keep_its_short_words(places):
    job = PublishedJobFactory(title="IT Manager", places=[places.san_jose])
    same_title = PublishedJobFactory(title="IT Manager II", places=[places.sunnyvale])
    PublishedJobFactory(title="Store Manager", places=[places.sunnyvale])
    assert [other.pk for other in job_similar(job=job)] == [same_title.pk]
