"""What a run reads, and the only network code of ingestion: http(s) with timeouts, a size
cap and retries.

The size cap holds for files read from disk too (``read_capped``), so an upload is never cut.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

import httpcore
import httpx
from django.conf import settings

from listings.ingest.models import Source
from listings.ingest.parsers import address_url

# Worth another try: the server or the network may do better in a moment.
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """Nothing usable came back: the run fails and changes nothing."""


class _PastDeadline(Exception):
    """The fetch was still going at INGEST_FETCH_DEADLINE_SECONDS."""


@dataclass(frozen=True)
class Fetched:
    body: bytes
    url: str
    content_type: str


def source_address(source: Source) -> str:
    """What a run of ``source`` reads: its uploaded file, or the address to fetch."""
    if source.kind == Source.Kind.FILE and source.upload:
        return source.upload.name
    return address_url(source.kind, source.address)


def source_payload(source: Source, url: str) -> bytes:
    """The whole of what ``source`` offers at ``url`` (its ``source_address``): its uploaded
    file, or the body fetched from there."""
    if source.kind == Source.Kind.FILE and source.upload:
        with source.upload.open("rb") as upload:
            return read_capped(upload, name=f"the uploaded file {source.upload.name}")
    if not url:
        raise FetchError("the source has no address (or, for a file source, no upload)")
    return fetch(url).body


def fetch(url: str) -> Fetched:
    """The whole body at ``url``; retries timeouts, dropped connections and 5xx with backoff.

    Only http and https are fetched. A body over INGEST_MAX_BYTES, a truncated body, any
    other status than 200 and a fetch still going at INGEST_FETCH_DEADLINE_SECONDS (every
    try and wait included) raise FetchError.
    """
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https addresses are fetched, not {url!r}")
    # Per-read timeouts alone let a server that drips a byte a second hold a run for hours.
    deadline = time.monotonic() + settings.INGEST_FETCH_DEADLINE_SECONDS
    attempts = settings.INGEST_FETCH_RETRIES + 1
    for attempt in range(attempts):
        try:
            return _fetch_once(url, deadline=deadline)
        except _Retryable as exc:
            wait = settings.INGEST_FETCH_BACKOFF_SECONDS * 2**attempt
            if attempt + 1 == attempts or time.monotonic() + wait >= deadline:
                raise FetchError(f"{exc} (after {attempt + 1} attempts)") from exc
            time.sleep(wait)
    raise AssertionError("unreachable")


def read_capped(stream: BinaryIO, *, name: str) -> bytes:
    """All of ``stream``; over INGEST_MAX_BYTES it is a FetchError, never a cut payload."""
    limit = settings.INGEST_MAX_BYTES
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise FetchError(f"{name} is over the {limit:,} byte cap")
    return body


class _Retryable(Exception):
    pass


def refuse_private_address(request: httpx.Request) -> None:
    """Refuse a request (or a redirect) to a host that resolves to a non-public address.

    An admin's source address must not reach the database, Redis or a cloud metadata service
    from inside our network. Allowed by INGEST_ALLOW_PRIVATE_ADDRESSES (local runs and tests
    serve feeds on loopback).
    """
    if settings.INGEST_ALLOW_PRIVATE_ADDRESSES:
        return
    host = request.url.host
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as exc:
        raise FetchError(f"{host} does not resolve: {exc}") from exc
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise FetchError(f"{host} resolves to {address}, not a public address; not fetched")


def _until_deadline(timeout: float | None, deadline: float) -> float:
    """``timeout`` cut to the time left before ``deadline``; past it, ``_PastDeadline``."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _PastDeadline()
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait (TLS, each read and write) ends by the deadline.

    Per-read timeouts alone let a server that drips its headers or body a byte a second hold
    a run for hours: every read returns in time.
    """

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream, self._deadline = stream, deadline

    def _timeout(self, timeout: float | None) -> float:
        return _until_deadline(timeout, self._deadline)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> "_DeadlineStream":
        secured = self._stream.start_tls(ssl_context, server_hostname, self._timeout(timeout))
        return _DeadlineStream(secured, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """Opens connections that end by ``deadline`` (see ``_DeadlineStream``)."""

    def __init__(self, deadline: float) -> None:
        self._deadline = deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = _until_deadline(timeout, self._deadline)
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)


def _transport(deadline: float) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx takes no network backend of its own; its connection pool does.
    transport._pool._network_backend = _DeadlineBackend(deadline)
    return transport


def _fetch_once(url: str, *, deadline: float) -> Fetched:
    limit = settings.INGEST_MAX_BYTES
    timeout = httpx.Timeout(settings.INGEST_FETCH_TIMEOUT_SECONDS)
    headers = {"User-Agent": "PaylineJobs-ingest/1.0", "Accept-Encoding": "gzip, deflate"}
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                headers=headers,
                event_hooks={"request": [refuse_private_address]},
                transport=_transport(deadline),
            ) as client,
            client.stream("GET", url) as response,
        ):
            if urlsplit(str(response.url)).scheme not in ("http", "https"):
                raise FetchError(f"redirected away from http(s): {response.url}")
            if response.status_code in RETRY_STATUSES:
                raise _Retryable(f"{url} answered {response.status_code}")
            if response.status_code != 200:
                raise FetchError(f"{url} answered {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise FetchError(f"{url} sends {declared:,} bytes, over the {limit:,} cap")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url} sent more than the {limit:,} byte cap")
                chunks.append(chunk)
            return Fetched(
                body=b"".join(chunks),
                url=str(response.url),
                content_type=response.headers.get("content-type", ""),
            )
    except (_PastDeadline, httpx.TimeoutException) as exc:
        if time.monotonic() >= deadline:  # a wait cut short by the deadline times out too
            deadline_seconds = settings.INGEST_FETCH_DEADLINE_SECONDS
            raise FetchError(
                f"{url} was still going at the {deadline_seconds:g} s deadline"
            ) from None
        raise _Retryable(f"{url} timed out ({type(exc).__name__})") from exc
    except (httpx.TransportError, httpx.DecodingError) as exc:
        # Connection refused or reset, and bodies shorter than their Content-Length.
        raise _Retryable(f"{url} failed: {exc or type(exc).__name__}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url!r} is not a valid address: {exc}") from exc
