"""Sources and runs in admin: adding a source, "run now", the history, confirming expiry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listings.ingest.models import IngestRun, Source
from listings.ingest.run import source_ingest
from listings.models import Job
from tests.ingest import support as ingest_support
from tests.ingest.support import recorded

pytestmark = pytest.mark.django_db
feed_server = ingest_support.feed_server

SOURCES = reverse("admin:ingest_source_changelist")
RUNS = reverse("admin:ingest_ingestrun_changelist")


def add_source(admin_client, **fields):
    data = {
        "name": "Board",
        "kind": "greenhouse",
        "address": "",
        "schedule": "daily",
        "enabled": "on",
        "feed_is_complete": "on",
        **fields,
    }
    return admin_client.post(reverse("admin:ingest_source_add"), data)


def test_add_a_greenhouse_source_run_it_now_and_see_the_postings_and_the_history(
    admin_client, client, feed_server, places, django_capture_on_commit_callbacks
):
    url = feed_server.serve("/v1/boards/flatiron/jobs", recorded("gh_board_flatironhealth.json"))
    response = add_source(admin_client, name="Flatiron board", address=url)
    assert response.status_code == 302, response.content.decode()[-2000:]
    source = Source.objects.get(name="Flatiron board")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            SOURCES, {"action": "run_now", "_selected_action": [source.pk]}, follow=True
        )
    assert "Started 1 source run(s)" in response.content.decode()
    run = IngestRun.objects.get(source=source)
    assert (run.status, run.trigger, run.created) == ("succeeded", "admin", 32)

    search = client.get(reverse("listings:search"), {"q": "abstraction operations coordinator"})
    assert "$32.69 - $44.95/hr" in search.content.decode()

    history = admin_client.get(RUNS, {"source__id__exact": source.pk}).content.decode()
    assert "Flatiron board" in history and "32 fetched: 32 new, 0 updated" in history
    assert "Succeeded" in history


def test_the_source_form_refuses_addresses_it_cannot_read(admin_client):
    for kind, address, message in [
        ("rss", "file:///etc/passwd", "Only http and https addresses are fetched."),
        ("jsonld", "careers page", "Give the http(s) address of the page or feed."),
        ("lever", "", "Give the board token, slug or name, or the API address."),
        ("file", "", "A file source needs a CSV or JSON file."),
    ]:
        response = add_source(admin_client, kind=kind, address=address)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Source.objects.exists()


def test_a_file_source_imports_its_upload(admin_client, places):
    upload = SimpleUploadedFile(
        "jobs.csv",
        b'id,title,company,location,salary,apply_url\n1,Baker,Crumbs,"Austin, TX",$18/hr,'
        b"https://crumbs.example/jobs/1\n",
        content_type="text/csv",
    )
    response = add_source(admin_client, name="Bakery file", kind="file", upload=upload)
    assert response.status_code == 302
    source = Source.objects.get(name="Bakery file")
    try:
        run = source_ingest(source=source)
        assert run.created == 1, run.error
        job = Job.objects.get(source=source)
        assert (job.title, job.company.name, job.pay_period) == ("Baker", "Crumbs", "hour")
        assert job.place_ids and places.austin.pk in job.place_ids
    finally:
        source.upload.delete()


def test_run_history_shows_errors_and_rejections_in_bounded_queries(
    admin_client, feed_server, places, django_assert_max_num_queries
):
    good = feed_server.serve("/b", {"jobs": [{"id": 1, "title": "Cook", "absolute_url": "x:y"}]})
    source = Source.objects.create(name="Kitchen", kind="greenhouse", address=good)
    rejected_run = source_ingest(source=source)
    feed_server.serve("/b", b"<html>", content_type="text/html")
    for _ in range(5):
        source_ingest(source=source)
    with django_assert_max_num_queries(12):
        listing = admin_client.get(RUNS)
    assert listing.status_code == 200 and "Failed" in listing.content.decode()
    with django_assert_max_num_queries(12):
        sources = admin_client.get(SOURCES).content.decode()
    assert "Failed</span> now</a>" in sources and f"?source__id__exact={source.pk}" in sources
    detail = admin_client.get(reverse("admin:ingest_ingestrun_change", args=[rejected_run.pk]))
    html = detail.content.decode()
    assert "apply URL is not an http(s) address" in html and "Cook" in html


def test_confirming_a_held_expiry_in_admin(admin_client, feed_server, places):
    jobs = [
        {"id": n, "title": f"Porter {n}", "absolute_url": f"https://p.example/{n}"}
        for n in range(10)
    ]
    url = feed_server.serve("/b", {"jobs": jobs})
    source = Source.objects.create(name="Porters", kind="greenhouse", address=url)
    nameless = source_ingest(source=source)
    assert nameless.rejected == 10 and "names no company" in nameless.rejections[0]["reason"]
    for job in jobs:
        job["company_name"] = "Porter Co"
    feed_server.serve("/b", {"jobs": jobs})
    assert source_ingest(source=source).created == 10
    feed_server.serve("/b", {"jobs": jobs[:1]})
    held = source_ingest(source=source)
    assert held.expiry_held
    response = admin_client.post(
        RUNS, {"action": "confirm_expiry", "_selected_action": [held.pk]}, follow=True
    )
    assert "expired 9 postings" in response.content.decode()
    assert Job.objects.filter(status=Job.Status.PUBLISHED).count() == 1


def test_anonymous_visitors_cannot_reach_sources_or_runs(client):
    for url in (SOURCES, RUNS):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_run_now_button_on_a_source_page(
    admin_client, feed_server, places, django_capture_on_commit_callbacks
):
    url = feed_server.serve("/b", recorded("gh_board_aetion.json"))
    source = Source.objects.create(name="Aetion", kind="greenhouse", address=url)
    page = admin_client.get(reverse("admin:ingest_source_change", args=[source.pk]))
    run_url = reverse("admin:ingest_source_run", args=[source.pk])
    assert f'action="{run_url}"' in page.content.decode() and "csrfmiddlewaretoken" in (
        page.content.decode()
    )
    assert admin_client.get(run_url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(run_url)
    assert response.status_code == 302 and f"source__id__exact={source.pk}" in response["Location"]
    assert IngestRun.objects.get(source=source).created == 5
    assert admin_client.post(reverse("admin:ingest_source_run", args=[99999])).status_code == 404


def test_run_now_needs_permission_to_change_sources(client, django_user_model, feed_server):
    source = Source.objects.create(name="S", kind="greenhouse", address=feed_server.serve("/b", {}))
    run_url = reverse("admin:ingest_source_run", args=[source.pk])
    anonymous = client.post(run_url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    staff = django_user_model.objects.create_user("clerk", password="pw-for-test", is_staff=True)
    client.force_login(staff)
    assert client.post(run_url).status_code == 403
    assert not IngestRun.objects.exists()


def test_confirming_expiry_needs_the_right_to_change_jobs(client, django_user_model):
    from django.contrib.auth.models import Permission

    source = Source.objects.create(name="S", kind="greenhouse", address="https://x.example")
    IngestRun.objects.create(source=source, status="succeeded", expiry_held=True)
    viewer = django_user_model.objects.create_user("viewer", password="pw-for-test", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_ingestrun"))
    client.force_login(viewer)
    page = client.get(RUNS)
    assert page.status_code == 200 and "confirm_expiry" not in page.content.decode()
    viewer.user_permissions.add(Permission.objects.get(codename="change_job"))
    assert "confirm_expiry" in client.get(RUNS).content.decode()


def test_an_upload_over_the_size_cap_is_refused_by_the_form(admin_client, settings):
    settings.INGEST_MAX_BYTES = 100
    upload = SimpleUploadedFile("jobs.csv", b"id,title\n" + b"1,Baker\n" * 20)
    response = add_source(admin_client, name="Big file", kind="file", upload=upload)
    assert response.status_code == 200
    assert "over the 100 byte cap" in response.content.decode()
    assert not Source.objects.exists()
