"""The alert digest bench runs on any data set and leaves nothing behind."""

import pytest

from jobboard.bench.alerts import alert_bench
from listings.alerts.models import Alert
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_alert_bench_runs_every_digest_and_rolls_back(places):
    for n in range(5):
        PublishedJobFactory(title=f"Registered Nurse {n}", places=[places.san_jose])
    lines = []

    results = alert_bench(log=lines.append, alerts=40)

    assert results["alert_digest_10k_s"] > 0
    assert 0 < results["alert_distinct_searches"] <= 40
    assert "40 alerts" in lines[0] and "digest run" in lines[1]
    assert not Alert.objects.exists()
