from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from tests.support.http import PASSWORD, csrf_token, sign_in
from voice.accounts.models import Role, StaffSession, StaffUser
from voice.audit.models import AuditEvent


async def test_sign_in_page_fields(client: httpx.AsyncClient) -> None:
    html = (await client.get("/staff/sign-in")).text
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'type="password"' in html
    assert "maxlength" not in html  # never block pasting a long password manager value


async def test_sign_in_success_sets_safe_cookie_and_audits(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    response = await sign_in(client, staff[Role.MODERATOR])
    assert response.status_code == 303
    assert response.headers["location"] == "/staff"
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("voice_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert (await client.get("/staff")).status_code == 200
    assert await AuditEvent.filter(action="signin.success", actor_id=staff[Role.MODERATOR].id).exists()


async def test_https_uses_host_prefix_and_secure(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    from dataclasses import replace

    app.state.settings = replace(app.state.settings, https=True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://voice.test") as http:
        token = await csrf_token(http)
        response = await http.post(
            "/staff/sign-in",
            data={"csrf_token": token, "email": staff[Role.ADMIN].email, "password": PASSWORD},
        )
    cookie = next(h for h in response.headers.get_list("set-cookie") if "voice_session" in h)
    assert cookie.startswith("__Host-voice_session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


async def test_session_id_rotates_at_each_sign_in(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ADMIN])
    first = client.cookies.get("voice_session")
    await sign_in(client, staff[Role.ADMIN])
    second = client.cookies.get("voice_session")
    assert first and second and first != second


async def test_wrong_password_shows_error_summary_and_keeps_email(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    response = await sign_in(client, staff[Role.ADMIN], password="wrong password here")
    assert response.status_code == 400
    html = response.text
    assert "<title>Error: Sign in to Voice" in html
    assert 'href="#email"' in html and "Enter a correct email address and password" in html
    assert f'value="{staff[Role.ADMIN].email}"' in html
    assert await AuditEvent.filter(action="signin.failure").exists()


async def test_empty_form_errors_link_to_each_field(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client)
    response = await client.post("/staff/sign-in", data={"csrf_token": token, "email": "", "password": ""})
    assert response.status_code == 400
    assert 'href="#email"' in response.text and 'href="#password"' in response.text
    assert 'aria-invalid="true"' in response.text


async def test_repeated_failures_are_slowed_not_locked(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    limit = app.state.settings.signin_max_failures
    for _ in range(limit):
        assert (await sign_in(client, staff[Role.ADMIN], password="wrong password here")).status_code == 400
    blocked = await sign_in(client, staff[Role.ADMIN])
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Too many tries" in blocked.text
    assert await AuditEvent.filter(action="signin.throttled").count() == 1
    for _ in range(5):  # more refused tries in the same window are not logged again
        assert (await sign_in(client, staff[Role.ADMIN])).status_code == 429
    assert await AuditEvent.filter(action="signin.throttled").count() == 1
    # No permanent lock-out: once the window has passed, the right password works.
    await app.state.limiter.storage.reset()
    assert (await sign_in(client, staff[Role.ADMIN])).status_code == 303
    user = await StaffUser.get(id=staff[Role.ADMIN].id)
    assert user.is_active


async def test_idle_timeout_signs_out(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await sign_in(client, staff[Role.ADMIN])
    await StaffSession.all().update(last_seen_at=datetime.now(UTC) - timedelta(minutes=31))
    response = await client.get("/staff")
    assert response.status_code == 303 and response.headers["location"].startswith("/staff/sign-in")
    assert not await StaffSession.exists()


async def test_absolute_timeout_signs_out_even_when_active(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ADMIN])
    await StaffSession.all().update(created_at=datetime.now(UTC) - timedelta(hours=13))
    response = await client.get("/staff")
    assert response.status_code == 303


async def test_sign_out_ends_session_and_audits(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ANALYST])
    token = await csrf_token(client, "/staff")
    response = await client.post("/staff/sign-out", data={"csrf_token": token})
    assert response.status_code == 303
    assert not await StaffSession.exists()
    assert await AuditEvent.filter(action="signout").exists()
    assert (await client.get("/staff")).status_code == 303


async def test_a_form_posted_after_the_session_ended_returns_to_its_page(client: httpx.AsyncClient) -> None:
    """After signing in again, staff land on the item or case the form was on, not a 405."""
    token = await csrf_token(client)
    cases = {
        "/staff/moderation/2/approve": "/staff/moderation/2",
        "/staff/cases/3/decision": "/staff/cases/3",
        "/staff/sign-out": "/staff",
        # Found by an exploratory test (2026-11-24): these went to a page above the form, where
        # the words kept in the tab were dropped. The form's own page gets them back.
        "/staff/stories": "/staff/stories/new",
        "/staff/priorities/2/changes/new": "/staff/priorities/2/changes/new",
        "/staff/priorities/2/edit": "/staff/priorities/2/edit",
        "/staff/events": "/staff/events/new",
        "/staff/consultations/3/questions/new": "/staff/consultations/3/questions/new",
        "/staff/moderation/5/notes": "/staff/moderation/5",
    }
    for posted, page in cases.items():
        response = await client.post(posted, data={"csrf_token": token})
        assert response.headers["location"] == f"/staff/sign-in?next={page}", posted
    # A page fetched while signed out keeps its own address and query.
    fetched = await client.get("/staff/moderation?status=approved")
    assert fetched.headers["location"] == "/staff/sign-in?next=/staff/moderation%3Fstatus%3Dapproved"


async def test_next_is_kept_through_sign_in_but_never_offsite(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    redirect = await client.get("/staff")
    assert redirect.headers["location"] == "/staff/sign-in?next=/staff"
    token = await csrf_token(client)
    response = await client.post(
        "/staff/sign-in",
        data={
            "csrf_token": token,
            "email": staff[Role.ADMIN].email,
            "password": PASSWORD,
            "next": "//evil.example",
        },
    )
    assert response.headers["location"] == "/staff"


async def test_deactivated_user_cannot_sign_in(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.MODERATOR]
    user.is_active = False
    await user.save()
    assert (await sign_in(client, user)).status_code == 400


async def test_spaces_around_the_email_address_are_ignored(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """Browsers trim an email box; a script or an assistive tool may send the spaces (found by
    an exploratory test, twenty-second session: the account form trimmed them, sign-in did not)."""
    token = await csrf_token(client)
    email = f"  {staff[Role.MODERATOR].email.upper()} \t"
    response = await client.post(
        "/staff/sign-in", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status_code == 303
