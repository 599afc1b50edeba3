"""Text helpers shared by every part: plain functions, no models."""

import unicodedata

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slug(text: str) -> str:
    """``text`` as an ASCII slug (URLs match ``<slug:>``); "" when no letter or digit is left.

    NFKC first, so full-width "Ａｐｐｌｅ" is "apple"; then transliterated ("Яндекс" is
    "yandeks", "株式会社テスト" "zhushihuishetesuto") rather than dropped.
    """
    return slugify(anyascii(unicodedata.normalize("NFKC", text)))
