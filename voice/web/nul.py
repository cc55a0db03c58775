"""Drop NUL characters from paths, query strings and url-encoded forms, before any route sees them.

Nobody types NUL, but one can be pasted. PostgreSQL cannot store it in text, so a note, a
theme, a filter or a name with one in it would end the request with an error and lose what
was typed (SQLite would keep it silently). Routes that already clean text keep doing so; this
covers every other field at once. A form that is not url-encoded (none of Voice's) is
passed on as it is.

A query or form with a NUL in it is read and written out again without it, in one pass over
it (removing "%00" text again and again until none is left would take time growing with the
square of its length, and an address costs nothing to send). Forms reach this middleware
after the CSRF middleware, which has already read the whole body and capped its size.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORM_TYPE = "application/x-www-form-urlencoded"


def has_nul(data: bytes) -> bool:
    return b"%00" in data or b"\x00" in data


def without_nul(data: bytes) -> bytes:
    """``data`` (url-encoded) read and written again without NUL in any name or value."""
    if not has_nul(data):
        return data
    pairs = parse_qsl(data.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
    return urlencode(
        [(name.replace("\x00", ""), value.replace("\x00", "")) for name, value in pairs]
    ).encode()


class NoNulMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = _clean_address(scope)
        content_type = Headers(scope=scope).get("content-type", "")
        if content_type.split(";", 1)[0].strip().lower() != FORM_TYPE:
            await self.app(scope, receive, send)
            return
        await self.app(scope, _cleaning(receive), send)


def _clean_address(scope: Scope) -> Scope:
    """The request with no NUL in its path (a page that cannot exist) or query string."""
    path, query = scope.get("path", ""), scope.get("query_string", b"")
    if "\x00" not in path and not has_nul(query):
        return scope
    cleaned = {**scope, "path": path.replace("\x00", ""), "query_string": without_nul(query)}
    if isinstance(scope.get("raw_path"), bytes):
        cleaned["raw_path"] = scope["raw_path"].replace(b"%00", b"").replace(b"\x00", b"")
    return cleaned


def _cleaning(receive: Receive) -> Receive:
    """``receive`` giving the whole body at once, without NUL (the CSRF middleware has already
    read and capped it, so nothing more is held here than there)."""
    done = False

    async def receive_clean() -> Message:
        nonlocal done
        if done:
            return await receive()
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return message
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        done = True
        return {"type": "http.request", "body": without_nul(bytes(body)), "more_body": False}

    return receive_clean
