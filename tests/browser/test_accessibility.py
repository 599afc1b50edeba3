"""axe-core finds no serious or critical violation on any public page type or recruiter page.

One test per group visits every page, so the site is built once and Chromium opened once; a
failure lists every page's violations together.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from listings.alerts import tokens
from listings.recruiters.models import Membership
from listings.saved.models import SavedJob
from tests.browser.accessibility import accessibility_violations, assert_accessible, require_axe
from tests.browser.site import log_in, make_site
from tests.companies.factories import UserFactory
from tests.factories import ActiveAlertFactory, DraftJobFactory, PendingAlertFactory
from tests.recruiters.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_by_page(
    page, base_url: str, urls: dict[str, str], *, status: int = 200
) -> dict[str, list[str]]:
    found = {}
    for name, url in urls.items():
        response = page.goto(base_url + url)
        assert response.status == status, f"{name} ({url}) answered {response.status}"
        if violations := accessibility_violations(page):
            found[f"{name} ({url})"] = violations
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n" + "\n".join(violations) for page, violations in found.items())


def test_every_public_page_type_passes_axe(live_server, page):
    require_axe()
    site = make_site()
    found = violations_by_page(page, live_server.url, site.urls)
    found |= violations_by_page(page, live_server.url, {"not found": "/no-such-page/"}, status=404)
    assert not found, report(found)


def test_the_filter_panel_passes_axe_once_its_counts_have_loaded(live_server, page):
    require_axe()
    make_site()
    page.goto(live_server.url + "/jobs/?q=nurse&l=California")
    expect(page.locator(".filters .facet-count").first).to_be_visible()
    assert_accessible(page)


def test_recruiter_pages_pass_axe_when_logged_in(live_server, page):
    require_axe()
    site = make_site()
    company = site.job.company
    recruiter = MembershipFactory(company=company).user
    MembershipFactory(company=company, status=Membership.Status.PENDING)
    draft = DraftJobFactory(title="Night Nurse", company=company, created_by=recruiter)
    log_in(page, live_server, recruiter)
    found = violations_by_page(
        page,
        live_server.url,
        {
            "dashboard": "/recruiters/",
            "job form": "/recruiters/jobs/new/",
            "edit form": f"/recruiters/jobs/{draft.pk}/edit/",
            "preview": f"/recruiters/jobs/{draft.pk}/",
            "members": "/recruiters/members/",
        },
    )
    assert not found, report(found)


def test_a_violation_is_reported_with_its_rule_help_and_element(page):
    require_axe()
    page.set_content(
        '<html lang="en"><head><title>t</title></head>'
        '<body><main><img src="chart.png"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "image-alt (critical): Images must have alternative text" in message
    assert '<img src="chart.png">' in message


def test_job_seeker_pages_pass_axe(live_server, page):
    """Saved jobs (empty and with jobs, one of them closed), the alert links' pages, and an
    account's own alerts."""
    require_axe()
    site = make_site()
    seeker = UserFactory(email="seeker@example.com")
    SavedJob.objects.create(user=seeker, job=site.job)
    SavedJob.objects.create(user=seeker, job=site.closed)
    alert = ActiveAlertFactory(email=seeker.email, user=seeker)
    pending = PendingAlertFactory(email="new@example.com")
    signed_links = {
        "confirm an alert": tokens.confirm_link(alert_id=pending.pk, email=pending.email),
        "manage alerts": tokens.manage_link(email=alert.email),
        "unsubscribe": tokens.unsubscribe_link(alert_id=alert.pk, email=alert.email),
    }
    urls = {name: urlsplit(link).path for name, link in signed_links.items()}
    found = violations_by_page(page, live_server.url, {"no saved jobs": "/saved/", **urls})
    log_in(page, live_server, seeker)
    found |= violations_by_page(
        page, live_server.url, {"saved jobs": "/saved/", "my alerts": "/alerts/"}
    )
    assert not found, report(found)
