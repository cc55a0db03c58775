"""An admin sets a temporary password: the person is signed out everywhere, and after their next
sign-in every staff page sends them to 'Change your password' until they choose their own."""

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

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
TEMPORARY = "kettle orange maple 42"
THEIR_OWN = "plum tractor violin seven"


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
async def theirs(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """The browser of the person whose password the admin resets."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.9", 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://voice.test", event_hooks={"response": [_checked]}
    ) as http:
        yield http


async def _set(client: httpx.AsyncClient, user: StaffUser, password: str) -> httpx.Response:
    token = await csrf_token(client, f"/staff/accounts/{user.id}")
    return await client.post(
        f"/staff/accounts/{user.id}/password", data={"csrf_token": token, "temporary_password": password}
    )


async def test_account_page_offers_a_temporary_password_for_others_only(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    admin, other = staff[Role.ADMIN], staff[Role.ANALYST]
    await sign_in(client, admin)
    page = await client.get(f"/staff/accounts/{other.id}")
    assert "<h2>Set a temporary password</h2>" in page.text
    assert f'action="/staff/accounts/{other.id}/password"' in page.text
    assert (
        'id="temporary_password" name="temporary_password" type="password" autocomplete="new-password"'
        in page.text
    )
    assert "Not since the account was added" in page.text
    own = await client.get(f"/staff/accounts/{admin.id}")
    assert 'name="temporary_password"' not in own.text
    assert '<a href="/staff/password">Change your password</a>' in own.text


async def test_temporary_password_signs_them_out_and_forces_a_change(
    app: Starlette, client: httpx.AsyncClient, theirs: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(T0)
    admin, user = staff[Role.ADMIN], staff[Role.MODERATOR]
    await sign_in(theirs, user)
    assert (await theirs.get("/staff/moderation")).status_code == 200
    await sign_in(client, admin)
    response = await _set(client, user, TEMPORARY)
    assert response.status_code == 303
    assert response.headers["location"] == f"/staff/accounts?password_set={user.id}"
    listing = await client.get(response.headers["location"])
    assert (
        "Temporary password set for moderator@voice.test. They must choose a new one when they next sign in."
        in listing.text
    )
    page = await client.get(f"/staff/accounts/{user.id}")
    assert "temporary: they must choose a new one when they next sign in" in page.text
    # Audited without the password; their sessions ended at once.
    event = await AuditEvent.get(action="staff.temporary_password_set")
    assert (event.actor_id, event.object_type, event.object_id, event.at) == (
        admin.id,
        "staff_user",
        str(user.id),
        T0,
    )
    assert event.after == {"must_change_password": True, "sessions_ended": 1}
    assert TEMPORARY not in json.dumps([event.before, event.after])
    assert not await StaffSession.filter(user_id=user.id).exists()
    gone = await theirs.get("/staff/moderation")
    assert gone.status_code == 303 and gone.headers["location"].startswith("/staff/sign-in")
    # The old password no longer works; the temporary one leads straight to the change page.
    assert (await sign_in(theirs, user, PASSWORD)).status_code == 400
    signed_in = await sign_in(theirs, user, TEMPORARY)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/staff/password"
    forced = await theirs.get("/staff/password")
    assert (
        "An admin gave you a temporary password. Choose your own password before you carry on." in forced.text
    )
    # Every other staff page, read or write, sends them back there.
    for path in ("/staff", "/staff/moderation", "/staff/figures"):
        blocked = await theirs.get(path)
        assert (blocked.status_code, blocked.headers["location"]) == (303, "/staff/password"), path
    token = await csrf_token(theirs, "/staff/password")
    posted = await theirs.post("/staff/moderation/1/approve", data={"csrf_token": token})
    assert (posted.status_code, posted.headers["location"]) == (303, "/staff/password")
    # They choose their own password, and can carry on.
    changed = await theirs.post(
        "/staff/password",
        data={
            "csrf_token": token,
            "current_password": TEMPORARY,
            "new_password": THEIR_OWN,
            "confirm_password": THEIR_OWN,
        },
    )
    assert changed.status_code == 303
    refreshed = await StaffUser.get(id=user.id)
    assert not refreshed.must_change_password and verify_password(refreshed.password_hash, THEIR_OWN)
    assert (await theirs.get("/staff/moderation")).status_code == 200
    after = await AuditEvent.get(action="staff.password_changed")
    assert after.before == {"must_change_password": True}


async def _change_own(client: httpx.AsyncClient, current: str, new: str) -> httpx.Response:
    token = await csrf_token(client, "/staff/password")
    return await client.post(
        "/staff/password",
        data={"csrf_token": token, "current_password": current, "new_password": new, "confirm_password": new},
    )


async def test_wrong_current_passwords_before_a_reset_do_not_block_the_forced_change(
    app: Starlette, client: httpx.AsyncClient, theirs: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """Someone in a stolen session guesses at the current password until "Change your password"
    refuses for a while; the admin's reset ends that session, and the owner (whom every staff
    page sends to that form) is not made to wait out the old failures."""
    user = staff[Role.SAFEGUARDING_LEAD]
    await sign_in(theirs, user)
    for _ in range(app.state.settings.signin_max_failures):
        assert (await _change_own(theirs, "a wrong current password", THEIR_OWN)).status_code == 400
    assert (await _change_own(theirs, PASSWORD, THEIR_OWN)).status_code == 429
    await sign_in(client, staff[Role.ADMIN])
    assert (await _set(client, user, TEMPORARY)).status_code == 303
    assert (await sign_in(theirs, user, TEMPORARY)).headers["location"] == "/staff/password"
    assert (await _change_own(theirs, TEMPORARY, THEIR_OWN)).status_code == 303
    assert verify_password((await StaffUser.get(id=user.id)).password_hash, THEIR_OWN)


async def test_they_cannot_keep_the_temporary_password(
    client: httpx.AsyncClient, theirs: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.ANALYST]
    await sign_in(client, staff[Role.ADMIN])
    await _set(client, user, TEMPORARY)
    await sign_in(theirs, user, TEMPORARY)
    token = await csrf_token(theirs, "/staff/password")
    same = await theirs.post(
        "/staff/password",
        data={
            "csrf_token": token,
            "current_password": TEMPORARY,
            "new_password": TEMPORARY,
            "confirm_password": TEMPORARY,
        },
    )
    assert same.status_code == 400
    assert (
        '<a href="#new_password">Your new password must be different from your current one</a>' in same.text
    )
    assert "An admin gave you a temporary password" in same.text
    assert (await StaffUser.get(id=user.id)).must_change_password


async def test_they_can_sign_out_without_changing_it(
    client: httpx.AsyncClient, theirs: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.SAFEGUARDING_LEAD]
    await sign_in(client, staff[Role.ADMIN])
    await _set(client, user, TEMPORARY)
    await sign_in(theirs, user, TEMPORARY)
    token = await csrf_token(theirs, "/staff/password")
    out = await theirs.post("/staff/sign-out", data={"csrf_token": token})
    assert out.headers["location"] == "/staff/sign-in?signed_out=1"
    assert not await StaffSession.filter(user_id=user.id).exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "Enter a temporary password"),
        ("short", "Password must be at least 12 characters"),
        (" " * 11 + "x", "Password must have at least 12 characters that are not spaces"),
        ("analyst@voice.test", "Password must not be the email address"),
    ],
)
async def test_temporary_password_errors(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], password: str, message: str
) -> None:
    user = staff[Role.ANALYST]
    await sign_in(client, staff[Role.ADMIN])
    response = await _set(client, user, password)
    assert response.status_code == 400
    html = response.text
    assert "<title>Error: Analyst: role and access" in html
    assert f'<a href="#temporary_password">{message}</a>' in html
    assert 'aria-describedby="temporary_password-hint temporary_password-error" aria-invalid="true"' in html
    assert re.search(r'value="analyst" checked', html)  # the role form still shows the account as it is
    refreshed = await StaffUser.get(id=user.id)
    assert not refreshed.must_change_password and verify_password(refreshed.password_hash, PASSWORD)
    assert not await AuditEvent.filter(action="staff.temporary_password_set").exists()


async def test_an_admin_is_sent_to_change_their_own_password(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    admin = staff[Role.ADMIN]
    await sign_in(client, admin)
    response = await _set(client, admin, TEMPORARY)
    assert (response.status_code, response.headers["location"]) == (303, "/staff/password")
    refreshed = await StaffUser.get(id=admin.id)
    assert not refreshed.must_change_password and verify_password(refreshed.password_hash, PASSWORD)
    assert not await AuditEvent.filter(action="staff.temporary_password_set").exists()
    assert (await client.get("/staff")).status_code == 200  # still signed in


async def test_unknown_account_is_404(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await sign_in(client, staff[Role.ADMIN])
    token = await csrf_token(client, "/staff/accounts")
    response = await client.post(
        "/staff/accounts/9999/password", data={"csrf_token": token, "temporary_password": TEMPORARY}
    )
    assert response.status_code == 404
