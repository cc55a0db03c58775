"""Drop NUL characters from query strings and url-encoded forms, before any route sees them.

Nobody types NUL, but one can be pasted. PostgreSQL cannot store it in text, so a note, a
theme, a filter or a name with one in it would end the request with an error and lose what
was typed (SQLite would keep it silently). Routes that already clean text keep doing so; this
covers every other field at once. A form that is not url-encoded (none of Voice's) is
passed on as it is.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ENCODED_NUL = b"%00"
FORM_TYPE = "application/x-www-form-urlencoded"


def without_nul(data: bytes) -> bytes:
    """``data`` (url-encoded) without any encoded or raw NUL; removing one cannot make another."""
    while ENCODED_NUL in data:
        data = data.replace(ENCODED_NUL, b"")
    return data.replace(b"\x00", b"")


class NoNulMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if ENCODED_NUL in query or b"\x00" in query:
            scope = {**scope, "query_string": without_nul(query)}
        content_type = Headers(scope=scope).get("content-type", "")
        if content_type.split(";", 1)[0].strip().lower() != FORM_TYPE:
            await self.app(scope, receive, send)
            return
        await self.app(scope, _cleaning(receive), send)


def _cleaning(receive: Receive) -> Receive:
    """``receive`` with NUL dropped from the body, also when "%00" is split between two parts."""
    held = b""

    async def receive_clean() -> Message:
        nonlocal held
        message = await receive()
        if message["type"] != "http.request":
            return message
        body = held + message.get("body", b"")
        held = b""
        if message.get("more_body", False):
            # A "%" in the last two bytes may start a "%00" that ends in the next part.
            start = body.rfind(b"%", max(0, len(body) - 2))
            if start != -1:
                body, held = body[:start], body[start:]
        return {**message, "body": without_nul(body)}

    return receive_clean
