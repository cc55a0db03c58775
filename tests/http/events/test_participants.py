"""How many young people took part is optional: left empty, an event says "Not given", never 0
(found by an exploratory test: a blank was saved and shown as 0 young people, a false fact in the
partnership's evidence). A typed number is at least 1: no takeover has nobody taking part; the
typed words "1_000" or "٣" are not read as numbers (``int`` alone takes them)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, value_of
from tests.http.events.test_events import NOT_A_NUMBER, form_fields, moderator
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.events.models import TakeoverEvent

__all__ = ["moderator"]

OUT_OF_RANGE = "The number of young people must be between 1 and 10,000, or leave it empty if you do not know"


async def _taking_part(client: httpx.AsyncClient, event: TakeoverEvent) -> str:
    """What the event's page says beside "Young people taking part"."""
    page = (await client.get(f"/staff/events/{event.id}")).text
    found = re.search(r'Young people taking part</dt><dd class="summary-value">([^<]*)</dd>', page)
    assert found is not None
    return found.group(1)


async def _add(client: httpx.AsyncClient, participants: str) -> httpx.Response:
    fields = {"title": "Board takeover", "held_on": "2026-11-12", "participants": participants}
    return await client.post(
        "/staff/events", data={**await form_fields(client, "/staff/events/new"), **fields}
    )


async def test_left_empty_it_is_not_given(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    made = await _add(client, "  ")
    assert made.status_code == 303
    event = await TakeoverEvent.get()
    assert await _taking_part(client, event) == "Not given"
    edit = await client.get(f"/staff/events/{event.id}/edit")
    assert value_of(edit, "participants") == ""
    [created] = await AuditEvent.filter(action="event.created")
    assert created.after is not None and created.after["participants"] is None


async def test_a_number_given_is_shown(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    assert (await _add(client, " 14 ")).status_code == 303
    event = await TakeoverEvent.get()
    assert event.participants == 14
    assert await _taking_part(client, event) == "14"
    assert value_of(await client.get(f"/staff/events/{event.id}/edit"), "participants") == "14"


@pytest.mark.parametrize(
    ("typed", "message"), [("0", OUT_OF_RANGE), ("10001", OUT_OF_RANGE), ("-2", OUT_OF_RANGE)]
)
async def test_a_number_out_of_range_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser, typed: str, message: str
) -> None:
    refused = await _add(client, typed)
    assert refused.status_code == 400 and summary_links(refused) == [("#participants", message)]
    assert value_of(refused, "participants") == typed
    assert not await TakeoverEvent.exists()


@pytest.mark.parametrize("typed", ["1_000", "٣٠", "１２", "1,000"])
async def test_what_is_not_typed_as_a_whole_number_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser, typed: str
) -> None:
    refused = await _add(client, typed)
    assert refused.status_code == 400 and summary_links(refused) == [("#participants", NOT_A_NUMBER)]
    assert not await TakeoverEvent.exists()


async def test_clearing_the_number_makes_it_not_given(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    assert (await _add(client, "14")).status_code == 303
    event = await TakeoverEvent.get()
    path = f"/staff/events/{event.id}/edit"
    fields = {**await form_fields(client, path), "title": "Board takeover", "held_on": "2026-11-12"}
    saved = await client.post(path, data={**fields, "participants": ""})
    assert saved.status_code == 303
    await event.refresh_from_db()
    assert event.participants == 0
    assert await _taking_part(client, event) == "Not given"
    [changed] = await AuditEvent.filter(action="event.updated")
    assert changed.before is not None and changed.after is not None
    assert (changed.before["participants"], changed.after["participants"]) == (14, None)
