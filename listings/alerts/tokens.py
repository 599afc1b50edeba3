"""Signed links in alert emails (django.core.signing): confirm, manage, unsubscribe.

Each kind has its own salt, so a token minted for one can never be used as another.
"""

from django.core import signing
from django.urls import reverse

from listings.links import site_url

CONFIRM_SALT = "alerts.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 60 * 60  # a confirmation link works for three days
MANAGE_SALT = "alerts.manage"
MANAGE_MAX_AGE = 30 * 24 * 60 * 60  # every email brings a fresh one
# Unsubscribing only ever removes mail, so its link keeps working as long as the alert exists.
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


class TokenInvalid(Exception):
    """A link that was tampered with, has expired, or is for something that is gone."""


def _read(token: str, *, salt: str, max_age: int | None, what: str) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenInvalid(f"This {what} link has expired.") from None
    except signing.BadSignature:
        raise TokenInvalid(f"This {what} link is not valid: it may have been cut short.") from None
    if not isinstance(data, dict):
        raise TokenInvalid(f"This {what} link is not valid.")
    return data


def _absolute(name: str, token: str) -> str:
    return site_url(reverse(name, args=[token]))


def confirm_link(*, alert_id: int, email: str) -> str:
    token = signing.dumps({"alert": alert_id, "email": email}, salt=CONFIRM_SALT)
    return _absolute("alerts:confirm", token)


def confirm_token_read(token: str) -> tuple[int, str]:
    """The alert id and address a confirmation token was minted for; raises TokenInvalid."""
    data = _read(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE, what="confirmation")
    return data.get("alert"), data.get("email")


def manage_link(*, email: str) -> str:
    return _absolute("alerts:manage", signing.dumps({"email": email}, salt=MANAGE_SALT))


def manage_token_read(token: str) -> str:
    """The address whose alerts a manage token shows; raises TokenInvalid."""
    data = _read(token, salt=MANAGE_SALT, max_age=MANAGE_MAX_AGE, what="manage-your-alerts")
    if not isinstance(data.get("email"), str):
        raise TokenInvalid("This manage-your-alerts link is not valid.")
    return data["email"]


def unsubscribe_link(*, alert_id: int, email: str) -> str:
    token = signing.dumps({"alert": alert_id, "email": email}, salt=UNSUBSCRIBE_SALT)
    return _absolute("alerts:unsubscribe", token)


def unsubscribe_token_read(token: str) -> tuple[int, str]:
    """The alert id and address an unsubscribe token was minted for; raises TokenInvalid."""
    data = _read(token, salt=UNSUBSCRIBE_SALT, max_age=None, what="unsubscribe")
    return data.get("alert"), data.get("email")


def unsubscribe_headers(link: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe of ``link`` (an ``unsubscribe_link``): mail clients POST
    it, with no cookie or CSRF."""
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
