"""Sanitising and flattening the HTML of job descriptions we did not write; Markdown to HTML."""

import re

import lxml.html
import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_BLOCK_END = re.compile(r"(</(?:p|li|h\d|div|blockquote|tr|ul|ol)>|<br\s*/?>)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# CommonMark as markdown-it-py parses it: linear in the input (Python-Markdown's regexes
# backtracked for 50 s on 19,000 "["), with nesting capped. Raw HTML is let through to be
# sanitised like any other HTML.
_MARKDOWN = MarkdownIt("commonmark", {"html": True})


def sanitize_html(html: str) -> str:
    """Keep the structure of a description (headings, lists, emphasis, links), drop the rest.

    Scripts, styles, event handlers and ``javascript:`` links never survive; links open
    with ``rel="nofollow noopener noreferrer"``.
    """
    if not html:
        return ""
    # Headings in outside HTML are often h1; the page's own h1 is the job title.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html, flags=re.IGNORECASE)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    ).strip()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, one line per block, for search and snippets."""
    if not html.strip():
        return ""
    text = lxml.html.fragment_fromstring(_BLOCK_END.sub(r"\1\n", html), create_parent="div")
    flat = _SPACES.sub(" ", text.text_content())
    return _BLANK_LINES.sub("\n", flat).strip()


def markdown_to_html(text: str) -> str:
    """Markdown as sanitised HTML: raw HTML in it goes through the same sanitiser."""
    return sanitize_html(_MARKDOWN.render(text))
