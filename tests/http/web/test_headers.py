from __future__ import annotations

import re

import httpx


async def test_every_page_gets_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    headers = response.headers
    csp = headers["content-security-policy"]
    assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]+'", csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["strict-transport-security"].startswith("max-age=")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cache-control"] == "no-store"
    assert "HX-Request" in headers["vary"]


async def test_nonce_changes_per_request(client: httpx.AsyncClient) -> None:
    first = (await client.get("/")).headers["content-security-policy"]
    second = (await client.get("/")).headers["content-security-policy"]
    assert first != second


async def test_staff_and_form_pages_are_not_stored(client: httpx.AsyncClient) -> None:
    for path in ("/staff/sign-in", "/"):
        assert (await client.get(path)).headers["cache-control"] == "no-store"


async def test_static_files_may_be_cached_and_have_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/static/css/voice.css")
    assert response.status_code == 200
    assert "max-age" in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_error_pages_get_headers_too(client: httpx.AsyncClient) -> None:
    response = await client.get("/missing")
    assert response.status_code == 404
    assert "content-security-policy" in response.headers


async def test_server_error_is_friendly_and_keeps_headers(app, client: httpx.AsyncClient) -> None:  # type: ignore[no-untyped-def]
    from starlette.routing import Route

    async def boom(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("broken on purpose")

    app.router.routes.insert(0, Route("/boom", boom))
    response = await client.get("/boom")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.text
    assert "content-security-policy" in response.headers
