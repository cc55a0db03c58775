"""Walks every staff route with every role and anonymously; fails on any unexpected access."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser

EVERYONE = frozenset(Role)

#: Who may use each staff route: this table plus each domain's ``tests/http/<domain>/roles.py``
#: (a dict named ``ROLES``). A new staff route must be added to one of them.
EXPECTED: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff"): EVERYONE,
    ("POST", "/staff/sign-out"): EVERYONE,
}
for _table in sorted(Path(__file__).resolve().parents[1].glob("*/roles.py")):
    _module = importlib.import_module(f"tests.http.{_table.parent.name}.roles")
    _overlap = set(EXPECTED) & set(_module.ROLES)
    assert not _overlap, f"{_table} repeats {_overlap}"
    EXPECTED.update(_module.ROLES)

#: Staff-area routes anyone may use.
OPEN_STAFF_ROUTES = {("GET", "/staff/sign-in"), ("POST", "/staff/sign-in")}


def staff_routes(app: Starlette) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith("/staff"):
            for method in sorted((route.methods or set()) - {"HEAD"}):
                if (method, route.path) not in OPEN_STAFF_ROUTES:
                    found.append((method, route.path))
    return found


def test_every_staff_route_is_in_the_table(app: Starlette) -> None:
    assert set(staff_routes(app)) == set(EXPECTED)


def test_every_staff_route_declares_roles(app: Starlette) -> None:
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith("/staff") and route.path != "/staff/sign-in":
            assert getattr(route.endpoint, "voice_roles", None), route.path


async def _request(client: httpx.AsyncClient, method: str, path: str) -> httpx.Response:
    concrete = re.sub(r"\{[^}]+\}", "1", path)
    if method == "GET":
        return await client.get(concrete)
    token = await csrf_token(client)
    return await client.request(method, concrete, data={"csrf_token": token})


async def test_anonymous_is_sent_to_sign_in_everywhere(app: Starlette, client: httpx.AsyncClient) -> None:
    for method, path in staff_routes(app):
        response = await _request(client, method, path)
        assert response.status_code == 303, (method, path)
        assert response.headers["location"].startswith("/staff/sign-in?next="), (method, path)


@pytest.mark.parametrize("role", list(Role))
async def test_each_role_reaches_only_what_it_may(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role
) -> None:
    for method, path in staff_routes(app):
        await sign_in(client, staff[role])
        response = await _request(client, method, path)
        if role in EXPECTED[(method, path)]:
            assert response.status_code not in (401, 403), (role, method, path)
            assert not response.headers.get("location", "").startswith("/staff/sign-in?next"), (role, path)
        else:
            assert response.status_code == 403, (role, method, path)
