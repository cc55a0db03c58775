"""A takeover day's comments within the stated limits (500 comments, 2,000 characters each) fit
in one form, in any language; past what Voice can take, staff are told what to do."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette

from tests.http.events.test_events import form_fields, make_event, moderator  # noqa: F401
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution
from voice.web.csrf import MAX_BODY_BYTES, MAX_BULK_BYTES, MAX_FORM_BYTES

URDU_LETTERS = "ہمیں بسوں کے کرایے کم چاہئیں "


def _urdu(length: int) -> str:
    return (URDU_LETTERS * (length // len(URDU_LETTERS) + 1))[:length].strip() + "۔"


async def test_a_long_batch_in_urdu_reaches_the_form_checks(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    comments = [_urdu(1_990) for _ in range(120)] + [_urdu(2_100)]
    data = {**fields, "comments": "\n".join(comments), "language": "ur", "consent": "not_quotable"}
    assert len(httpx.QueryParams(data).__str__().encode()) > MAX_BODY_BYTES  # over the old 1 MiB cap
    sent = await client.post(f"/staff/events/{event.id}/comments", data=data)
    assert sent.status_code == 400
    assert "Each comment must be 2000 characters or fewer; the one on line 121 is longer" in sent.text
    assert await Contribution.filter(event_id=event.id).count() == 0


async def test_more_than_voice_can_take_says_to_send_it_in_parts(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    data = {**fields, "comments": "x" * (MAX_BULK_BYTES + 1), "language": "en", "consent": "not_quotable"}
    sent = await client.post(f"/staff/events/{event.id}/comments", data=data)
    assert sent.status_code == 413
    assert "Send it in two or more parts." in sent.text
    assert 'href="/staff"' in sent.text
    assert await Contribution.filter(event_id=event.id).count() == 0


async def test_other_forms_keep_the_smaller_cap(app: Starlette, client: httpx.AsyncClient) -> None:
    page = await client.get("/staff/sign-in")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    sent = await client.post("/staff/sign-in", data={"csrf_token": token, "email": "x" * (300 * 1024)})
    assert sent.status_code == 413
    assert "Send it in two or more parts." in sent.text  # a staff address: the staff wording
    assert "Please try again and write less." not in sent.text


async def test_the_same_form_sent_again_with_changes_says_they_were_not_saved(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    fields = await form_fields(client, "/staff/events/new")
    form_key_field = re.search(
        r'name="form_key"[^>]*value="([^"]+)"', (await client.get("/staff/events/new")).text
    )
    assert form_key_field is not None
    data = {**fields, "form_key": form_key_field.group(1), "title": "Board takeover", "held_on": "2026-11-12"}
    first = await client.post("/staff/events", data=data)
    again = await client.post("/staff/events", data=data)  # a double click: the same words
    assert again.headers["location"] == first.headers["location"]
    changed = await client.post("/staff/events", data={**data, "title": "Board takeover in November"})
    assert changed.status_code == 303 and changed.headers["location"].endswith("?done=sent-before")
    assert await TakeoverEvent.all().count() == 1
    assert (await TakeoverEvent.get()).title == "Board takeover"
    page = await client.get(changed.headers["location"])
    assert (
        "What you changed before sending it again was not saved: use Edit to change the event." in page.text
    )
    mistaken = await client.post("/staff/events", data={**data, "title": "", "participants": "20000"})
    assert mistaken.status_code == 303 and mistaken.headers["location"].endswith("?done=sent-before")


async def test_only_staff_who_may_add_comments_may_send_that_much(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """Not signed in, or signed in without the role, a bulk address is held to the ordinary cap,
    so nobody can make the server read megabytes without signing in."""
    event = await make_event()
    page = await client.get("/staff/sign-in")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    big = {"csrf_token": token, "comments": "x" * (MAX_FORM_BYTES + 1024)}
    anonymous = await client.post(f"/staff/events/{event.id}/comments", data=big)
    assert anonymous.status_code == 413
    await sign_in(client, staff[Role.ANALYST])
    analyst = await client.post(f"/staff/events/{event.id}/comments", data=big)
    assert analyst.status_code == 413
    assert await Contribution.filter(event_id=event.id).count() == 0


async def test_a_big_batch_sent_after_the_session_ended_goes_to_sign_in_not_too_much(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    """Found by an exploratory test (2026-11-24): 300 Urdu comments sent after the session ended
    got "too much to send, send it in parts", and the paste was lost. The session is what
    ended: the sign-in page says so, and the comments kept in the tab come back on the event."""
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    comments = "\n".join(_urdu(200) for _ in range(300))
    data = {**fields, "comments": comments, "language": "ur", "consent": "not_quotable"}
    assert len(str(httpx.QueryParams(data)).encode()) > MAX_FORM_BYTES  # over the signed-out cap
    client.cookies.set("voice_session", "ended-long-ago")  # the session has ended
    sent = await client.post(f"/staff/events/{event.id}/comments", data=data)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/staff/sign-in?next=/staff/events/{event.id}&ended=form"
    assert await Contribution.filter(event_id=event.id).count() == 0
    # Someone who never signed in still gets the "too much" page: nothing tells them otherwise.
    client.cookies.delete("voice_session")
    stranger = await client.post(f"/staff/events/{event.id}/comments", data=data)
    assert stranger.status_code == 413
