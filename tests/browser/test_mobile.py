"""At 375 px wide the pages read well: nothing overflows sideways, the header stays on two
rows, the results come before the filters, which open with one tap and no JavaScript.

Each page's screenshot is saved under var/screenshots/ for a person to look at.
"""

import pytest
from django.conf import settings

from tests.browser.accessibility import accessibility_violations, require_axe
from tests.browser.site import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375
SCREENSHOTS = settings.VAR_DIR / "screenshots"
PAGES = ["home", "results", "job detail", "salary index", "salary page", "company page"]

WIDER_THAN_THE_SCREEN = """(width) => [...document.querySelectorAll("body *")]
  .filter((element) => element.getBoundingClientRect().right > width + 0.5)
  .filter((element) => !element.closest(".table-scroll, .visually-hidden, .skip-link"))
  .slice(0, 5)
  .map((element) => element.tagName.toLowerCase() + "." + element.className)"""


def test_pages_at_375px_do_not_overflow_and_pass_axe(live_server, mobile_page):
    require_axe()
    site = make_site()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name in PAGES:
        mobile_page.goto(live_server.url + site.urls[name])
        mobile_page.screenshot(
            path=SCREENSHOTS / f"375-{name.replace(' ', '-')}.png", full_page=True
        )
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        found = accessibility_violations(mobile_page)
        if width > WIDTH:
            found.append(
                f"scrollWidth {width}: {mobile_page.evaluate(WIDER_THAN_THE_SCREEN, WIDTH)}"
            )
        if found:
            problems[name] = found
    assert not problems, problems


def test_header_links_fit_on_one_row_at_375px(live_server, mobile_page):
    mobile_page.goto(live_server.url)
    tops = mobile_page.locator(".site-header nav a").evaluate_all(
        "(links) => links.map((link) => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(tops) == 4 and len(set(tops)) == 1, f"the section links wrap: {tops}"


def test_results_come_first_and_filters_open_with_one_tap_without_javascript(
    live_server, mobile_page_without_javascript
):
    page = mobile_page_without_javascript
    site = make_site()
    page.goto(live_server.url + site.urls["results"])
    first_result = page.locator(".job-card").first
    assert first_result.bounding_box()["y"] < 812, "the first result is below the first screen"
    assert not page.get_by_label("Full-time").is_visible()

    page.get_by_role("link", name="Filters").tap()
    assert page.get_by_label("Full-time").is_visible()
    page.get_by_label("Full-time").tap()
    page.get_by_role("button", name="Apply filters").tap()
    page.wait_for_url("**employment_type=full_time**")
    assert page.locator(".results__count").inner_text().startswith("Showing results 1-20 of")
    assert not page.get_by_label("Full-time").is_visible(), "filters stay closed after applying"
