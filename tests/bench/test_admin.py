"""The job admin bench runs on any data set, times both groups and leaves nothing behind."""

import pytest
from django.contrib.auth import get_user_model

from jobboard.bench.admin import admin_bench
from tests.factories import ExpiredJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_admin_bench_times_the_list_and_the_search_box_and_rolls_back():
    PublishedJobFactory.create_batch(3, title="Registered Nurse", external_id="feed-1")
    ExpiredJobFactory(title="Barista")
    lines = []
    results = admin_bench(repeat=1, log=lines.append)
    list_rows = results["admin_job_list_scenarios"]
    search_rows = results["admin_job_search_scenarios"]
    assert [row["scenario"] for row in list_rows][:4] == [
        "list: all jobs",
        "list: status: published",
        "list: status: closed",
        "list: page 1",
    ]
    assert "search: an external id" in [row["scenario"] for row in search_rows]
    for group, rows in (("list", list_rows), ("search", search_rows)):
        assert results[f"admin_job_{group}_p95_ms"] == max(row["p95_ms"] for row in rows)
    assert lines[-1].startswith("admin job search overall")
    assert not get_user_model().objects.exists()
