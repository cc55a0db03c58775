"""HTTP test helpers: CSRF tokens and signing in."""

from __future__ import annotations

import re

import httpx

from voice.accounts.models import StaffUser

PASSWORD = "correct horse battery staple"

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


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
