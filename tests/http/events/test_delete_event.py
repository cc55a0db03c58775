"""Deleting a takeover event recorded by mistake: asked first, audited, refused once it has
comments (what young people said is evidence), with JavaScript off."""

from __future__ import annotations

import httpx

from tests.http.consultations.conftest import text_of, title
from tests.http.events.test_events import form_fields, make_event, moderator  # noqa: F401
from tests.support.contributions import make_contribution
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.events.models import TakeoverEvent
from voice.feedback.models import ContributionKind


async def test_an_event_with_no_comments_can_be_deleted(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    event = await make_event()
    page = await client.get(f"/staff/events/{event.id}")
    assert f'href="/staff/events/{event.id}/delete"' in page.text
    sure = await client.get(f"/staff/events/{event.id}/delete")
    assert title(sure) == f"Are you sure you want to delete {event.title}? – Voice"
    assert await TakeoverEvent.exists(id=event.id)  # asking changes nothing
    fields = await form_fields(client, f"/staff/events/{event.id}/delete")
    gone = await client.post(f"/staff/events/{event.id}/delete", data=fields)
    assert gone.status_code == 303 and gone.headers["location"] == "/staff/events?done=deleted"
    assert not await TakeoverEvent.exists(id=event.id)
    audit = await AuditEvent.get(action="event.deleted")
    assert audit.object_id == str(event.id) and audit.before is not None
    assert audit.before["title"] == event.title and audit.actor_label == moderator.email
    listed = await client.get(gone.headers["location"])
    assert "Event deleted." in text_of(listed) and event.title not in text_of(listed)
    # Sent again (a double click, or a second tab): it is gone, which is what was asked.
    again = await client.post(f"/staff/events/{event.id}/delete", data=fields)
    assert again.status_code == 303 and again.headers["location"] == "/staff/events?done=deleted"
    assert await AuditEvent.filter(action="event.deleted").count() == 1
    # A number no event ever had is still not found.
    assert (await client.post(f"/staff/events/{event.id + 1000}/delete", data=fields)).status_code == 404


async def test_an_event_with_comments_stays(
    client: httpx.AsyncClient,
    moderator: StaffUser,  # noqa: F811
) -> None:
    event = await make_event()
    await make_contribution("More youth workers", kind=ContributionKind.TAKEOVER, event_id=event.id)
    page = await client.get(f"/staff/events/{event.id}")
    assert f"/staff/events/{event.id}/delete" not in page.text
    why = await client.get(f"/staff/events/{event.id}/delete")
    assert title(why) == f"{event.title} cannot be deleted – Voice"
    assert "reject them in the moderation queue instead" in text_of(why)
    assert "Delete event" not in why.text
    fields = await form_fields(client, f"/staff/events/{event.id}")
    refused = await client.post(f"/staff/events/{event.id}/delete", data=fields)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert "There is a problem It has comments." in text_of(refused)
    assert await TakeoverEvent.exists(id=event.id)
    assert not await AuditEvent.filter(action="event.deleted").exists()
