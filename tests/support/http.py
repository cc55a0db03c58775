"""HTTP test helpers: CSRF tokens and signing in."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
from starlette.applications import Starlette

from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock

PASSWORD = "correct horse battery staple"

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
#: The fingerprint an edit page carries of what it shows (a save from an older page is refused).
SEEN_RE = re.compile(r'name="seen" value="([0-9a-f]+)"')


async def seen_on(client: httpx.AsyncClient, path: str) -> str:
    """The fingerprint carried by the edit page at ``path``."""
    found = SEEN_RE.search((await client.get(path)).text)
    assert found, f"the edit page {path} carries the fingerprint of what it shows"
    return found.group(1)


def error_summary_text(response: httpx.Response) -> str:
    """The markup of a page's error summary."""
    return response.text.split("data-error-summary", 1)[1].split("</div>", 1)[0]


async def csrf_token(client: httpx.AsyncClient, path: str = "/staff/sign-in") -> str:
    page = await client.get(path)
    found = CSRF_RE.search(page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, user: StaffUser, password: str = PASSWORD) -> httpx.Response:
    token = await csrf_token(client)
    return await client.post(
        "/staff/sign-in", data={"csrf_token": token, "email": user.email, "password": password}
    )


async def moderator_at(
    now: datetime, app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> StaffUser:
    """The moderator, signed in on ``client``, with the app's clock stopped at ``now``."""
    app.state.clock = FixedClock(now)
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]
