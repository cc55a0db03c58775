"""The notice after adding an event or comments: where the page opens, and only what Voice did."""

from __future__ import annotations

import httpx

from tests.http.events.test_events import form_fields, moderator
from tests.http.events.test_participants import _add
from voice.accounts.models import StaffUser
from voice.events.models import TakeoverEvent

__all__ = ["moderator"]


async def test_the_added_notice_is_where_the_page_opens_and_cannot_be_made_up(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """After adding, the page opens at "Add what young people said" (#add-comments): the notice
    is there, not above the screen. Its counts come signed from Voice: a link with made-up
    counts shows none (found by an exploratory test: "9999 comments added. 7 may be
    disclosures" from an address anyone could send)."""
    added = await _add(client, "")
    assert added.headers["location"].endswith("?done=added#add-comments")
    page = (await client.get(added.headers["location"])).text
    section = page.split('id="add-comments"', 1)[1]
    assert "Event added. Now add what young people said." in section
    event = await TakeoverEvent.get()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    sent = await client.post(
        f"/staff/events/{event.id}/comments",
        data={
            **fields,
            "comments": "more buses\nlights in the park",
            "language": "en",
            "consent": "not_quotable",
        },
    )
    page = (await client.get(sent.headers["location"])).text
    assert "2 comments added." in page.split('id="add-comments"', 1)[1]
    assert "2 comments added." not in page.split('id="add-comments"', 1)[0]
    made_up = f"/staff/events/{event.id}?added=9999&concerns=7&already=3"
    for forged in (
        made_up,
        made_up + "&sig=0123456789abcdef",
        sent.headers["location"].replace("added=2", "added=3"),
    ):
        shown = (await client.get(forged)).text
        assert "comments added" not in shown and "may be disclosures" not in shown
