"""``?page=`` is read one way on every paged page: ASCII digits from 1; long lists are paged
without counting every row."""

import pytest
from django.core.paginator import PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext

from listings.models import Job
from listings.paging import EstimatedCountPaginator, page_number
from tests.factories import PublishedJobFactory


@pytest.mark.parametrize(("raw", "number"), [(None, 1), ("", 1), ("1", 1), ("07", 7), ("250", 250)])
def test_ascii_digits_are_a_page_number(raw, number):
    assert page_number(raw) == number


@pytest.mark.parametrize("raw", ["²", "¹", "٣", "３", "0", "-3", "1.5", " 2", "abc", "9" * 5000])
def test_anything_else_is_refused_with_a_plain_message(raw):
    with pytest.raises(PageNotAnInteger, match="is not a page number. Pages are numbered from 1"):
        page_number(raw)


@pytest.mark.django_db
def test_a_paginator_expecting_many_rows_estimates_without_counting(monkeypatch):
    PublishedJobFactory.create_batch(3)
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 0)
    paginator = EstimatedCountPaginator(Job.objects.order_by("-posted_at", "-pk"), 2)
    with CaptureQueriesContext(connection) as queries:
        count = paginator.count
    assert paginator.estimated and count > paginator.exact_up_to
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"]] == []
    # Every real row is still on its page, read by id in the list's order.
    newest = list(Job.objects.order_by("-posted_at", "-pk").values_list("pk", flat=True))
    pages = [[job.pk for job in paginator.page(n).object_list] for n in (1, 2)]
    assert pages == [newest[:2], newest[2:]]
