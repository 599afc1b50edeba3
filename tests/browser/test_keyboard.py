"""Keyboard only (Tab, Shift+Tab, Enter, Space; never a click): the skip link, search from the
home page, a filter, page 2, a job and its Apply button, each focus visibly marked."""

import pytest

from tests.browser.site import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 120

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const label = element.labels && element.labels.length ? element.labels[0].innerText : "";
  return {
    tag: element.tagName.toLowerCase(),
    text: (element.innerText || element.value || label || "").trim(),
    label: label.trim(),
    name: element.name || "",
    inMain: !!element.closest("main"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    boxShadow: style.boxShadow !== "none",
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, matches, *, key: str = "Tab") -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; fail after MAX_TABS."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = focused(page)
        if matches(element):
            return element
    pytest.fail(f"{key} never reached the element (last focused: {element})")


def assert_visible_focus(element: dict) -> None:
    assert element["outline"] or element["boxShadow"], f"no visible focus style on {element}"


def test_first_tab_shows_the_skip_link_and_it_moves_focus_to_main(live_server, page):
    make_site()
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert focused(page)["text"] == "Skip to content"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link is off screen"
    assert_visible_focus(focused(page))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "Tab after the skip link did not land inside <main>"


def test_search_filter_page_two_and_apply_with_the_keyboard_alone(live_server, page):
    make_site()
    page.goto(live_server.url)

    # Search from the home page.
    what = tab_to(page, lambda element: element["name"] == "q")
    assert_visible_focus(what)
    page.keyboard.type("registered nurse")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "l"
    page.keyboard.type("California")
    button = tab_to(page, lambda element: element["text"] == "Search jobs")
    assert_visible_focus(button)
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?*")
    assert page.get_by_text("Showing results 1-20 of 25").is_visible()

    # A filter: tick "Full-time" with Space, step back and forth, apply with Enter.
    # Its label ends with its count once the counts have loaded: "Full-time (25)".
    checkbox = tab_to(page, lambda element: element["label"].startswith("Full-time"))
    assert_visible_focus(checkbox)
    page.keyboard.press("Space")
    assert page.get_by_label("Full-time").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["label"].startswith("Full-time")
    tab_to(page, lambda element: element["text"] == "Apply filters")
    page.keyboard.press("Enter")
    page.wait_for_url("**employment_type=full_time**")
    assert page.get_by_text("Showing results 1-20 of 25").is_visible()

    # Page 2.
    next_page = tab_to(page, lambda element: element["text"].startswith("Next page"))
    assert_visible_focus(next_page)
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    assert page.get_by_text("Showing results 21-25 of 25").is_visible()

    # Open a job and reach its Apply button (not pressed: it leaves the site).
    title = page.locator(".job-card__title a").first.inner_text()
    job_link = tab_to(page, lambda element: element["tag"] == "a" and element["text"] == title)
    assert_visible_focus(job_link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/job/**")
    assert page.get_by_role("heading", level=1).inner_text() == title
    apply = tab_to(page, lambda element: element["text"] == "Apply on company site")
    assert_visible_focus(apply)
    # Back with Shift+Tab to what came before it, past nothing hidden.
    tab_to(page, lambda element: element["text"] == "Valley Health", key="Shift+Tab")
