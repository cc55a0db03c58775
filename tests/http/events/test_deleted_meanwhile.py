"""A form sent for an event deleted since its page was opened (in another tab, by someone else)
says so and shows what was typed to copy, instead of a bare "Page not found" that lost it
(found by an exploratory test)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest

from tests.http.consultations.conftest import text_of, title
from tests.http.events.test_events import form_fields, moderator
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.events import services
from voice.events.models import TakeoverEvent
from voice.events.services import EventIn
from voice.feedback.models import Contribution

__all__ = ["moderator"]


async def _deleted_after_opening(client: httpx.AsyncClient, path: str) -> tuple[int, dict[str, str]]:
    event = await TakeoverEvent.create(title="Youth Council takes over the board", held_on=date(2026, 11, 12))
    fields = await form_fields(client, path.format(event.id))
    await event.delete()
    return event.id, fields


async def test_comments_for_an_event_deleted_meanwhile_are_shown_to_copy(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event_id, fields = await _deleted_after_opening(client, "/staff/events/{}")
    typed = "More buses after 10pm\nA quiet room at the library"
    sent = await client.post(
        f"/staff/events/{event_id}/comments",
        data={**fields, "comments": typed, "language": "en", "consent": "not_quotable"},
    )
    assert sent.status_code == 404
    assert title(sent) == "This event has been deleted – Voice"
    shown = text_of(sent)
    assert "Someone deleted it after you opened its page, so the comments were not saved." in shown
    assert (
        '<div class="kept-words" dir="auto">More buses after 10pm\nA quiet room at the library</div>'
        in sent.text
    )
    assert not await Contribution.exists()


async def test_changes_to_an_event_deleted_meanwhile_are_shown_to_copy(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event_id, fields = await _deleted_after_opening(client, "/staff/events/{}/edit")
    sent = await client.post(
        f"/staff/events/{event_id}/edit",
        data={
            **fields,
            "title": "Takeover day",
            "held_on": "2026-11-12",
            "participants": "14",
            "summary": "They chaired it.",
        },
    )
    assert sent.status_code == 404 and title(sent) == "This event has been deleted – Voice"
    assert "so your changes were not saved" in text_of(sent)
    assert '<div class="kept-words" dir="auto">Takeover day</div>' in sent.text
    assert '<div class="kept-words" dir="auto">They chaired it.</div>' in sent.text
    # The date and the number as typed too (found by review: they were left out).
    assert '<div class="kept-words" dir="auto">2026-11-12</div>' in sent.text
    assert '<div class="kept-words" dir="auto">14</div>' in sent.text
    assert not await TakeoverEvent.exists()


async def test_an_event_deleted_while_its_save_is_checked_is_gone_too(moderator: StaffUser) -> None:
    """The save reads the event again, locked, in its transaction: deleted by then, nothing is
    saved and no "event.updated" is recorded for an event that is not there."""
    event = await TakeoverEvent.create(title="Youth Council takes over the board", held_on=date(2026, 11, 12))
    await TakeoverEvent.filter(id=event.id).delete()  # the route read it before this
    data = EventIn("Takeover day", date(2026, 11, 12), "", "", "", None)
    with pytest.raises(services.EventGone):
        await services.update_event(event, data, moderator, datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    assert not await AuditEvent.filter(action="event.updated").exists()
