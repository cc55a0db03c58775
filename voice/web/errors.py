"""Friendly, translated error pages."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from voice.web.templating import render

logger = logging.getLogger("voice")

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


async def http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    template = TEMPLATES.get(exc.status_code, "errors/500.html")
    headers = dict(exc.headers or {})
    return render(request, template, {"detail": exc.detail}, status_code=exc.status_code, headers=headers)


def too_many_requests(request: Request, retry_after_seconds: int) -> Response:
    """The friendly 429 page, telling people how many minutes to wait."""
    return render(
        request,
        "errors/429.html",
        {"retry_minutes": max(1, (retry_after_seconds + 59) // 60)},
        status_code=429,
        headers={"Retry-After": str(retry_after_seconds)},
    )


async def server_error(request: Request, exc: Exception) -> Response:
    logger.exception("Unhandled error on %s", request.url.path, exc_info=exc)
    return render(request, "errors/500.html", status_code=500)


def _error_page(template: str, status_code: int) -> ASGIApp:
    """An ASGI app that answers with one friendly error page, for middleware to call."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        response = render(Request(scope, receive), template, status_code=status_code)
        await response(scope, receive, send)

    return app


#: What the CSRF middleware calls when a token is missing or wrong,
csrf_rejected = _error_page("errors/csrf.html", 403)
#: and when a form is too big to read.
body_too_large = _error_page("errors/413.html", 413)

#: A route's own page for a form that could not be saved: given the request (path parameters
#: filled in), the page to show, or None for the friendly error page.
FormPage = Callable[[Request], Awaitable[Response | None]]


def _unrouted(scope: Scope) -> HTTPException | None:
    """The 404 or 405 that the router would give ``scope``, or None when a route would take it.

    A refused form is only "expired" when there is a form there to send: a POST to an address
    that does not exist, or a PUT to a page, gets the router's own answer."""
    app = scope.get("app")
    router = getattr(app, "router", None)
    allowed: set[str] = set()
    for route in getattr(router, "routes", []):
        match, _child = route.matches(scope)
        if match is Match.FULL:
            return None
        if match is Match.PARTIAL:
            allowed |= set(getattr(route, "methods", None) or ())
    if allowed:
        return HTTPException(status_code=405, headers={"Allow": ", ".join(sorted(allowed))})
    return HTTPException(status_code=404)


def _route_scope(scope: Scope, names: Mapping[str, FormPage]) -> tuple[FormPage, Scope] | None:
    """The page named for the route that would have answered ``scope``, and its scope."""
    app = scope.get("app")
    router = getattr(app, "router", None)
    for route in getattr(router, "routes", []):
        match, child = route.matches(scope)
        if match is Match.FULL:
            page = names.get(getattr(route, "name", "") or "")
            return (page, {**scope, **child}) if page is not None else None
    return None


def with_route_pages(fallback: ASGIApp, pages: Mapping[str, FormPage]) -> ASGIApp:
    """``fallback``, except for routes named in ``pages``, which show their own page (the public
    journey shows the question again, with what was typed, rather than a dead end)."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        found = _route_scope(scope, pages)
        if found is not None:
            page, route_scope = found
            try:
                response = await page(Request(route_scope, receive))
            except HTTPException:  # say, an address that does not exist: the error page will do
                response = None
            if response is not None:
                await response(route_scope, receive, send)
                return
        unrouted = _unrouted(scope)
        if unrouted is not None:
            request = Request(scope, receive)
            await (await http_exception(request, unrouted))(scope, receive, send)
            return
        await fallback(scope, receive, send)

    return app


class ErrorPageMiddleware:
    """Turns an unhandled exception into the friendly 500 page, inside the security headers."""

    def __init__(self, app: ASGIApp, debug: bool = False) -> None:
        self.app = app
        self.debug = debug

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.debug:
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            response = await server_error(Request(scope, receive), exc)
            await response(scope, receive, send)
