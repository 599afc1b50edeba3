"""Job reads as QuerySet methods: the one definition of a publicly visible job."""

import pytest

from listings.models import Job
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PendingJobFactory,
    PublishedJobFactory,
    RejectedJobFactory,
)

pytestmark = pytest.mark.django_db

EVERY_KIND = [
    PublishedJobFactory,
    DraftJobFactory,
    PendingJobFactory,
    RejectedJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    ClosedJobFactory,
]


@pytest.mark.parametrize("factory", EVERY_KIND, ids=lambda factory: factory.__name__)
@pytest.mark.parametrize("ends", [True, False], ids=["with an end date", "without one"])
def test_a_loaded_job_is_open_exactly_when_published_lists_it(factory, ends):
    job = factory(**({} if ends else {"expires_at": None}))
    assert job.is_open == Job.objects.published().filter(pk=job.pk).exists()
