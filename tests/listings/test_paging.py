"""``?page=`` is read one way on every paged page: ASCII digits from 1."""

import pytest
from django.core.paginator import PageNotAnInteger

from listings.paging import page_number


@pytest.mark.parametrize(("raw", "number"), [(None, 1), ("", 1), ("1", 1), ("07", 7), ("250", 250)])
def test_ascii_digits_are_a_page_number(raw, number):
    assert page_number(raw) == number


@pytest.mark.parametrize("raw", ["²", "¹", "٣", "３", "0", "-3", "1.5", " 2", "abc", "9" * 5000])
def test_anything_else_is_refused_with_a_plain_message(raw):
    with pytest.raises(PageNotAnInteger, match="is not a page number. Pages are numbered from 1"):
        page_number(raw)
