"""A real Celery worker on a real Redis runs ingest tasks against the test database."""

import os
import subprocess
import sys
import time
import uuid
import warnings
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from celery.exceptions import AlwaysEagerIgnored
from django.db import connection

from jobboard.celery import app
from listings.ingest.models import IngestedPosting, IngestRun, Source
from listings.models import Job
from tests.conftest import require_service
from tests.ingest import support as ingest_support

feed_server = ingest_support.feed_server
REPO = Path(__file__).parents[2]
MAX_RETRIES = 2


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database this test runs on (the embedded server's socket too)."""
    options = {
        key: value
        for key, value in (settings_dict.get("OPTIONS") or {}).items()
        if isinstance(value, str | int)
    }
    host = settings_dict.get("HOST") or ""
    if host.startswith("/"):
        options["host"], host = host, ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    name = quote(settings_dict["NAME"])
    return f"postgres://{user}:{password}@{host}{port}/{name}?{urlencode(options)}"


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        require_service("Redis", f"nothing answers at {url} ({exc})")
    return url


@pytest.fixture
def worker(redis_url, tmp_path):
    """``celery -A jobboard worker`` on its own queue, pointed at the test database."""
    queue = f"ingest-test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": redis_url,
        "CONN_MAX_AGE": "0",
        "INGEST_FETCH_RETRIES": "0",
        "INGEST_FETCH_TIMEOUT_SECONDS": "5",
        "INGEST_TASK_MAX_RETRIES": str(MAX_RETRIES),
        "INGEST_TASK_RETRY_SECONDS": "0.2",
    }
    log = (tmp_path / "worker.log").open("w+")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "jobboard", "worker"),
            *("--pool", "solo", "--concurrency", "1", "--queues", queue),
            *("--hostname", f"{queue}@%h", "--loglevel", "INFO"),
            *("--without-heartbeat", "--without-gossip", "--without-mingle"),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield queue, redis_url
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.seek(0)
    output = log.read()
    log.close()
    redis.Redis.from_url(redis_url).delete(queue)
    if process.returncode not in (0, -15):
        pytest.fail(f"the worker exited with {process.returncode}:\n{output[-3000:]}")


def enqueue(queue: str, redis_url: str, source: Source) -> None:
    """Send the task through Redis even when this process runs tasks eagerly."""
    with app.connection_for_write(redis_url) as broker, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)  # sending is the point here
        app.send_task(
            "listings.ingest.tasks.ingest_source",
            args=[source.pk, "test"],
            queue=queue,
            connection=broker,
        )


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def board(*ids: int) -> dict:
    return {
        "jobs": [
            {
                "id": n,
                "title": f"Electrician {n}",
                "company_name": "Sparks",
                "absolute_url": f"https://sparks.example/jobs/{n}",
            }
            for n in ids
        ]
    }


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_three_sources_retries_the_failing_one_and_duplicates_nothing(
    worker, feed_server
):
    queue, redis_url = worker
    first = Source.objects.create(
        name="First", kind="greenhouse", address=feed_server.serve("/one", board(1, 2, 3))
    )
    second = Source.objects.create(
        name="Second", kind="greenhouse", address=feed_server.serve("/two", board(4, 5))
    )
    failing = Source.objects.create(
        name="Failing",
        kind="greenhouse",
        address=feed_server.serve("/down", b"down", status=500, content_type="text/plain"),
    )
    for source in (first, second, failing, first):  # the first twice: a rerun, no duplicates
        enqueue(queue, redis_url, source)

    def settled() -> bool:
        runs = IngestRun.objects.exclude(status=IngestRun.Status.RUNNING)
        return (
            runs.filter(source=first).count() == 2
            and runs.filter(source=second).count() == 1
            and runs.filter(source=failing).count() == MAX_RETRIES + 1
        )

    assert wait_for(settled), list(IngestRun.objects.values_list("source__name", "status", "error"))
    statuses = list(
        IngestRun.objects.order_by("started_at").values_list("source__name", "status", "trigger")
    )
    assert [s for s in statuses if s[0] != "Failing"] == [
        ("First", "succeeded", "test"),
        ("Second", "succeeded", "test"),
        ("First", "succeeded", "test"),
    ]
    failed = [s for s in statuses if s[0] == "Failing"]
    assert failed == [("Failing", "failed", "test")] + [("Failing", "failed", "retry")] * 2
    assert feed_server.hits["/down"] == MAX_RETRIES + 1
    assert Job.objects.filter(source=first).count() == 3
    assert Job.objects.filter(source=second).count() == 2
    assert IngestedPosting.objects.count() == Job.objects.count() == 5
    rerun = IngestRun.objects.filter(source=first).latest("started_at")
    assert (rerun.created, rerun.unchanged) == (0, 3)
