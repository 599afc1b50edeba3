"""RSS 2.0 and Atom job feeds (We Work Remotely's item tags included)."""

from lxml import etree

from listings.html import html_to_text, sanitize_html
from listings.ingest.records import (
    Location,
    PayloadError,
    RawItem,
    Record,
    RecordError,
    clean_text,
    employment_type,
    http_url,
    parse_when,
    pay_from_text,
    raw_item,
    split_locations,
)

ATOM = "{http://www.w3.org/2005/Atom}"
# Feeds are outside input: no entity expansion, no network, no DTDs (XXE, billion laughs).
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


def items(payload: bytes, *, url: str = "") -> list[RawItem]:
    try:
        root = etree.fromstring(payload, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise PayloadError(f"not a well-formed RSS or Atom feed: {exc}") from exc
    if root.tag == "rss" or root.find("channel") is not None:
        entries = root.iterfind("channel/item")
    elif root.tag == f"{ATOM}feed":
        entries = root.iterfind(f"{ATOM}entry")
    else:
        raise PayloadError(f"the document is <{etree.QName(root).localname}>, not RSS or Atom")
    found = []
    for entry in entries:
        fields = _fields(entry)
        external_id = fields.get("guid") or fields.get("id") or fields.get("link", "")
        found.append(raw_item(fields, external_id))
    return found


def record(item: RawItem) -> Record:
    fields = item.data
    title = clean_text(fields.get("title"))
    company = clean_text(fields.get("author") or fields.get("name"))
    # We Work Remotely and many boards write "Company: Job title".
    if ": " in title and not company:
        company, title = (part.strip() for part in title.split(": ", 1))
    if not title:
        raise RecordError("no title")
    region = clean_text(fields.get("region"))
    remote, locations = split_locations(region)
    places = ", ".join(p for p in (fields.get("state"), fields.get("country")) if p and p.strip())
    if places:
        locations += tuple(Location(text=clean_text(part)) for part in [places])
    description = fields.get("description") or fields.get("content") or fields.get("summary") or ""
    return Record(
        external_id=item.external_id,
        title=title,
        company_name=company,
        locations=locations,
        workplace_type="remote" if remote else "",
        employment_type=employment_type(fields.get("type")),
        pay=pay_from_text(html_to_text(sanitize_html(description))),
        description_html=description,
        apply_url=fields.get("link") or fields.get("guid") or "",
        posted_at=parse_when(
            fields.get("pubDate") or fields.get("published") or fields.get("updated")
        ),
        expires_at=parse_when(fields.get("expires_at")),
        source_url=http_url(fields.get("link")),
        extra={"location_text": ", ".join(filter(None, [region, places]))},
    )


def _fields(entry) -> dict[str, str]:
    """Child elements by local name; an Atom link's href, an author's name."""
    fields: dict[str, str] = {}
    for child in entry:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "link" and child.get("href"):
            if child.get("rel", "alternate") == "alternate":
                fields.setdefault("link", child.get("href"))
            continue
        if name == "author" and len(child):
            fields.setdefault("author", child.findtext(f"{ATOM}name") or "")
            continue
        # Atom's type="xhtml" content is markup, not text: keep it for the sanitiser.
        inner = "".join(etree.tostring(part, encoding="unicode") for part in child)
        fields.setdefault(name, ((child.text or "") + inner).strip())
    return fields
