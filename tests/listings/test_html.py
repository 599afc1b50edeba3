"""Descriptions as HTML: Markdown rendered in linear time, then sanitised."""

import time

import pytest

from listings.html import markdown_to_html

# Inputs that made the old renderer backtrack for seconds to minutes (issue 9).
HOSTILE = ["[" * 19_000, "[a](b" * 3_800, "[*`<_" * 3_900, "![](" * 5_000]


def test_markdown_keeps_headings_lists_emphasis_and_links():
    html = markdown_to_html(
        "# Role\n\nBuild **robots**, *fast*.\n\n- arms\n- legs\n\n1. one\n\n[apply](https://acme.example)"
    )
    assert "<h2>Role</h2>" in html  # h1 is the page's own title
    assert "<strong>robots</strong>" in html and "<em>fast</em>" in html
    assert "<ul>\n<li>arms</li>" in html and "<ol>\n<li>one</li>" in html
    assert 'href="https://acme.example"' in html and 'rel="nofollow noopener noreferrer"' in html


def test_raw_html_and_unsafe_links_go_through_the_sanitiser():
    html = markdown_to_html(
        "<script>alert(1)</script>\n\nHi <b onclick='x()'>there</b> [x](javascript:alert(1))"
    )
    assert "<script" not in html and "onclick" not in html
    assert 'href="javascript' not in html  # left as plain text, never a link
    assert "<b>there</b>" in html


@pytest.mark.parametrize("text", HOSTILE, ids=["brackets", "links", "mixed", "images"])
def test_hostile_markdown_renders_quickly_as_plain_sanitised_text(text):
    started = time.perf_counter()
    html = markdown_to_html(text)
    # A generous sanity bound: these took 3-45 s before, about 0.1 s now.
    assert time.perf_counter() - started < 3
    assert html.startswith("<p>") and "<script" not in html
