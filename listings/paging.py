"""Reading ``?page=`` one way on every paged page."""

import re

from django.core.paginator import PageNotAnInteger

# ASCII digits only: str.isdigit() also takes "²" (which int() refuses) and "٣" (which it
# reads as 3). Nine digits is past any real page and keeps int() cheap.
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def page_number(raw: str | None) -> int:
    """The page ``?page=`` asks for (1 when empty); raises ``PageNotAnInteger`` saying why."""
    if raw is None or raw == "":
        return 1
    if not _PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise PageNotAnInteger(f"“{raw[:20]}” is not a page number. Pages are numbered from 1.")
    return int(raw)
