"""Security headers and the Content Security Policy, in one middleware.

The policy is data (:data:`CSP`); every response gets it with a fresh nonce.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NONCE = "{nonce}"

#: The Content Security Policy, directive by directive. ``{nonce}`` is replaced per request.
CSP: Mapping[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", f"'nonce-{NONCE}'"),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "frame-ancestors": ("'none'",),
    "form-action": ("'self'",),
}

#: Headers sent on every response.
HEADERS: Mapping[str, str] = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

#: Paths whose responses may be cached (fingerprinted static files).
CACHEABLE_PREFIXES: tuple[str, ...] = ("/static/",)


def render_csp(nonce: str, policy: Mapping[str, tuple[str, ...]] = CSP) -> str:
    return "; ".join(
        f"{directive} {' '.join(value.replace(NONCE, nonce) for value in values)}"
        for directive, values in policy.items()
    )


class SecurityHeadersMiddleware:
    """Adds the CSP (with a per-request nonce in ``request.state.csp_nonce``) and headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(18)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        cacheable = scope["path"].startswith(CACHEABLE_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = render_csp(nonce)
                for name, value in HEADERS.items():
                    headers[name] = value
                if cacheable:
                    headers.setdefault("Cache-Control", "public, max-age=86400")
                else:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
