"""'Change your password' for every staff role: errors the GOV.UK way, a sign-in style rate
limit on wrong current passwords, other sessions ended, audited without secrets."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import PASSWORD, csrf_token, sign_in
from tests.support.pages import check_response
from voice.accounts.models import Role, StaffSession, StaffUser
from voice.accounts.services import verify_password
from voice.audit.models import AuditEvent
from voice.clock import FixedClock

T0 = datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
NEW = "plum tractor violin seven"
PAGE = "/staff/password"


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
async def elsewhere(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A second browser: the same person signed in somewhere else."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.4", 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://voice.test", event_hooks={"response": [_checked]}
    ) as http:
        yield http


async def _change(
    client: httpx.AsyncClient, current: str, new: str, confirm: str | None = None
) -> httpx.Response:
    token = await csrf_token(client, PAGE)
    data = {"csrf_token": token, "current_password": current, "new_password": new}
    data["confirm_password"] = new if confirm is None else confirm
    return await client.post(PAGE, data=data)


@pytest.mark.parametrize("role", list(Role))
async def test_every_role_finds_the_page_from_the_header(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role
) -> None:
    await sign_in(client, staff[role])
    home = await client.get("/staff")
    assert re.search(
        r'<nav class="wrap staff-nav".*<a href="/staff/password"[^>]*>Change your password</a>',
        home.text,
        re.S,
    )
    page = await client.get(PAGE)
    assert page.status_code == 200
    html = page.text
    assert "<title>Change your password – Voice</title>" in html
    assert (
        'id="current_password" name="current_password" type="password" autocomplete="current-password"'
        in html
    )
    assert 'id="new_password" name="new_password" type="password" autocomplete="new-password"' in html
    assert 'id="confirm_password" name="confirm_password" type="password" autocomplete="new-password"' in html
    assert "maxlength" not in html  # pasting from a password manager is never blocked
    assert "temporary password" not in html


async def test_change_ends_other_sessions_keeps_this_one_and_is_audited(
    app: Starlette, client: httpx.AsyncClient, elsewhere: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(T0)
    user = staff[Role.MODERATOR]
    await sign_in(elsewhere, user)
    await sign_in(client, user)
    response = await _change(client, PASSWORD, NEW)
    assert response.status_code == 303 and response.headers["location"] == "/staff/password?changed=1"
    done = await client.get(response.headers["location"])
    assert "Your password has been changed." in done.text
    assert "you have been signed out there" in done.text
    assert 'role="status"' in done.text and 'name="current_password"' not in done.text
    assert (await client.get("/staff")).status_code == 200  # still signed in here
    signed_out = await elsewhere.get("/staff")  # and signed out everywhere else
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/staff/sign-in")
    assert await StaffSession.filter(user_id=user.id).count() == 1
    refreshed = await StaffUser.get(id=user.id)
    assert verify_password(refreshed.password_hash, NEW) and refreshed.password_changed_at == T0
    event = await AuditEvent.get(action="staff.password_changed")
    assert (event.actor_id, event.object_type, event.object_id, event.at) == (
        user.id,
        "staff_user",
        str(user.id),
        T0,
    )
    assert event.after == {"must_change_password": False, "other_sessions_ended": 1}
    stored = json.dumps([event.before, event.after])
    assert NEW not in stored and PASSWORD not in stored and "argon2" not in stored
    # The old password no longer signs in; the new one does.
    assert (await sign_in(elsewhere, user, PASSWORD)).status_code == 400
    assert (await sign_in(elsewhere, user, NEW)).status_code == 303


async def test_an_empty_form_links_every_error_to_its_field(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ANALYST])
    response = await _change(client, "", "", "")
    assert response.status_code == 400
    html = response.text
    assert "<title>Error: Change your password – Voice</title>" in html
    assert '<a href="#current_password">Enter your current password</a>' in html
    assert '<a href="#new_password">Enter a new password</a>' in html
    assert '<a href="#confirm_password">Enter your new password again</a>' in html
    assert html.count('aria-invalid="true"') == 3
    assert 'aria-describedby="current_password-error"' in html
    assert 'aria-describedby="new_password-hint new_password-error"' in html


@pytest.mark.parametrize(
    ("new", "confirm", "field", "message"),
    [
        ("short", "short", "new_password", "Password must be at least 12 characters"),
        ("p" * 65, "p" * 65, "new_password", "Password must be 64 characters or fewer"),
        (" " * 14, " " * 14, "new_password", "Password cannot be only spaces"),
        (
            " " * 11 + "x",
            " " * 11 + "x",
            "new_password",
            "Password must have at least 12 characters that are not spaces",
        ),
        (
            "aaaaaaaaaaaaa",
            "aaaaaaaaaaaaa",
            "new_password",
            "Password is too easy to guess. A few unrelated words make a strong password",
        ),
        (
            "Safeguarding_Lead@Voice.Test ",
            "Safeguarding_Lead@Voice.Test ",
            "new_password",
            "Password must not be the email address",
        ),
        (NEW, NEW + "!", "confirm_password", "The passwords do not match. Enter your new password again"),
        (PASSWORD, PASSWORD, "new_password", "Your new password must be different from your current one"),
    ],
)
async def test_new_password_errors(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], new: str, confirm: str, field: str, message: str
) -> None:
    user = staff[Role.SAFEGUARDING_LEAD]
    await sign_in(client, user)
    response = await _change(client, PASSWORD, new, confirm)
    assert response.status_code == 400
    html = response.text
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: Change your password" in html
    assert f'<a href="#{field}">{message}</a>' in html
    assert f'id="{field}-error"' in html
    assert f'value="{PASSWORD}"' not in html and 'value="' + new not in html  # never sent back
    assert verify_password((await StaffUser.get(id=user.id)).password_hash, PASSWORD)
    assert not await AuditEvent.filter(action="staff.password_changed").exists()


async def test_wrong_current_password_is_limited_like_sign_in(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.ADMIN]
    await sign_in(client, user)
    limit = app.state.settings.signin_max_failures
    for _ in range(limit):
        response = await _change(client, "a wrong current password", NEW)
        assert response.status_code == 400
        assert '<a href="#current_password">Your current password is not correct</a>' in response.text
    assert await AuditEvent.filter(action="password_change.failure", actor_id=user.id).count() == limit
    blocked = await _change(client, PASSWORD, NEW)  # even the right one, for a while
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0 and "Too many tries" in blocked.text
    for _ in range(3):
        assert (await _change(client, PASSWORD, NEW)).status_code == 429
    assert await AuditEvent.filter(action="password_change.throttled").count() == 1  # logged once
    assert verify_password((await StaffUser.get(id=user.id)).password_hash, PASSWORD)
    # Nothing is locked for good: once the window has passed the change works.
    await app.state.limiter.storage.reset()
    assert (await _change(client, PASSWORD, NEW)).status_code == 303


async def test_the_limit_is_per_account(
    app: Starlette, client: httpx.AsyncClient, elsewhere: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ADMIN])
    for _ in range(app.state.settings.signin_max_failures):
        await _change(client, "a wrong current password", NEW)
    await sign_in(elsewhere, staff[Role.MODERATOR])
    assert (await _change(elsewhere, PASSWORD, NEW)).status_code == 303


async def test_a_post_without_the_csrf_token_changes_nothing(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.MODERATOR]
    await sign_in(client, user)
    response = await client.post(
        PAGE, data={"current_password": PASSWORD, "new_password": NEW, "confirm_password": NEW}
    )
    assert response.status_code == 403
    assert verify_password((await StaffUser.get(id=user.id)).password_hash, PASSWORD)


async def test_signed_out_people_are_sent_to_sign_in(client: httpx.AsyncClient) -> None:
    response = await client.get(PAGE)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/sign-in?next=/staff/password"
