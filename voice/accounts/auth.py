"""Who is signed in, and the role check every staff route goes through."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from urllib.parse import quote, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Match
from starlette.types import Scope

from voice.accounts.models import Role, StaffUser
from voice.accounts.services import SessionPolicy, resolve_session
from voice.clock import Clock
from voice.settings import Settings
from voice.web.i18n import Catalogues, use_locale
from voice.web.templating import is_htmx, redirect_page

Endpoint = Callable[[Request], Awaitable[Response]]

ALL_STAFF: tuple[Role, ...] = tuple(Role)

#: The staff area is in English (the team works in English); public pages are in five languages.
STAFF_LOCALE = "en"


def signed_in(request: Request) -> StaffUser:
    """The member of staff a role-checked route is serving (``requires_role`` sets it)."""
    user: StaffUser = request.state.staff
    return user


def session_cookie_name(settings: Settings) -> str:
    return "__Host-voice_session" if settings.https else "voice_session"


def session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_max_hours),
    )


def session_now(request: Request) -> datetime:
    """The time sessions go by: ``app.state.session_clock``, the real time unless a test swaps
    in a :class:`~voice.clock.FixedClock`. It is kept apart from ``app.state.clock`` so that tests
    moving the app's time on by hours (case deadlines) do not sign their staff out."""
    clock: Clock = request.app.state.session_clock
    return clock.now()


async def current_staff(request: Request) -> StaffUser | None:
    settings: Settings = request.app.state.settings
    token = request.cookies.get(session_cookie_name(settings))
    if not token:
        return None
    session = await resolve_session(token, session_now(request), session_policy(settings))
    user = session.user if session else None
    request.state.staff = user
    request.state.staff_session = session  # how long it has left, for the page (base.html)
    return user


#: ``?ended=`` on the sign-in page: a session cookie came but its session had ended, on a page
#: fetched (``page``) or on a form sent (``form``: what it carried was not saved).
ENDED_ON_PAGE = "page"
ENDED_ON_FORM = "form"


def to_sign_in(request: Request) -> Response:
    """To the sign-in page, then back here. A stale session cookie is dropped, and the sign-in
    page is told (``ended``) so it can say that they were signed out.

    An htmx request (a queue filter, "a" to approve) would put the sign-in page inside the page
    it came from, so it gets ``HX-Redirect`` instead: the whole page goes to sign in, and back to
    the page the person was on."""
    settings: Settings = request.app.state.settings
    cookie = session_cookie_name(settings)
    had_session = bool(request.cookies.get(cookie))
    back = (_htmx_page(request) if is_htmx(request) else None) or _return_to(request)
    location = f"/staff/sign-in?next={quote(back)}"
    if had_session:
        ended = ENDED_ON_PAGE if request.method in ("GET", "HEAD") else ENDED_ON_FORM
        location += f"&ended={ended}"
    response = redirect_page(request, location)
    if had_session:
        response.delete_cookie(cookie, path="/", secure=settings.https, httponly=True, samesite="lax")
    return response


def _htmx_page(request: Request) -> str | None:
    """The staff page an htmx request came from (``HX-Current-URL``), as a path and query on
    this site; ``None`` if it is missing or elsewhere."""
    current = urlsplit(request.headers.get("hx-current-url", ""))
    if current.netloc and current.netloc != request.url.netloc:
        return None
    if not (current.path == "/staff" or current.path.startswith("/staff/")):
        return None
    if current.path.startswith("/staff/sign-in"):
        return None
    return current.path + (f"?{current.query}" if current.query else "")


def _return_to(request: Request) -> str:
    """Where to go after signing in: this page, or for a form post (a session that ran out
    while the form was open) the page the form was most likely on, where the words kept in
    the tab are put back: its "new" page (``POST /staff/stories`` comes from
    ``/staff/stories/new``), the address itself if it can be fetched (an edit page posts to
    itself), else the nearest page above it, such as the item or case the form was on; never
    the post-only address (which would be a 405). Browsers send no Referer here
    (``Referrer-Policy: no-referrer``), so the address is all there is to go on."""
    if request.method in ("GET", "HEAD"):
        query = request.url.query
        return request.url.path + (f"?{query}" if query else "")
    path = request.url.path.rstrip("/")
    for candidate in (f"{path}/new", path):
        if _can_get(request, candidate):
            return candidate
    while path.count("/") > 1:
        path = path.rsplit("/", 1)[0]
        if _can_get(request, path):
            return path
    return "/staff"


def _can_get(request: Request, path: str) -> bool:
    scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
    return any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes)


#: Where staff choose a new password (and where "must change password" sends them).
CHANGE_PASSWORD_PATH = "/staff/password"  # noqa: S105 - an address, not a password


def requires_role(*roles: Role, while_password_must_change: bool = False) -> Callable[[Endpoint], Endpoint]:
    """Only signed-in staff with one of ``roles`` reach the endpoint.

    Anyone not signed in is sent to the sign-in page; a signed-in user without
    the role gets 403. Someone with a temporary password is sent to
    :data:`CHANGE_PASSWORD_PATH` unless ``while_password_must_change`` (that page
    and signing out). Staff pages render in :data:`STAFF_LOCALE`. The roles
    are kept on the endpoint as ``voice_roles`` so a test can walk every staff
    route.
    """
    allowed = frozenset(roles)

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            user = await current_staff(request)
            if user is None:
                return to_sign_in(request)
            if user.must_change_password and not while_password_must_change:
                return RedirectResponse(CHANGE_PASSWORD_PATH, status_code=303)
            if user.role not in allowed:
                raise HTTPException(status_code=403)
            catalogues: Catalogues = request.app.state.catalogues
            with use_locale(catalogues, STAFF_LOCALE):
                return await endpoint(request)

        guarded.voice_roles = allowed  # type: ignore[attr-defined]
        return guarded

    return decorate


def _route_roles(scope: Scope) -> frozenset[Role]:
    """The roles (``requires_role``) of the route that will serve ``scope``; none if it has none."""
    for route in scope["app"].router.routes:
        if route.matches(scope)[0] is Match.FULL:
            roles: frozenset[Role] = getattr(getattr(route, "endpoint", None), "voice_roles", frozenset())
            return roles
    return frozenset()


async def may_send_bulk(scope: Scope) -> bool:
    """Whether a request comes from signed-in staff who may use the route it is sent to (its own
    ``requires_role``). The form-token middleware asks before it reads a body bigger than an
    ordinary form's."""
    roles = _route_roles(scope)
    if not roles:
        return False
    user = await current_staff(Request(scope))
    return user is not None and user.role in roles and not user.must_change_password
