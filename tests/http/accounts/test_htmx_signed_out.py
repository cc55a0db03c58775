"""An htmx request after the staff session ended (a queue filter, "a" to approve) moves the whole
page to the sign-in page with ``HX-Redirect``, and back to the page the person was on; before,
htmx put the sign-in page inside the queue."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffSession, StaffUser
from voice.clock import FixedClock

QUEUE = "http://voice.test/staff/moderation?status=all&q=bus"


def _htmx(current_url: str = QUEUE) -> dict[str, str]:
    return {"HX-Request": "true", "HX-Current-URL": current_url}


async def test_a_filter_after_the_session_ended_sends_the_whole_page_to_sign_in(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    session_clock.advance(timedelta(minutes=31))
    response = await client.get("/staff/moderation?status=received", headers=_htmx())
    assert response.status_code == 200
    assert response.text == ""  # nothing for htmx to swap in
    assert response.headers["hx-redirect"] == (
        "/staff/sign-in?next=/staff/moderation%3Fstatus%3Dall%26q%3Dbus&ended=page"
    )
    assert "voice_session" not in client.cookies  # the stale cookie is dropped
    assert not await StaffSession.exists()
    page = await client.get(response.headers["hx-redirect"])
    assert "You have been signed out." in page.text
    assert 'name="next" value="/staff/moderation?status=all&amp;q=bus"' in page.text


async def test_an_approve_after_the_session_ended_says_it_was_not_saved(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    token = await csrf_token(client, "/staff")
    session_clock.advance(timedelta(minutes=31))
    response = await client.post("/staff/moderation/1/approve", data={"csrf_token": token}, headers=_htmx())
    assert response.status_code == 200
    assert response.headers["hx-redirect"].endswith("&ended=form")
    assert response.headers["hx-redirect"].startswith("/staff/sign-in?next=/staff/moderation%3F")


@pytest.mark.parametrize(
    "current_url",
    [
        "https://elsewhere.example/staff/moderation",  # another site
        "http://voice.test/report",  # not a staff page
        "http://voice.test/staff/sign-in?next=/staff",  # never back to sign in
        "",  # missing
    ],
)
async def test_the_way_back_is_only_ever_a_staff_page_here(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock, current_url: str
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    session_clock.advance(timedelta(minutes=31))
    response = await client.get("/staff/moderation?status=received", headers=_htmx(current_url))
    assert response.headers["hx-redirect"] == (
        "/staff/sign-in?next=/staff/moderation%3Fstatus%3Dreceived&ended=page"
    )


async def test_never_signed_in_htmx_gets_a_plain_sign_in(client: httpx.AsyncClient) -> None:
    response = await client.get("/staff/moderation", headers=_htmx())
    assert response.status_code == 200
    assert response.headers["hx-redirect"] == "/staff/sign-in?next=/staff/moderation%3Fstatus%3Dall%26q%3Dbus"
    assert "voice_session" not in response.headers.get("set-cookie", "")  # no session to drop


async def test_without_htmx_it_is_still_a_303(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], session_clock: FixedClock
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    session_clock.advance(timedelta(minutes=31))
    response = await client.get("/staff/moderation?status=received", headers={"HX-Current-URL": QUEUE})
    assert response.status_code == 303
    assert "hx-redirect" not in response.headers
    assert (
        response.headers["location"] == "/staff/sign-in?next=/staff/moderation%3Fstatus%3Dreceived&ended=page"
    )
    restore = await client.get("/staff/moderation", headers={**_htmx(), "HX-History-Restore-Request": "true"})
    assert restore.status_code == 303  # a history restore wants a whole page
