"""Which parser reads which kind of source, and where a token or slug is fetched from."""

from types import ModuleType

from listings.ingest import ashby, files, greenhouse, jsonld, lever, rss

PARSERS: dict[str, ModuleType] = {
    "greenhouse": greenhouse,
    "lever": lever,
    "ashby": ashby,
    "jsonld": jsonld,
    "rss": rss,
    "file": files,
}


def parser_for(kind: str) -> ModuleType:
    """The module whose ``items(payload, url=)`` and ``record(item)`` read ``kind``."""
    try:
        return PARSERS[kind]
    except KeyError:
        raise ValueError(f"no parser for sources of kind {kind!r}") from None


def address_url(kind: str, address: str) -> str:
    """The address to fetch: as given when it is a URL, else built from a token or slug."""
    address = address.strip()
    if not address or "://" in address or kind not in ("greenhouse", "lever", "ashby"):
        return address
    return PARSERS[kind].board_url(address)
