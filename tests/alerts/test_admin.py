"""Alerts in admin: filters, search by email, read-only history."""

import pytest
from django.urls import reverse

from listings.alerts.models import AlertDigest
from tests.factories import ActiveAlertFactory, PendingAlertFactory

pytestmark = pytest.mark.django_db


def test_the_alert_list_filters_and_searches_and_shows_history_read_only(admin_client):
    alert = ActiveAlertFactory(email="found@example.com")
    PendingAlertFactory(email="waiting@example.com")
    AlertDigest.objects.create(alert=alert, sent_at=alert.confirmed_at, listed=3, matched=5)
    changelist = reverse("admin:alerts_alert_changelist")

    assert b"found@example.com" in admin_client.get(changelist, {"confirmed": "yes"}).content
    assert b"waiting@example.com" not in admin_client.get(changelist, {"confirmed": "yes"}).content
    assert b"waiting@example.com" in admin_client.get(changelist, {"frequency": "daily"}).content
    found = admin_client.get(changelist, {"q": "found@"}).content
    assert b"found@example.com" in found and b"waiting@example.com" not in found

    page = admin_client.get(reverse("admin:alerts_alert_change", args=[alert.pk]))
    assert page.status_code == 200
    assert b'name="email"' not in page.content  # read-only
    assert b"digests-0-listed" not in page.content and b">3<" in page.content
