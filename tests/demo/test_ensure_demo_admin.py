"""``manage.py ensure_demo_admin``: the login it prints works on the site and in admin."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.validators import validate_email

pytestmark = pytest.mark.django_db


def printed_login(settings, tmp_path) -> tuple[str, str]:
    """Run the command as ``make run`` does; the email and password it prints."""
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("ensure_demo_admin", stdout=out)
    found = re.fullmatch(
        r"Demo admin: email '(.+)', password '(.+)'\. Log in with them on the site "
        r"\(/accounts/login/\) or at /admin/\.\n",
        out.getvalue(),
    )
    assert found, out.getvalue()
    return found[1], found[2]


def test_the_printed_login_works_on_the_sites_form_and_in_admin(client, settings, tmp_path):
    email, password = printed_login(settings, tmp_path)
    validate_email(email)  # the site's field is an email input: a browser sends nothing else
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert (response.status_code, response.get("Location")) == (302, "/")
    assert email in client.get("/").content.decode()
    client.logout()
    response = client.post("/admin/login/?next=/admin/", {"username": email, "password": password})
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert printed_login(settings, tmp_path) == (email, password)  # the same on every run


def test_the_admin_account_of_an_earlier_run_is_renamed_and_keeps_its_password(
    client, settings, tmp_path
):
    get_user_model().objects.create_superuser("admin", "admin@localhost", "kept pass phrase")
    (tmp_path / "demo-admin-password.txt").write_text("kept pass phrase")
    email, password = printed_login(settings, tmp_path)
    assert password == "kept pass phrase"
    assert list(get_user_model().objects.values_list("username", flat=True)) == [email]
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302
