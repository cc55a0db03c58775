"""Warning before a staff session ends for being idle: "Stay signed in" (POST /staff/stay-signed-in)
really extends the session, the page knows how long is left, and a form sent after the session
ended leads to a sign-in page that says so.

Sessions go by ``app.state.session_clock``; these tests swap in a FixedClock and move it on.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import csrf_token, sign_in
from tests.support.pages import check_response
from voice.accounts.models import Role, StaffSession, StaffUser
from voice.clock import FixedClock

STAY = "/staff/stay-signed-in"


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
async def other_client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A second browser: its own cookies, so its own session."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.8", 40001))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://voice.test", event_hooks={"response": [_checked]}
    ) as http:
        yield http


def _dialog_data(html: str) -> dict[str, str]:
    found = re.search(r'<dialog id="session-warning"([^>]*)>', html)
    assert found, "no session warning on the page"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', found.group(1)))


async def test_stay_signed_in_keeps_a_session_that_would_have_ended(
    client: httpx.AsyncClient,
    other_client: httpx.AsyncClient,
    staff: dict[Role, StaffUser],
    session_clock: FixedClock,
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    await sign_in(other_client, staff[Role.ANALYST])
    token = await csrf_token(client, "/staff")
    session_clock.advance(timedelta(minutes=28))  # two minutes left: the warning shows now

    response = await client.post(STAY, data={"csrf_token": token})
    assert response.status_code == 204

    session_clock.advance(timedelta(minutes=5))  # 33 minutes after both last did anything else
    kept = await client.get("/staff")
    assert kept.status_code == 200
    assert "Signed in as Moderator" in kept.text
    ended = await other_client.get("/staff")
    assert ended.status_code == 303
    assert ended.headers["location"] == "/staff/sign-in?next=/staff&ended=page"
    assert await StaffSession.filter(user_id=staff[Role.ANALYST].id).count() == 0


async def test_stay_signed_in_counts_as_activity_even_just_after_a_page(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    """A page fetched writes last-seen at most every 30 seconds; "Stay signed in" always does."""
    await sign_in(client, staff[Role.ADMIN])
    token = await csrf_token(client, "/staff")
    session_clock.advance(timedelta(seconds=20))
    assert (await client.post(STAY, data={"csrf_token": token})).status_code == 204
    session = await StaffSession.get(user_id=staff[Role.ADMIN].id)
    assert session.last_seen_at == session_clock.now()


async def test_stay_signed_in_is_refused_without_a_csrf_token(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    await client.get("/staff")
    session_clock.advance(timedelta(minutes=28))
    for data in ({}, {"csrf_token": "0" * 64}):
        refused = await client.post(STAY, data=data)
        assert refused.status_code == 403
    session_clock.advance(timedelta(minutes=3))
    assert (await client.get("/staff")).status_code == 303  # nothing was extended


async def test_stay_signed_in_needs_a_live_session(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    token = await csrf_token(client)
    signed_out = await client.post(STAY, data={"csrf_token": token})
    assert signed_out.status_code == 303
    assert signed_out.headers["location"] == "/staff/sign-in?next=/staff"

    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    token = await csrf_token(client, "/staff")
    session_clock.advance(timedelta(minutes=31))  # too late: it cannot be brought back
    too_late = await client.post(STAY, data={"csrf_token": token})
    assert too_late.status_code == 303
    assert too_late.headers["location"] == "/staff/sign-in?next=/staff&ended=form"
    assert not await StaffSession.exists()


async def test_stay_signed_in_is_for_staff_accounts_that_are_still_active(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    token = await csrf_token(client, "/staff")
    await StaffUser.filter(id=staff[Role.MODERATOR].id).update(is_active=False)
    refused = await client.post(STAY, data={"csrf_token": token})
    assert refused.status_code == 303 and refused.headers["location"].startswith("/staff/sign-in?")
    assert not await StaffSession.exists()


@pytest.mark.parametrize("role", list(Role))
async def test_every_staff_page_knows_how_long_the_session_has_left(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock, role: Role
) -> None:
    await sign_in(client, staff[role])
    session_clock.advance(timedelta(seconds=20))  # too soon for the page to write last-seen
    page = await client.get("/staff/password")
    data = _dialog_data(page.text)
    assert data["idle-seconds"] == "1800"
    assert data["seconds-left"] == "1780.000"
    assert data["refresh-seconds"] == "30"
    assert data["absolute-seconds"] == "43200"
    assert data["absolute-left"] == "43180.000"  # 12 hours after signing in, whatever is done
    assert 'action="/staff/stay-signed-in"' in page.text
    assert "Stay signed in" in page.text
    assert '<script src="/static/js/session.js"' in page.text


async def test_no_warning_when_not_signed_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/staff/sign-in")
    assert 'id="session-warning"' not in page.text
    assert '<script src="/static/js/session.js"' in page.text  # it keeps what a late form carried
    assert 'id="session-warning"' not in (await client.get("/")).text


async def test_a_form_sent_after_the_session_ended_says_it_was_not_saved(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    token = await csrf_token(client, "/staff")
    session_clock.advance(timedelta(minutes=31))
    response = await client.post(
        "/staff/moderation/1/reject", data={"csrf_token": token, "reason": "other", "note": "A long note"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/sign-in?next=/staff/moderation/1&ended=form"
    assert "voice_session=" in response.headers["set-cookie"]  # the stale cookie is dropped
    assert "voice_session" not in client.cookies

    page = await client.get(response.headers["location"])
    assert "You have been signed out." in page.text
    assert "after 30 minutes without using Voice" in page.text
    assert "What you sent was not saved." in page.text
    assert 'name="next" value="/staff/moderation/1"' in page.text
    # The cookie went, so the next page is an ordinary sign-in with no message.
    fresh = await client.get("/staff")
    assert fresh.headers["location"] == "/staff/sign-in?next=/staff"


async def test_a_page_fetched_after_the_session_ended_says_why_but_nothing_was_lost(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.ADMIN])
    session_clock.advance(timedelta(minutes=31))
    response = await client.get("/staff/audit")
    assert response.headers["location"] == "/staff/sign-in?next=/staff/audit&ended=page"
    page = await client.get(response.headers["location"])
    assert "You have been signed out." in page.text
    assert "not saved" not in page.text
    plain = await client.get("/staff/sign-in?ended=nonsense")
    assert "You have been signed out." not in plain.text
