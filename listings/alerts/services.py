"""Writes for alerts: subscribing (double opt-in, with its limits), confirming, changing,
pausing, unsubscribing and deleting. Digests are in ``digests.py``."""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from listings.alerts import tokens
from listings.alerts.models import Alert, ConfirmationEmail
from listings.alerts.selectors import alerts_of_address
from listings.emails import email_send

DAY = timedelta(days=1)


class AlertRefused(Exception):
    """A subscription or change that cannot be made; the message says why, ``status`` is the
    HTTP status the page answers with."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Subscription:
    """What a subscription did. ``active`` only for an account's own verified address (the
    page says so); everyone else gets the same "check your inbox" whatever happened, so the
    answer never tells whether an address has alerts."""

    active: bool
    already: bool = False


def alert_search_key(params: dict) -> str:
    """The same canonical parameters always give the same key: one alert per search."""
    text = json.dumps(params, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _owns_verified(user, email: str) -> bool:
    """Whether the logged-in account proved it owns ``email`` (the recruiters app's record,
    read through the account's relation to it)."""
    if user is None or not user.is_authenticated:
        return False
    return (
        get_user_model()
        .objects.filter(pk=user.pk, verified_email__email__iexact=email, email__iexact=email)
        .exists()
    )


def _lock_address(email: str) -> None:
    """Serialise subscriptions of one address, so two at once cannot pass a limit together."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"alerts:{email}"])


@transaction.atomic
def alert_subscribe(
    *, params: dict, name: str, email: str, frequency: str, user=None, ip: str | None = None
) -> Subscription:
    """Save the search ``params`` as an alert for ``email`` and mail the confirmation link.

    Nothing but that link is ever mailed before the address confirms. An account's own
    verified address needs no link: its alert is active at once. Limits: ``ALERT_MAX_PER_ADDRESS``
    alerts an address, ``ALERT_CONFIRMATIONS_PER_ADDRESS`` emails to one address and
    ``ALERT_CONFIRMATIONS_PER_IP`` from one IP a day (the IP's is refused with a 429; the
    address's sends nothing and answers as if it had, so nobody learns about an address).
    """
    email = email.strip().lower()
    now = timezone.now()
    key = alert_search_key(params)
    _lock_address(email)
    existing = Alert.objects.filter(email=email, search_key=key).first()
    live = alerts_of_address(email=email)
    owner = user if user is not None and user.is_authenticated else None
    if owner is not None and owner.email.lower() != email:
        owner = None  # an alert for someone else's address never shows on this account
    if _owns_verified(owner, email):
        if existing is not None and existing.status in (Alert.Status.ACTIVE, Alert.Status.PAUSED):
            return Subscription(active=True, already=True)
        if existing is None and live.count() >= settings.ALERT_MAX_PER_ADDRESS:
            raise AlertRefused(
                f"You have {settings.ALERT_MAX_PER_ADDRESS} alerts, the most one address can "
                "have. Delete one on your alerts page to add this one."
            )
        alert = existing or Alert(email=email, search_key=key)
        _alert_fill(alert, params=params, name=name, frequency=frequency, user=owner, ip=ip)
        alert.status, alert.confirmed_at, alert.watermark = Alert.Status.ACTIVE, now, now
        alert.save()
        return Subscription(active=True)

    if ip and (
        ConfirmationEmail.objects.filter(ip=ip, sent_at__gt=now - DAY).count()
        >= settings.ALERT_CONFIRMATIONS_PER_IP
    ):
        raise AlertRefused(
            "Too many alert sign-ups came from your network today. Please try again tomorrow.",
            status=429,
        )
    sent_today = ConfirmationEmail.objects.filter(email=email, sent_at__gt=now - DAY).count()
    if sent_today >= settings.ALERT_CONFIRMATIONS_PER_ADDRESS:
        return Subscription(active=False)  # enough mail to this address today; say nothing
    ConfirmationEmail.objects.create(email=email, ip=ip, sent_at=now)
    if existing is not None and existing.status in (Alert.Status.ACTIVE, Alert.Status.PAUSED):
        _manage_link_send(email=email, name=name, reason="exists")
        return Subscription(active=False)
    if existing is None and live.count() >= settings.ALERT_MAX_PER_ADDRESS:
        _manage_link_send(email=email, name=name, reason="limit")
        return Subscription(active=False)
    alert = existing or Alert(email=email, search_key=key)
    _alert_fill(alert, params=params, name=name, frequency=frequency, user=owner, ip=ip)
    alert.status, alert.confirmed_at, alert.watermark = Alert.Status.PENDING, None, None
    alert.save()
    unsubscribe_link = tokens.unsubscribe_link(alert_id=alert.pk, email=email)
    email_send(
        event="alert_confirm",
        to=email,
        context={
            "alert": alert,
            "link": tokens.confirm_link(alert_id=alert.pk, email=email),
            "unsubscribe_link": unsubscribe_link,
        },
        headers=tokens.unsubscribe_headers(unsubscribe_link),
    )
    return Subscription(active=False)


def _alert_fill(alert: Alert, *, params: dict, name: str, frequency: str, user, ip) -> None:
    alert.params, alert.name, alert.frequency = params, name[:200], frequency
    alert.user = user or alert.user
    alert.created_ip = ip
    alert.unsubscribed_at = None


def _manage_link_send(*, email: str, name: str, reason: str) -> None:
    """Tell the address's owner, not the visitor, why no new alert was made."""
    email_send(
        event="alert_manage",
        to=email,
        context={
            "name": name,
            "reason": reason,
            "limit": settings.ALERT_MAX_PER_ADDRESS,
            "link": tokens.manage_link(email=email),
        },
    )


@transaction.atomic
def alert_confirm(*, token: str) -> Alert:
    """Turn the alert of a confirmation link on; its first digest lists only jobs that become
    visible from now. Confirming twice is harmless. Raises ``TokenInvalid``."""
    alert_id, email = tokens.confirm_token_read(token)
    alert = Alert.objects.select_for_update().filter(pk=alert_id, email=email).first()
    if alert is None:
        raise tokens.TokenInvalid("This alert no longer exists. Set up a new one from a search.")
    if alert.status == Alert.Status.UNSUBSCRIBED:
        raise tokens.TokenInvalid(
            "This alert was cancelled. Set it up again from the search if you want it."
        )
    if alert.status == Alert.Status.PENDING:
        now = timezone.now()
        alert.status, alert.confirmed_at, alert.watermark = Alert.Status.ACTIVE, now, now
        alert.save(update_fields=["status", "confirmed_at", "watermark"])
    return alert


def alert_unsubscribe(*, alert: Alert) -> Alert:
    """Stop the alert for good (it stays in admin's history); safe to repeat."""
    if alert.status != Alert.Status.UNSUBSCRIBED:
        alert.status, alert.unsubscribed_at = Alert.Status.UNSUBSCRIBED, timezone.now()
        alert.save(update_fields=["status", "unsubscribed_at"])
    return alert


def alert_change(*, alert: Alert, frequency: str, paused: bool) -> Alert:
    """Change how often a confirmed alert mails, or pause and resume it. Resuming does not
    mail what appeared while it was paused: only jobs that become visible from then on."""
    if alert.status not in (Alert.Status.ACTIVE, Alert.Status.PAUSED):
        raise AlertRefused("Confirm this alert from its email before changing it.")
    status = Alert.Status.PAUSED if paused else Alert.Status.ACTIVE
    if alert.status == Alert.Status.PAUSED and status == Alert.Status.ACTIVE:
        alert.watermark = timezone.now()
    alert.frequency, alert.status = frequency, status
    alert.save(update_fields=["frequency", "status", "watermark"])
    return alert


def alert_delete(*, alert: Alert) -> None:
    """Remove the alert and its history."""
    alert.delete()
