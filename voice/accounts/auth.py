"""Who is signed in, and the role check every staff route goes through."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import timedelta
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from voice.accounts.models import Role, StaffUser
from voice.accounts.services import SessionPolicy, resolve_session, utcnow
from voice.settings import Settings
from voice.web.i18n import Catalogues, use_locale

Endpoint = Callable[[Request], Awaitable[Response]]

ALL_STAFF: tuple[Role, ...] = tuple(Role)

#: The staff area is in English (the team works in English); public pages are in five languages.
STAFF_LOCALE = "en"


def session_cookie_name(settings: Settings) -> str:
    return "__Host-voice_session" if settings.https else "voice_session"


def session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_max_hours),
    )


async def current_staff(request: Request) -> StaffUser | None:
    settings: Settings = request.app.state.settings
    token = request.cookies.get(session_cookie_name(settings))
    if not token:
        return None
    user = await resolve_session(token, utcnow(), session_policy(settings))
    request.state.staff = user
    return user


def requires_role(*roles: Role) -> Callable[[Endpoint], Endpoint]:
    """Only signed-in staff with one of ``roles`` reach the endpoint.

    Anyone not signed in is sent to the sign-in page; a signed-in user without
    the role gets 403. Staff pages render in :data:`STAFF_LOCALE`. The roles
    are kept on the endpoint as ``voice_roles`` so a test can walk every staff
    route.
    """
    allowed = frozenset(roles)

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            user = await current_staff(request)
            if user is None:
                target = request.url.path
                if request.url.query:
                    target += "?" + request.url.query
                return RedirectResponse(f"/staff/sign-in?next={quote(target)}", status_code=303)
            if user.role not in allowed:
                raise HTTPException(status_code=403)
            catalogues: Catalogues = request.app.state.catalogues
            with use_locale(catalogues, STAFF_LOCALE):
                return await endpoint(request)

        guarded.voice_roles = allowed  # type: ignore[attr-defined]
        return guarded

    return decorate
