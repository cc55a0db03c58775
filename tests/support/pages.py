"""The one page checker every HTML response in the tests goes through (after GOV.UK Notify).

Checks: the HTML parses without errors, one h1, the title starts with the h1 (after an
"Error:" prefix on error pages), ids are unique, every script carries the CSP nonce,
and every POST form carries a CSRF token.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import html5lib
import httpx

from voice.web.csrf import LOOKUP_PATHS

_NONCE = re.compile(r"'nonce-([^']+)'")


class PageProblem(AssertionError):
    pass


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse(html: str, fragment: bool = False) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        if fragment:
            return parser.parseFragment(html)  # type: ignore[no-any-return]
        return parser.parse(html)  # type: ignore[no-any-return]
    except html5lib.html5parser.ParseError as exc:
        raise PageProblem(f"HTML does not parse: {exc}") from exc


def check_document(html: str, csp: str | None) -> Element:
    root = parse(html)
    h1s = root.findall(".//h1")
    if len(h1s) != 1:
        raise PageProblem(f"expected one h1, found {len(h1s)}")
    title = root.find(".//title")
    if title is None:
        raise PageProblem("no <title>")
    h1 = _text(h1s[0])
    title_text = _text(title)
    error_page = root.find(".//*[@data-error-summary]") is not None
    bare_title = title_text.split(" ", 1)[1] if error_page and " " in title_text else title_text
    if error_page and bare_title == title_text:
        raise PageProblem("an error page's title must start with an 'Error:' prefix")
    if not bare_title.startswith(h1):
        raise PageProblem(f"title {title_text!r} does not start with h1 {h1!r}")
    _check_common(root, csp)
    return root


def _check_common(root: Element, csp: str | None) -> None:
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1 and i})
    if duplicates:
        raise PageProblem(f"duplicate ids: {duplicates}")
    nonce_match = _NONCE.search(csp or "")
    for script in root.iter("script"):
        if nonce_match is None or script.get("nonce") != nonce_match.group(1):
            raise PageProblem("a <script> without the response's CSP nonce")
    for form in root.iter("form"):
        # Look-up forms (/track) change nothing and carry no token (voice.web.csrf.LOOKUP_PATHS).
        if (form.get("method") or "get").lower() == "post" and form.get("action") not in LOOKUP_PATHS:
            tokens = [i for i in form.iter("input") if i.get("name") == "csrf_token" and i.get("value")]
            if len(tokens) != 1:
                raise PageProblem(f"POST form to {form.get('action')} lacks a CSRF token")


def check_response(response: httpx.Response) -> None:
    if "text/html" not in response.headers.get("content-type", ""):
        return
    csp = response.headers.get("content-security-policy")
    if response.request.headers.get("hx-request") == "true" and not response.text.lstrip().lower().startswith(
        "<!doctype"
    ):
        _check_common(parse(response.text, fragment=True), csp)
        return
    check_document(response.text, csp)
