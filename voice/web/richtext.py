"""The little rich text staff write (a priority's description, "what we did"), made safe with nh3.

Staff may type plain text (a blank line starts a new paragraph) or a few HTML tags: bold,
italics, links and lists. Everything else, scripts and event handlers included, is removed
by nh3 (the maintained binding of the Rust ``ammonia`` sanitiser) before it is stored, and
again after paragraphs are made, so what is stored is always safe to show as HTML.
"""

from __future__ import annotations

import re
from html import unescape

import nh3

#: The tags staff may use. Headings are left out: each page owns its own headings.
TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"})
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})
#: A hint for the form fields that take rich text.
HINT = (
    'Leave a blank line between paragraphs. You can use <strong>, <em>, <a href="…">, '
    "<ul> and <li>. Anything else is removed."
)

_BLANK_LINE = re.compile(r"\n[ \t]*\n+")
_BLOCK = re.compile(r"<(p|ul|ol)\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _paragraphs(cleaned: str) -> str:
    """Plain text gets a paragraph for each blank-line-separated part; text that already has
    paragraphs or lists is left as written."""
    if _BLOCK.search(cleaned):
        return cleaned
    chunks = [chunk.strip() for chunk in _BLANK_LINE.split(cleaned) if chunk.strip()]
    return "\n".join("<p>" + chunk.replace("\n", "<br>") + "</p>" for chunk in chunks)


def clean_rich_text(raw: str) -> str:
    """Safe HTML for ``raw``: allowed tags kept, everything else removed, paragraphs made."""
    text = raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    # Cleaned again after paragraphs are made, so what is stored is always nh3's output.
    return _clean(_paragraphs(_clean(text))).strip()


def plain_text(html: str) -> str:
    """The words of stored rich text without its tags (for lists, audit records and limits)."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())
