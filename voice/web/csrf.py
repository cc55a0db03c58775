"""CSRF protection for every unsafe method (signed double-submit token), but the look-up forms
of ``LOOKUP_PATHS``, which change nothing.

A random value lives in an HttpOnly cookie; forms carry ``csrf_token`` and htmx
sends ``X-CSRF-Token``, both an HMAC of that value with the secret key. A request
without a matching token gets a friendly 403 page. That page (or the public journey's own
page, see ``voice.web.errors.csrf_rejection``) carries a token that works, and the response
sets the cookie it goes with and sends that token in an ``X-CSRF-Token`` header, so pressing
the button again can succeed (JavaScript takes the header; a form takes the page's token).

The middleware also caps the size of every unsafe request's body, because it
reads the form to find the token: a form (no JavaScript) may be up to
``MAX_FORM_BYTES``, a request that carries its token in the header (htmx) up to
``MAX_BODY_BYTES``, so a long answer still reaches the page that says how long
it may be. Anything larger gets a friendly 413 page ("too much to send"). Staff forms that
take many comments at once (``BULK_PATHS``: a takeover day's comments, up to 500 of up to
2,000 characters each) may be up to ``MAX_BULK_BYTES`` either way: 500 × 2,000 Urdu letters
are about 6 MB once form-encoded. Only for someone signed in who may use them (the
``bulk_allowed`` check the app gives): anyone else is held to the smaller caps, so nobody can
make the server read megabytes without signing in. The form token is found by scanning the
body, not by parsing every field.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import unquote_plus

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from voice.web.cookies import sending_cookie

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
MAX_FORM_BYTES = 256 * 1024
MAX_BODY_BYTES = 1024 * 1024
MAX_BULK_BYTES = 8 * 1024 * 1024
#: Staff forms that send many comments at once, capped at ``MAX_BULK_BYTES``.
BULK_PATHS = re.compile(r"/staff/events/[0-9]+/comments")
#: Forms that only look something up (/track's receipt code): posted only to keep what is
#: typed out of the address and the browser's history. They change nothing, so they carry no
#: token, and they work on a browser that blocks cookies; their size is capped all the same.
LOOKUP_PATHS = frozenset({"/track"})
#: Whether the request (its scope) comes from someone who may send a bulk form.
BulkCheck = Callable[[Scope], Awaitable[bool]]
_FORM_TOKEN = re.compile(rb"(?:^|&)" + FORM_FIELD.encode() + rb"=([^&]*)")


class Verdict(enum.Enum):
    OK = "ok"
    REJECT = "reject"  # no cookie, or a missing or wrong token
    TOO_LARGE = "too large"


def cookie_name(https: bool) -> str:
    return "__Host-voice_csrf" if https else "voice_csrf"


def token_for(secret: str, cookie_value: str) -> str:
    return hmac.new(secret.encode(), cookie_value.encode(), hashlib.sha256).hexdigest()


def cookie_mark(cookie_value: str) -> str:
    """A short digest of the cookie's value (neither the value nor its token). A public form
    carries the mark of the cookie its page was shown with, so a form that comes back with
    another cookie, or none, is known to have been sent again after the cookies were removed
    (Exit this page, then Back or Reload): see ``voice.feedback.routes._cookies_cleared``."""
    return hashlib.sha256(b"voice-cookie-mark:" + cookie_value.encode()).hexdigest()[:16]


def _cookie_value(headers: Headers, name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 - a malformed Cookie header is just "no cookie"
        return None
    morsel = jar.get(name)
    return morsel.value if morsel and morsel.value else None


def renew_cookie(response: Response, https: bool) -> None:
    """Give the browser a new form-token cookie (at sign-in and sign-out), so a form left open
    by one member of staff does not work for the next person on the same browser."""
    secure = "; Secure" if https else ""
    value = secrets.token_urlsafe(32)
    response.headers.append(
        "set-cookie", f"{cookie_name(https)}={value}; Path=/; HttpOnly; SameSite=Lax{secure}"
    )


class CSRFMiddleware:
    """Checks unsafe requests; makes the token available as ``request.state.csrf_token``."""

    def __init__(
        self,
        app: ASGIApp,
        secret: str,
        https: bool,
        reject: ASGIApp,
        too_large: ASGIApp,
        bulk_allowed: BulkCheck | None = None,
    ) -> None:
        self.app = app
        self.bulk_allowed = bulk_allowed
        self.secret = secret
        self.https = https
        self.reject = reject
        self.too_large = too_large
        self.cookie = cookie_name(https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        existing = _cookie_value(headers, self.cookie)
        value = existing or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token_for(self.secret, value)
        scope["state"]["cookie_mark"] = cookie_mark(existing) if existing else ""
        if scope["method"] not in SAFE_METHODS:
            if scope["path"] in LOOKUP_PATHS and scope["method"] == "POST":
                verdict, receive = await _size_only(receive)
            else:
                verdict, receive = await self._check(scope, receive, headers, existing)
            if verdict is Verdict.TOO_LARGE:
                await self.too_large(scope, receive, send)
                return
            if verdict is Verdict.REJECT:
                # Nothing is saved, but the next press can work: the cookie (a new one when
                # none came) and the token for it go with the refusal.
                await self.reject(scope, receive, self._refreshing(send, value))
                return
        if existing:
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._setting_cookie(send, value))

    def _setting_cookie(self, send: Send, value: str) -> Send:
        secure = "; Secure" if self.https else ""
        return sending_cookie(send, f"{self.cookie}={value}; Path=/; HttpOnly; SameSite=Lax{secure}")

    def _refreshing(self, send: Send, value: str) -> Send:
        with_cookie = self._setting_cookie(send, value)
        token = token_for(self.secret, value)

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(HEADER, token)
            await with_cookie(message)

        return sending

    async def _check(
        self, scope: Scope, receive: Receive, headers: Headers, cookie: str | None
    ) -> tuple[Verdict, Receive]:
        if cookie is None:
            return Verdict.REJECT, receive
        expected = token_for(self.secret, cookie)
        bulk = await self._may_send_bulk(scope)
        sent = headers.get(HEADER)
        if sent is not None:
            body, replay = await _buffer(receive, MAX_BULK_BYTES if bulk else MAX_BODY_BYTES)
            if body is None:
                return Verdict.TOO_LARGE, replay
            return (Verdict.OK if _same(sent, expected) else Verdict.REJECT), replay
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return Verdict.REJECT, receive
        body, replay = await _buffer(receive, MAX_BULK_BYTES if bulk else MAX_FORM_BYTES)
        if body is None:
            return Verdict.TOO_LARGE, replay
        sent_values = form_tokens(body)
        ok = len(sent_values) == 1 and _same(sent_values[0], expected)
        return (Verdict.OK if ok else Verdict.REJECT), replay

    async def _may_send_bulk(self, scope: Scope) -> bool:
        if self.bulk_allowed is None or BULK_PATHS.fullmatch(scope["path"]) is None:
            return False
        return await self.bulk_allowed(scope)


async def _size_only(receive: Receive) -> tuple[Verdict, Receive]:
    """A look-up form (``LOOKUP_PATHS``): no token, but no bigger than any other form."""
    body, replay = await _buffer(receive, MAX_FORM_BYTES)
    return (Verdict.TOO_LARGE if body is None else Verdict.OK), replay


def form_tokens(body: bytes) -> list[str]:
    """Every ``csrf_token`` value in a form-encoded body, found without parsing the other fields
    (a body of a million empty fields costs one scan, not a million)."""
    return [unquote_plus(found.group(1).decode("latin-1")) for found in _FORM_TOKEN.finditer(body)]


async def _buffer(receive: Receive, limit: int) -> tuple[bytes | None, Receive]:
    """Read the whole body (up to ``limit`` bytes) and return a receive that replays it."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None, receive
        chunks.append(chunk)
        more = message.get("more_body", False)
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _same(sent: str, expected: str) -> bool:
    """Constant-time comparison that treats any text, not just ASCII, as a wrong token."""
    return hmac.compare_digest(sent.encode("utf-8", "surrogateescape"), expected.encode("utf-8"))
