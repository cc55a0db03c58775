"""The little rich text staff write (a priority's description, "what we did"), made safe with nh3.

Staff may type plain text (a blank line starts a new paragraph, a single line break is a
line break) or a few HTML tags: bold, italics, links and lists, mixed as they like: plain text
typed around a list gets its paragraphs, and lists and paragraphs written as HTML stay as
written. Everything else, scripts and event handlers included, is removed by nh3 (the
maintained binding of the Rust ``ammonia`` sanitiser) before it is stored, and again after
paragraphs are made, so what is stored is always safe to show as HTML.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

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
#: A "<" that does not begin a whole tag ("a<b", "x <3"): text, not markup (nh3 would drop
#: what follows it as an unfinished tag).
_LONE_LESS_THAN = re.compile(r"""<(?![a-zA-Z/!](?:[^<>"']|"[^"]*"|'[^']*')*>)""")
_TAG = re.compile(r"<[^>]*>")
#: A start or end tag in nh3's output, with its name (attribute values are quoted).
_TAG_NAME = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
#: Elements kept as written: a paragraph or a list (or a list item nh3 left on its own).
_BLOCKS = frozenset({"p", "ul", "ol", "li"})
_VOID = frozenset({"br"})


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _pieces(cleaned: str) -> list[tuple[bool, str]]:
    """The top level of nh3's (balanced) output, in order: ``(True, html)`` for each paragraph
    or list, or inline element holding one, as written; ``(False, html)`` for the plain text
    and inline elements between them. Plain and block pieces take turns, plain first and last
    (a plain piece may be empty)."""
    pieces: list[tuple[bool, str]] = []
    plain_start = element_start = depth = 0
    holds_block = False
    for tag in _TAG_NAME.finditer(cleaned):
        name = tag.group(2).lower()
        if name in _VOID:
            continue
        if tag.group(1):  # an end tag
            depth = max(depth - 1, 0)
            if depth == 0 and holds_block:
                pieces.append((False, cleaned[plain_start:element_start]))
                pieces.append((True, cleaned[element_start : tag.end()]))
                plain_start = tag.end()
        else:
            if depth == 0:
                element_start, holds_block = tag.start(), False
            holds_block = holds_block or name in _BLOCKS
            depth += 1
    pieces.append((False, cleaned[plain_start:]))
    return pieces


def _plain_paragraphs(text: str) -> str:
    """A paragraph for each blank-line-separated part; a single line break is a <br>."""
    chunks = [chunk.strip() for chunk in _BLANK_LINE.split(text) if chunk.strip()]
    return "\n".join("<p>" + chunk.replace("\n", "<br>") + "</p>" for chunk in chunks)


def _paragraphs(cleaned: str) -> str:
    """Plain text outside paragraphs and lists gets paragraphs; paragraphs and lists, and the
    space between them, stay as written."""
    out: list[str] = []
    pieces = _pieces(cleaned)
    for index, (block, html) in enumerate(pieces):
        if block or not html.strip():
            out.append(html)
            continue
        # Plain text next to a block starts on a line of its own.
        before = "\n" if index > 0 else ""
        after = "\n" if index < len(pieces) - 1 else ""
        out.append(before + _plain_paragraphs(html) + after)
    return "".join(out)


def clean_rich_text(raw: str) -> str:
    """Safe HTML for ``raw``: allowed tags kept, everything else removed, paragraphs made."""
    text = raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    text = _LONE_LESS_THAN.sub("&lt;", text)
    # Cleaned again after paragraphs are made, so what is stored is always nh3's output.
    return _clean(_paragraphs(_clean(text))).strip()


_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def link_addresses(html: str) -> list[str]:
    """Where the links in stored rich text go, as a reader would read them ("Elm%20Road" as
    "Elm Road"): they are published with the words."""
    return [unquote(unescape("".join(match.groups(""))), errors="replace") for match in _HREF.finditer(html)]


def plain_text(html: str) -> str:
    """The words of stored rich text without its tags (for lists, audit records and limits)."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())
