"""The forms that add a takeover event or record a change carry a one-time key: the same form
sent twice (a double click on a slow connection, a resend after a dropped answer) adds one,
and the report does not count it twice."""

from __future__ import annotations

import re

import httpx

from tests.http.consultations.conftest import summary_links
from tests.http.priorities.test_change_dates import _typed, said
from tests.http.priorities.test_priorities import NOW, make_priority, moderator
from tests.support.http import CSRF_RE
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.events.models import TakeoverEvent
from voice.priorities.models import InfluenceAction, PriorityLink

__all__ = ["moderator"]

KEY_RE = re.compile(r'name="form_key" value="([^"]+)"')


async def hidden_fields(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    page = (await client.get(path)).text
    token, key = CSRF_RE.search(page), KEY_RE.search(page)
    assert token and key, "the form carries its token and a one-time key"
    return {"csrf_token": token.group(1), "form_key": key.group(1)}


async def test_a_change_sent_twice_is_recorded_once(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    words = await said("Night buses please", NOW.replace(month=11, day=10), moderator)
    await PriorityLink.create(priority=priority, contribution=words)
    path = f"/staff/priorities/{priority.id}/changes/new"
    fields = await hidden_fields(client, path)
    first = await client.post(path, data={**fields, **_typed("2026-11-15", [words])})
    again = await client.post(path, data={**fields, **_typed("2026-11-15", [words])})
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"]
    assert await InfluenceAction.filter(priority_id=priority.id).count() == 1
    assert await AuditEvent.filter(action="influence_action.created").count() == 1
    # A new visit to the form is a new key: a second, different change is recorded.
    other = await client.post(
        path, data={**await hidden_fields(client, path), **_typed("2026-11-16", [words])}
    )
    assert other.status_code == 303 and await InfluenceAction.filter(priority_id=priority.id).count() == 2


async def test_an_event_sent_twice_is_added_once_even_after_an_error(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    fields = await hidden_fields(client, "/staff/events/new")
    typed = {"title": "Board takeover", "held_on": "2026-11-12", "participants": "about 20"}
    refused = await client.post("/staff/events", data={**fields, **typed})
    assert refused.status_code == 400 and summary_links(refused)
    kept = KEY_RE.search(refused.text)
    assert kept and kept.group(1) == fields["form_key"]  # the page keeps its key
    typed["participants"] = "20"
    first = await client.post("/staff/events", data={**fields, **typed})
    again = await client.post("/staff/events", data={**fields, **typed})
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"]
    assert await TakeoverEvent.all().count() == 1
    assert await AuditEvent.filter(action="event.created").count() == 1


async def test_a_key_that_could_not_be_one_is_ignored(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    fields = {**await hidden_fields(client, "/staff/events/new"), "form_key": "x" * 200}
    typed = {"title": "Board takeover", "held_on": "2026-11-12"}
    assert (await client.post("/staff/events", data={**fields, **typed})).status_code == 303
    made = await TakeoverEvent.get()
    assert made.form_key is None
