"""Suggestions while typing (static/js/suggest.js): the What and Where boxes as ARIA 1.2
comboboxes, used by keyboard alone; the open list on a phone, through axe; and the same form
without JavaScript. Screenshots of the open lists go under var/screenshots/."""

import pytest
from django.conf import settings

from tests.browser.accessibility import assert_accessible
from tests.browser.site import make_site
from tests.browser.test_keyboard import focused, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.VAR_DIR / "screenshots"


def combobox_state(page, name: str) -> dict:
    """The box's combobox attributes and its list's options, as assistive technology reads them."""
    return page.evaluate(
        """(name) => {
          const box = document.querySelector(`.search-form input[name="${name}"]`);
          const list = document.getElementById(box.getAttribute("aria-controls"));
          const active = box.getAttribute("aria-activedescendant");
          return {
            role: box.getAttribute("role"),
            expanded: box.getAttribute("aria-expanded"),
            listRole: list.getAttribute("role"),
            visible: !list.hidden,
            options: [...list.querySelectorAll("[role=option]")].map((o) => o.textContent),
            selected: [...list.querySelectorAll("[aria-selected=true]")].map((o) => o.textContent),
            active: active && document.getElementById(active).textContent,
            value: box.value,
          };
        }""",
        name,
    )


def wait_for_options(page, label: str):
    listbox = page.get_by_role("listbox", name=label)
    listbox.get_by_role("option").first.wait_for()
    return listbox


def test_choose_a_title_and_a_place_and_search_by_keyboard_alone(live_server, page):
    make_site()
    page.goto(live_server.url)
    tab_to(page, lambda element: element["name"] == "q")
    closed = combobox_state(page, "q")
    assert (closed["role"], closed["expanded"], closed["listRole"]) == (
        "combobox",
        "false",
        "listbox",
    )

    page.keyboard.type("nur")
    wait_for_options(page, "Job titles")
    state = combobox_state(page, "q")
    assert state["expanded"] == "true"
    assert state["options"] == ["Licensed Practical Nurse", "Registered Nurse"]
    assert state["active"] is None
    page.keyboard.press("ArrowDown")
    assert combobox_state(page, "q")["active"] == "Licensed Practical Nurse"
    page.keyboard.press("ArrowDown")
    state = combobox_state(page, "q")
    assert state["active"] == state["selected"][0] == "Registered Nurse"
    assert focused(page)["name"] == "q", "the focus left the box"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "suggestions-titles.png")
    page.keyboard.press("Enter")
    state = combobox_state(page, "q")
    assert (state["value"], state["expanded"], state["visible"]) == (
        "Registered Nurse",
        "false",
        False,
    )
    assert page.url.rstrip("/") == live_server.url, "Enter on an option submitted the form"

    # Where: Escape closes the list and keeps what was typed; Up opens it at the last option.
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "l"
    page.keyboard.type("Sunn")
    wait_for_options(page, "Places")
    page.keyboard.press("Escape")
    state = combobox_state(page, "l")
    assert (state["value"], state["expanded"]) == ("Sunn", "false")
    page.keyboard.press("Control+A")
    page.keyboard.type("cali")
    wait_for_options(page, "Places")
    page.keyboard.press("Escape")
    page.keyboard.press("ArrowUp")
    page.wait_for_function(
        "document.querySelector('#search-where').hasAttribute('aria-activedescendant')"
    )
    assert combobox_state(page, "l")["active"] == "California"
    page.keyboard.press("Enter")
    assert combobox_state(page, "l")["value"] == "California"

    # Enter with no option chosen submits the form as typed.
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?*")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Registered Nurse Jobs in California"
    )
    assert page.get_by_text("Showing results 1-20 of 25").is_visible()
    assert page.locator("#search-what").input_value() == "Registered Nurse"
    assert page.locator("#search-where").input_value() == "California"


def test_tab_closes_the_list_and_moves_on(live_server, page):
    make_site()
    page.goto(live_server.url + "/jobs/?q=nurse")
    tab_to(page, lambda element: element["name"] == "l")
    page.keyboard.type("san")
    wait_for_options(page, "Places")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    state = combobox_state(page, "l")
    assert (state["value"], state["expanded"], state["visible"]) == ("san", "false", False)
    assert focused(page)["text"] == "Search jobs"


def test_the_open_list_fits_a_phone_and_passes_axe(live_server, mobile_page):
    make_site()
    mobile_page.goto(live_server.url)
    box = mobile_page.locator("#search-where")
    before = mobile_page.locator(".search-form button").bounding_box()
    box.focus()
    mobile_page.keyboard.type("s")
    mobile_page.keyboard.type("an")
    listbox = wait_for_options(mobile_page, "Places")
    mobile_page.keyboard.press("ArrowDown")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    mobile_page.screenshot(path=SCREENSHOTS / "375-suggestions-places.png")
    assert listbox.bounding_box()["x"] + listbox.bounding_box()["width"] <= 375
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert mobile_page.locator(".search-form button").bounding_box() == before, "layout moved"
    assert_accessible(mobile_page)


def test_without_javascript_the_boxes_are_plain_and_the_form_searches(
    live_server, mobile_page_without_javascript
):
    page = mobile_page_without_javascript
    make_site()
    page.goto(live_server.url)
    assert page.locator("[role=combobox], [role=listbox]").count() == 0
    page.get_by_label("What").fill("registered nurse")
    page.get_by_label("Where").fill("San Jose, CA")
    page.get_by_label("Where").press("Enter")
    page.wait_for_url("**/jobs/?*")
    assert page.locator("#search-what").input_value() == "registered nurse"
    assert page.get_by_role("heading", level=1).inner_text() == "Registered Nurse Jobs in San Jose"
