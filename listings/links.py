"""Links the site writes about itself: absolute addresses, and where a redirect may go."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def site_url(path: str) -> str:
    """A path on this site as an absolute URL, from ``SITE_URL`` (emails, feeds, sitemaps,
    canonical links and the API are read away from any request's host)."""
    return settings.SITE_URL.rstrip("/") + path


def same_site(request: HttpRequest, target: str) -> str:
    """``target`` if it stays on this site (never another host or scheme), else ""."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
