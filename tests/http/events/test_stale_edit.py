"""An event's edit page left open while someone else saved the event is refused, keeping what
was typed, rather than saved over their changes (found by an exploratory test: tab A's save put
back the venue tab B had just set, without a word)."""

from __future__ import annotations

import re
from datetime import date

import httpx

from tests.http.consultations.conftest import page, title, value_of
from tests.http.events.test_events import moderator
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.events import services
from voice.events.models import TakeoverEvent

__all__ = ["moderator"]

DETAILS = {"title": "Youth Council takes over the board", "held_on": "2026-11-12", "participants": "12"}


def summary_items(response: httpx.Response) -> list[tuple[str, str]]:
    """(href or "", text) of each problem in the error summary, linked to a field or not."""
    summary = page(response).find(".//*[@data-error-summary]")
    assert summary is not None, "no error summary"
    items = []
    for item in summary.iter("li"):
        link = item.find("a")
        items.append(
            ((link.get("href") or "") if link is not None else "", " ".join("".join(item.itertext()).split()))
        )
    return items


async def _event() -> TakeoverEvent:
    return await TakeoverEvent.create(
        title="Youth Council takes over the board", held_on=date(2026, 11, 12), participants=12
    )


async def test_a_save_from_a_page_opened_before_another_save_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event = await _event()
    path = f"/staff/events/{event.id}/edit"
    tab_a, tab_b = await _edit_fields(client, path), await _edit_fields(client, path)
    assert tab_a["seen"] == services.event_version(event)
    saved = await client.post(path, data={**tab_b, **DETAILS, "venue": "Tab B venue"})
    assert saved.status_code == 303
    refused = await client.post(path, data={**tab_a, **DETAILS, "title": "Takeover day"})
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    [(anchor, message)] = summary_items(refused)
    assert anchor == "" and message.startswith("Someone else saved this event after you opened this page.")
    assert value_of(refused, "title") == "Takeover day"  # what was typed is kept
    await event.refresh_from_db()
    assert (event.title, event.venue) == ("Youth Council takes over the board", "Tab B venue")
    assert await AuditEvent.filter(action="event.updated").count() == 1
    # Saving again from the refused page is a choice made knowing: it saves.
    again = await client.post(path, data={**_fields_of(refused), **DETAILS, "title": "Takeover day"})
    assert again.status_code == 303
    await event.refresh_from_db()
    assert event.title == "Takeover day"


def _fields_of(response: httpx.Response) -> dict[str, str]:
    """The hidden fields of an edit page: its CSRF token and the event version it was drawn at."""
    found = dict(re.findall(r'<input type="hidden" name="(csrf_token|seen)" value="([^"]*)">', response.text))
    assert found.get("seen") and found.get("csrf_token")
    return found


async def _edit_fields(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    return _fields_of(await client.get(path))


async def test_the_same_save_sent_twice_is_saved_once_without_an_error(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event = await _event()
    path = f"/staff/events/{event.id}/edit"
    fields = {**await _edit_fields(client, path), **DETAILS, "venue": "Civic Hall"}
    assert (await client.post(path, data=fields)).status_code == 303
    second = await client.post(path, data=fields)
    assert second.status_code == 303 and second.headers["location"].endswith("?done=saved")
    assert await AuditEvent.filter(action="event.updated").count() == 1


async def test_a_stale_page_with_a_mistake_shows_both(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event = await _event()
    path = f"/staff/events/{event.id}/edit"
    tab_a, tab_b = await _edit_fields(client, path), await _edit_fields(client, path)
    assert (await client.post(path, data={**tab_b, **DETAILS, "venue": "Hall"})).status_code == 303
    refused = await client.post(path, data={**tab_a, **DETAILS, "title": " "})
    assert refused.status_code == 400
    links = summary_items(refused)
    assert links[0][1].startswith("Someone else saved this event") and links[1] == (
        "#title",
        "Enter the event's name",
    )
