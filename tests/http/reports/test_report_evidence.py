"""The public report, the staff priority page and /track once words a change rests on are taken
back; and the report's quotes and takeover meetings, as a reader sees them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import page, text_of
from tests.http.reports.test_child_report import NOW, contribution
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.cases.services import raise_case
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import Answer, Contribution
from voice.moderation import services as moderation
from voice.priorities.models import Priority, PriorityLink

YOU_SAID = "My bus pass costs more than my phone"
WE_DID = "Bus fares for under 18s are now half price"
CHANGED = "Something changed because of it (done)"


@pytest.fixture
async def moderator(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    app.state.clock = FixedClock(NOW)
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def record_change(client: httpx.AsyncClient, priority: Priority, *chosen: Contribution) -> None:
    """Through the staff form, as a moderator does it."""
    for item in chosen:
        await PriorityLink.create(priority=priority, contribution=item)
    path = f"/staff/priorities/{priority.id}/changes/new"
    made = await client.post(
        path,
        data={
            "csrf_token": await csrf_token(client, path),
            "you_said": YOU_SAID,
            "we_did": WE_DID,
            "happened_on": "2026-11-20",
            "contributions": [str(item.id) for item in chosen],
        },
    )
    assert made.status_code == 303, made.text


async def report(client: httpx.AsyncClient) -> str:
    response = await client.get("/report")
    assert response.status_code == 200
    return text_of(response)


async def staff_page(client: httpx.AsyncClient, priority: Priority) -> str:
    response = await client.get(f"/staff/priorities/{priority.id}")
    assert response.status_code == 200
    return text_of(response)


async def track(client: httpx.AsyncClient, code: str) -> str:
    response = await client.get("/track", params={"code": code})
    assert response.status_code == 200
    return text_of(response)


async def test_withdrawn_words_leave_the_report_and_staff_see_why(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Transport", owning_agency="Council"
    )
    said = await contribution(YOU_SAID, moderator)
    await record_change(client, priority, said)
    assert f"You said: {YOU_SAID}" in await report(client) and WE_DID in await report(client)
    assert CHANGED in await track(client, said.receipt_code)

    await moderation.withdraw(said, by=moderator, now=NOW, note="Asked by phone")
    shown = await report(client)
    assert YOU_SAID not in shown and WE_DID not in shown
    assert "We are checking what changed." in shown  # the year's only change has gone
    staff = await staff_page(client, priority)
    assert "From 1 contribution (1 since withdrawn) and 0 themes." in staff
    assert (
        "It is not on the report for young people: none of the words it rests on are approved now." in staff
    )
    # /track is as before: taken back, with no steps.
    tracked = await track(client, said.receipt_code)
    assert "These answers were taken back, so we do not use them." in tracked and CHANGED not in tracked


async def test_one_of_two_taken_back_keeps_what_changed_without_you_said(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Transport", owning_agency="Council"
    )
    kept = await contribution("Buses are dear", moderator)
    gone = await contribution(YOU_SAID, moderator)
    await record_change(client, priority, kept, gone)
    await moderation.reopen(gone, by=moderator, now=NOW)  # back in review
    response = await client.get("/report")
    shown = text_of(response)
    assert WE_DID in shown and YOU_SAID not in shown and "You said:" not in shown
    assert "This is what changed because of what you told us." in shown
    staff = await staff_page(client, priority)
    assert "From 2 contributions (1 no longer approved) and 0 themes." in staff
    assert 'The report for young people shows what changed but not "You said"' in staff
    # /track does not change: the words still approved still led to it; the others are being read.
    assert CHANGED in await track(client, kept.receipt_code)
    assert CHANGED not in await track(client, gone.receipt_code)
    await moderation.withdraw(kept, by=moderator, now=NOW, note="Asked by email")
    staff = await staff_page(client, priority)
    assert "From 2 contributions (1 since withdrawn, 1 no longer approved) and 0 themes." in staff
    assert WE_DID not in await report(client)


async def test_quotes_are_not_hidden_by_redacted_words_nor_repeated(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    older = ("The buses are too expensive", "the  buses are too expensive ", "The park is dark at night")
    for days, text in enumerate(older, start=20):  # newest first: the first of the same words is shown
        await contribution(text, moderator, when=NOW - timedelta(days=days), quotable=True)
    for n in range(25):
        newer = await contribution(
            f"Sam Jones says youth club {n} is great", moderator, when=NOW - timedelta(days=2), quotable=True
        )
        await Answer.filter(contribution_id=newer.id).update(
            redacted_text=f"[name] says youth club {n} is great"
        )
    response = await client.get("/report")
    quotes = [" ".join("".join(q.itertext()).split()) for q in page(response).iter("blockquote")]
    assert sorted(quotes) == ["The buses are too expensive", "The park is dark at night"]
    assert "In your own words" in text_of(response) and "Sam" not in response.text


async def test_a_takeover_with_no_approved_words_is_not_counted(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    board = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 6, 1), participants=14)
    await TakeoverEvent.create(title="Made by mistake", held_on=date(2026, 6, 1), participants=20)
    said = await contribution(
        "More youth workers", moderator, when=datetime(2026, 6, 1, 10, tzinfo=NOW.tzinfo)
    )
    await Contribution.filter(id=said.id).update(event_id=board.id)
    assert "Young people took over 1 meeting of our leaders. 14 young people took part." in await report(
        client
    )
    await moderation.withdraw(said, by=moderator, now=NOW, note="Asked at the meeting")
    shown = await report(client)
    assert "took over" not in shown and "We have not counted this yet." in shown


async def test_a_change_resting_on_a_possible_disclosure_never_shows_you_said(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    """Found by an exploratory test (2026-11-24): staff linked approved words to a priority,
    recorded a change with those words as "You said", then raised a safeguarding case for them;
    the report kept showing the words. A possible disclosure is never quoted, so neither is a
    "You said" resting on one."""

    priority = await Priority.create(
        reporting_year=2026, position=1, title="Transport", owning_agency="Council"
    )
    said = await contribution(YOU_SAID, moderator)
    await record_change(client, priority, said)
    assert f"You said: {YOU_SAID}" in await report(client)
    await raise_case(said.id, by=staff[Role.MODERATOR], note="On a second reading", now=NOW)
    shown = await report(client)
    assert YOU_SAID not in shown and WE_DID in shown  # what changed still shows
    staff_view = await staff_page(client, priority)
    assert "words it rests on may be a disclosure" in staff_view
    # The change form says so beside the words it offers.
    form = await client.get(f"/staff/priorities/{priority.id}/changes/new")
    assert f"Contribution {said.id} (a possible disclosure" in text_of(form)
