"""The one record type every parser returns, and the small readers parsers share."""

import functools
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.dateparse import parse_date, parse_datetime

from salaries.pay import Pay, parse_pay


class PayloadError(Exception):
    """The payload as a whole is not what the source's kind promises: the run fails."""


class RecordError(Exception):
    """One record cannot be used; it is rejected with this reason while the others go in."""


@dataclass(frozen=True)
class Location:
    """A place as a feed states it: free text, or its parts when the feed gives them."""

    text: str = ""
    city: str = ""
    region: str = ""
    country: str = ""

    def __str__(self) -> str:
        parts = (self.city, self.region, self.country)
        return self.text or ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class RawItem:
    """One posting as found in the payload, before normalising; ``digest`` spots reruns."""

    external_id: str
    data: Any
    digest: str


@dataclass(frozen=True)
class Record:
    """A posting in our terms, whatever feed it came from. Values use Job's choices."""

    external_id: str
    title: str
    company_name: str = ""
    locations: tuple[Location, ...] = ()
    workplace_type: str = ""  # "" when the feed does not say: on-site is assumed
    employment_type: str = ""
    pay: Pay | None = None
    description_html: str = ""
    apply_url: str = ""
    posted_at: datetime | None = None
    expires_at: datetime | None = None
    source_url: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def digest_json(value: Any) -> str:
    """A stable hash of a JSON-like value, so key order never makes a record look changed."""
    encoded = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    # A lone surrogate in one posting must not stop the payload being read: the record is
    # rejected later, when it is found unstorable.
    return hashlib.sha1(encoded.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def raw_item(data: dict, external_id: str) -> RawItem:
    """A posting as found, its id cut to what the column holds and its digest taken."""
    return RawItem(external_id=external_id[:255], data=data, digest=digest_json(data))


def json_postings(payload: bytes, *, key: str | None, missing: str) -> list[dict]:
    """The posting objects of a JSON payload: the list under ``key``, or the top-level list.

    ``missing`` is the PayloadError's message when there is no such list.
    """
    data = load_json(payload)
    if key is not None:
        data = data.get(key) if isinstance(data, dict) else None
    if not isinstance(data, list):
        raise PayloadError(missing)
    return [posting for posting in data if isinstance(posting, dict)]


def load_json(payload: bytes) -> Any:
    """JSON from a payload, or a PayloadError that says what came instead."""
    try:
        return json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        start = payload[:40].decode("utf-8", "replace").strip()
        raise PayloadError(f"not valid JSON ({exc}); the body starts {start!r}") from exc
    except RecursionError as exc:
        raise PayloadError("the JSON is nested too deeply to read") from exc


def clean_text(value: Any) -> str:
    """One line of text: entities decoded once, whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(html.unescape(str(value)).split())


_TRACKING_PARAMS = re.compile(
    r"^(utm_.*|gclid|fbclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|trk|trackingid|ref|"
    r"referrer|source|src|gh_src|lever-source.*|lever-origin|ashby_src)$",
    re.IGNORECASE,
)


def strip_tracking(url: str) -> str:
    """The URL without campaign and referral parameters, so copies of one posting match."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not _TRACKING_PARAMS.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def http_url(url: Any) -> str:
    """``url`` if it is an absolute http(s) address, else ""."""
    url = str(url or "").strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") and "//" in url else ""


def parse_when(value: Any) -> datetime | None:
    """A moment from any of the forms feeds use: ISO with or without an offset, a plain
    date, epoch seconds or milliseconds, or RFC 822. Times without a zone are UTC."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    # ASCII digits only: str.isdigit() also takes "²" (float() refuses it) and "٣" (read as 3).
    if isinstance(value, int | float) or (text.isascii() and text.isdigit()):
        number = float(value)
        if number > 1e11:  # milliseconds
            number /= 1000
        try:
            return datetime.fromtimestamp(number, tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise RecordError(f"the date {value!r} is out of range ({exc})") from exc
    try:
        moment = parse_datetime(text.replace(" ", "T", 1) if " " in text[:11] else text)
    except ValueError:
        moment = None
    if moment is None:
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is not None:
            moment = datetime(day.year, day.month, day.day)
    if moment is None:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


EMPLOYMENT_TYPES = {
    "fulltime": "full_time",
    "full": "full_time",
    "permanent": "full_time",
    "parttime": "part_time",
    "part": "part_time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "intern": "internship",
    "internship": "internship",
    "perdiem": "per_diem",
}


def employment_type(value: Any) -> str:
    """Job.EmploymentType from "FULL_TIME", "Full-time", "FullTime", "Contract"; "" if unknown."""
    values = value if isinstance(value, list) else [value]
    for one in values:
        key = re.sub(r"[^a-z]", "", str(one or "").lower())
        if key in EMPLOYMENT_TYPES:
            return EMPLOYMENT_TYPES[key]
        for word, kind in EMPLOYMENT_TYPES.items():
            if key.startswith(word):
                return kind
    return ""


WORKPLACE_TYPES = {"onsite": "on_site", "hybrid": "hybrid", "remote": "remote"}


def workplace_type(value: Any) -> str:
    """Job.WorkplaceType from "OnSite", "on-site", "hybrid", "Remote"; "" if unknown."""
    return WORKPLACE_TYPES.get(re.sub(r"[^a-z]", "", str(value or "").lower()), "")


_REMOTE = re.compile(r"\b(remote|anywhere|work from home|wfh|telecommute)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # feeds repeat a handful of location strings
def split_locations(text: str) -> tuple[bool, tuple[Location, ...]]:
    """Whether free text says remote, and the places it names.

    "Remote (United States)" is remote within the United States; "New York, NY; Austin, TX"
    and "San Francisco | London" name two places each.
    """
    text = clean_text(text)
    remote = bool(_REMOTE.search(text))
    locations = []
    for part in re.split(r"\s*(?:;|\||/| or )\s*", text):
        inner = re.search(r"\(([^)]*)\)", part)
        if _REMOTE.search(part):
            part = inner.group(1) if inner else ""
        part = re.sub(r"\([^)]*\)", "", part).strip(" ,-")
        if part and not _REMOTE.search(part) and not re.search(r"\bworld\b", part, re.I):
            locations.append(Location(text=part))
    return remote, tuple(locations)


_PAY_LINE = re.compile(
    r"salary|compensation|pay\b|pay range|wage|per hour|/hr|/hour|/yr|a year|annually|"
    r"\bote\b|base|rate",
    re.IGNORECASE,
)


def pay_from_text(text: str) -> Pay | None:
    """Pay stated in a description: the first line that talks about pay and states a figure.

    Only such lines are read, so "we are a $12B company" or "raised $300 million" elsewhere in
    the text never becomes a salary.
    """
    for line in text.splitlines():
        if _PAY_LINE.search(line):
            pay = parse_pay(line)
            if pay is not None:
                return pay
    return None
