"""A recruiter signs up, verifies, creates a company, posts, previews and submits a job; an
admin approves it in Django admin; job seekers find it in search."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.companies.factories import UserFactory
from tests.factories import IndustryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough pass phrase"


def test_recruiter_posts_a_job_an_admin_approves_it_and_it_is_searchable(live_server, page, places):
    IndustryFactory(name="Technology")
    admin = UserFactory(username="admin@example.com", is_staff=True, is_superuser=True)

    # Sign up from the "Post a job" link, then open the link mailed to the address.
    page.goto(live_server.url)
    page.get_by_role("link", name="Post a job").click()
    page.get_by_role("link", name="Sign up with your email").click()
    page.get_by_label("Email").fill("pat@acme.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    link = re.search(r"http\S+/accounts/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    # Sign-up logged nobody in (it answers the same for a taken address): log in first.
    page.get_by_label("Email").fill("pat@acme.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()

    # Create the company.
    create = page.locator("form", has=page.get_by_role("heading", name="Create your company"))
    create.get_by_label("Name").fill("Acme Robotics")
    create.get_by_label("Industry").select_option(label="Technology")
    create.get_by_label("Website").fill("acme.example")
    create.get_by_role("button", name="Create company").click()
    expect(page.get_by_text("Your company is set up.")).to_be_visible()

    # Post a job: the yearly figure shows as hourly pay is typed; a place comes from suggestions.
    page.get_by_role("main").get_by_role("link", name="Post a job").click()
    page.get_by_label("Title").fill("Robotics Technician")
    page.get_by_label("Add a location").fill("San")
    page.locator("#known-places option[value='San Jose, CA']").wait_for(state="attached")
    page.get_by_label("Add a location").fill("San Jose, CA")
    assert page.get_by_label("Locations").input_value() == "San Jose, CA"
    page.get_by_label("Workplace type").select_option(label="On-site")
    page.get_by_label("Per").select_option(label="per hour")
    page.get_by_label("Pay from").fill("30")
    page.get_by_label("Pay up to").fill("45")
    expect(page.get_by_text("About $62,400 - $93,600 a year")).to_be_visible()
    page.get_by_label("Description").fill(
        "## What you will do\n\nKeep our **robot arms** running.\n\n- Calibrate\n- Repair"
    )
    page.get_by_label("Apply URL").fill("https://acme.example/apply")
    page.get_by_role("button", name="Save draft and preview").click()

    # The preview is the job page as job seekers will see it.
    expect(page.get_by_role("heading", name="Robotics Technician")).to_be_visible()
    expect(page.get_by_role("heading", name="What you will do")).to_be_visible()
    expect(page.get_by_text("$30.00 - $45.00/hr").first).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    assert "waiting for review" in mail.outbox[-1].subject

    # An admin approves it from the review queue.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(admin.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("row", name="Robotics Technician").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Approved 1 jobs.")).to_be_visible()
    assert "is live" in mail.outbox[-1].subject

    # Job seekers find it.
    page.goto(f"{live_server.url}/jobs/?q=robotics+technician&l=California")
    result = page.locator(".job-card", has_text="Robotics Technician")
    expect(result).to_be_visible()
    assert "Acme Robotics" in result.inner_text()
