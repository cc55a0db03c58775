"""Every unsafe route refuses a request without a valid CSRF token."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette
from starlette.routing import Route

from tests.support.http import csrf_token
from voice.web.csrf import LOOKUP_PATHS, MAX_FORM_BYTES

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def unsafe_routes(app: Starlette) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if isinstance(route, Route):
            for method in sorted((route.methods or set()) & UNSAFE):
                path = re.sub(r"\{[^}]+\}", "1", route.path)
                if path not in LOOKUP_PATHS:
                    found.append((method, path))
    return found


async def test_only_track_is_a_look_up_form() -> None:
    """Everything that changes something needs its token: the one exception only looks up."""
    assert LOOKUP_PATHS == {"/track"}


async def test_a_look_up_needs_no_cookie_or_token_but_is_capped(client: httpx.AsyncClient) -> None:
    client.cookies.clear()
    looked_up = await client.post("/track", data={"code": "K7QM-4XTP"})
    assert looked_up.status_code == 404 and "We cannot find that code." in looked_up.text
    huge = await client.post("/track", data={"code": "x" * (MAX_FORM_BYTES + 1)})
    assert huge.status_code == 413


async def test_there_are_unsafe_routes_to_check(app: Starlette) -> None:
    assert ("POST", "/staff/sign-in") in unsafe_routes(app)


async def test_every_unsafe_route_refuses_without_token(app: Starlette, client: httpx.AsyncClient) -> None:
    await client.get("/")  # gets the CSRF cookie, so only the token is missing
    for method, path in unsafe_routes(app):
        response = await client.request(method, path, data={"x": "1"})
        assert response.status_code == 403, (method, path)
        assert "This form has expired" in response.text


async def test_every_unsafe_route_refuses_a_wrong_token(app: Starlette, client: httpx.AsyncClient) -> None:
    await client.get("/")
    for method, path in unsafe_routes(app):
        response = await client.request(method, path, data={"csrf_token": "0" * 64})
        assert response.status_code == 403, (method, path)
        header = await client.request(method, path, headers={"X-CSRF-Token": "nope"})
        assert header.status_code == 403, (method, path)


async def test_a_token_that_is_not_ascii_is_refused_not_a_crash(client: httpx.AsyncClient) -> None:
    await client.get("/")
    form = await client.post("/staff/sign-in", data={"csrf_token": "é" * 64})
    assert form.status_code == 403 and "This form has expired" in form.text
    header = await client.post("/staff/sign-in", headers={"X-CSRF-Token": "é".encode()})
    assert header.status_code == 403


async def test_token_without_cookie_is_refused(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client)
    client.cookies.clear()
    response = await client.post("/staff/sign-in", data={"csrf_token": token, "email": "a@b.cd"})
    assert response.status_code == 403


async def test_htmx_header_token_is_accepted(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client)
    response = await client.post(
        "/staff/sign-in",
        headers={"X-CSRF-Token": token},
        data={"email": "", "password": ""},
    )
    assert response.status_code == 400  # reached the form validation, past CSRF


async def test_csrf_cookie_is_httponly_and_lax(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("voice_csrf="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


async def test_a_form_too_big_to_read_gets_413_whatever_its_token(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client)
    big = "x" * (300 * 1024)
    for data in ({"csrf_token": token, "email": big}, {"email": big}):
        response = await client.post("/staff/sign-in", data=data)
        assert response.status_code == 413
        assert "That was too much to send" in response.text


async def test_a_header_token_request_is_capped_higher(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client)
    headers = {"X-CSRF-Token": token}
    fits = await client.post(
        "/staff/sign-in", headers=headers, data={"email": "x" * (300 * 1024), "password": ""}
    )
    assert fits.status_code == 400  # past CSRF to the form's own validation
    too_big = await client.post("/staff/sign-in", headers=headers, content=b"x" * (1100 * 1024))
    assert too_big.status_code == 413
