"""The demo admin's login, as ``make run`` prints it, works on the site's own log-in form."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_printed_demo_admin_login_logs_in_on_the_site(live_server, page, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("ensure_demo_admin", stdout=out)
    email, password = re.search(r"email '(.+)', password '(.+)'", out.getvalue()).groups()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # The field is an email input: the browser keeps anything else from being sent at all.
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text(email).is_visible()
