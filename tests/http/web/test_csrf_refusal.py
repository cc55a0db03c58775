"""A refused form (missing or wrong CSRF token) lets the next press work, and its page gives
honest advice: nothing was saved, and no "reload" (a reload empties what was typed)."""

from __future__ import annotations

import httpx

from tests.support.http import CSRF_RE, PASSWORD, csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.web.csrf import token_for

SECRET = "test-secret-key-not-for-production"  # tests/conftest.py


def csrf_cookie(response: httpx.Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith("voice_csrf="):
            return header.split(";", 1)[0].split("=", 1)[1]
    return None


async def test_a_refusal_without_a_cookie_sets_one_and_a_token_that_works(client: httpx.AsyncClient) -> None:
    refused = await client.post("/staff/sign-in", data={"csrf_token": "old", "email": "a@b.cd"})
    assert refused.status_code == 403
    value = csrf_cookie(refused)
    assert value, "the refusal sets no CSRF cookie, so every further press is refused too"
    token = refused.headers["x-csrf-token"]
    assert token == token_for(SECRET, value)
    page_token = CSRF_RE.search(refused.text)
    # The expired page has no form; the token is in the htmx headers on <body>.
    assert page_token is None and f'"X-CSRF-Token": "{token}"' in refused.text
    again = await client.post("/staff/sign-in", headers={"X-CSRF-Token": token}, data={"email": ""})
    assert again.status_code == 400  # past CSRF, at the form's own checks


async def test_a_refusal_with_a_cookie_keeps_it_and_gives_its_token(client: httpx.AsyncClient) -> None:
    await client.get("/")
    value = client.cookies.get("voice_csrf")
    assert value
    refused = await client.post("/staff/sign-in", headers={"X-CSRF-Token": "stale"}, data={"email": ""})
    assert refused.status_code == 403
    assert csrf_cookie(refused) == value  # other open pages keep working
    assert refused.headers["x-csrf-token"] == token_for(SECRET, value)


async def test_the_expired_page_does_not_say_reload(client: httpx.AsyncClient) -> None:
    await client.get("/")
    refused = await client.post("/staff/sign-in", data={"csrf_token": "stale"})
    assert refused.status_code == 403 and "This form has expired" in refused.text
    assert "reload" not in refused.text.lower()
    assert "nothing has changed" in refused.text and "copy what you wrote" in refused.text


async def test_the_too_much_page_does_not_promise_the_words_are_still_there(
    client: httpx.AsyncClient,
) -> None:
    await client.get("/")
    token = client.cookies.get("voice_csrf")
    assert token
    response = await client.post(
        "/staff/sign-in", data={"csrf_token": token_for(SECRET, token), "email": "x" * (300 * 1024)}
    )
    assert response.status_code == 413 and "That was too much to send" in response.text
    assert "Go back and make your answer shorter" not in response.text
    # a staff address: staff wording, which promises nothing either
    assert "so nothing was saved" in response.text and "Send it in two or more parts." in response.text
    assert "still have" not in response.text


async def test_a_wrong_method_without_a_token_is_not_called_an_expired_form(
    client: httpx.AsyncClient,
) -> None:
    """A PUT to a page, or a POST to a page that only shows, has no form that could expire."""
    await client.get("/")
    for method, path in (("PUT", "/"), ("DELETE", "/track"), ("POST", "/help"), ("PATCH", "/staff/sign-in")):
        response = await client.request(method, path)
        assert response.status_code == 405, (method, path)
        assert "This form has expired" not in response.text and "Page not found" not in response.text
        assert "<h1>This page cannot be opened directly</h1>" in response.text
        assert response.headers["allow"], (method, path)


async def test_a_post_without_a_token_to_an_address_that_does_not_exist_is_not_found(
    client: httpx.AsyncClient,
) -> None:
    await client.get("/")
    response = await client.post("/no-such-page", data={"csrf_token": "old"})
    assert response.status_code == 404 and "<h1>Page not found</h1>" in response.text


async def test_a_page_opened_with_the_wrong_method_says_so_in_the_visitors_language(
    client: httpx.AsyncClient,
) -> None:
    for language in ("en", "ur", "pl", "ar", "ro"):
        response = await client.get("/c/parks/q/1/language", headers={"Accept-Language": language})
        assert response.status_code == 405 and f'lang="{language}"' in response.text
        assert "Page not found" not in response.text
        if language != "en":
            assert "This page cannot be opened directly" not in response.text, language


async def test_a_form_left_open_before_sign_in_or_sign_out_does_not_work_after(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """The form token is renewed when someone signs in or out, so a page left open by one member
    of staff does not work for the next person signing in on that browser."""
    old = await csrf_token(client)
    signed_in = await client.post(
        "/staff/sign-in",
        data={"csrf_token": old, "email": staff[Role.ADMIN].email, "password": PASSWORD},
    )
    assert signed_in.status_code == 303 and csrf_cookie(signed_in)
    admins = await csrf_token(client, "/staff/password")
    assert admins != old
    refused = await client.post("/staff/sign-out", data={"csrf_token": old})
    assert refused.status_code == 403
    out = await client.post("/staff/sign-out", data={"csrf_token": admins})
    assert out.status_code == 303 and csrf_cookie(out)
    await sign_in(client, staff[Role.MODERATOR])
    stale = await client.post("/staff/sign-out", data={"csrf_token": admins})
    assert stale.status_code == 403  # the admin's page does not act for the moderator
