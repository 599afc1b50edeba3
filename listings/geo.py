"""Points on the map and the miles between them, as PostgreSQL's earthdistance measures.

Distances are great circles on earthdistance's sphere, so the miles a card shows are the miles
the radius filter measured. Where the points come from: ``listings.places``.
"""

import math
import re

Point = tuple[float, float]  # (latitude, longitude) in degrees

EARTH_RADIUS_METERS = 6_378_168  # earthdistance's earth()
METERS_PER_MILE = 1609.344
# "95112" or ZIP+4 ("95112-1234"); only the first five digits place it.
ZIP_CODE = re.compile(r"(\d{5})(?:-\d{4})?")


def miles_between(a: Point, b: Point) -> float:
    """Great-circle miles from ``a`` to ``b``, as ``earth_distance`` measures them."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    half_chord = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_METERS * math.asin(min(1.0, math.sqrt(half_chord))) / METERS_PER_MILE


def zip_code_text(text: str) -> str | None:
    """The five digits of ``text`` when it is written as a ZIP code, else None."""
    match = ZIP_CODE.fullmatch(text.strip())
    return match[1] if match else None
