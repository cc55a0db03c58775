"""Takeover events with JavaScript off: add an event, paste what was said, change the event."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.support.contributions import URGENT_TEXT
from tests.support.http import CSRF_RE, moderator_at
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.events.models import TakeoverEvent
from voice.feedback.models import Consent, Contribution, ContributionKind, ScreeningLevel, Source, Status

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
BATCH_RE = re.compile(r'name="batch_key" value="([^"]+)"')


@pytest.fixture
async def moderator(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    return await moderator_at(NOW, app, client, staff)


async def form_fields(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    page = await client.get(path)
    token = CSRF_RE.search(page.text)
    assert token is not None
    fields = {"csrf_token": token.group(1)}
    batch = BATCH_RE.search(page.text)
    if batch:
        fields["batch_key"] = batch.group(1)
    return fields


async def make_event() -> TakeoverEvent:
    return await TakeoverEvent.create(title="Youth Council takes over the board", held_on=date(2026, 11, 12))


NOT_A_NUMBER = "Enter the number of young people as a whole number, like 30"


@pytest.mark.parametrize("typed", ["about 25", "abc", "3.5", "12abc"])
async def test_a_number_of_young_people_that_is_not_one_saves_nothing(
    client: httpx.AsyncClient, moderator: StaffUser, typed: str
) -> None:
    """Only that is wrong: before, it was saved as 0 and the report undercounted."""
    fields = {"title": "Board takeover", "held_on": "2026-11-12", "participants": typed}
    wrong = await client.post(
        "/staff/events", data={**await form_fields(client, "/staff/events/new"), **fields}
    )
    assert wrong.status_code == 400 and summary_links(wrong) == [("#participants", NOT_A_NUMBER)]
    assert value_of(wrong, "participants") == typed and value_of(wrong, "title") == "Board takeover"
    assert not await TakeoverEvent.exists()
    event = await make_event()
    await TakeoverEvent.filter(id=event.id).update(participants=14)
    path = f"/staff/events/{event.id}/edit"
    changed = await client.post(path, data={**await form_fields(client, path), **fields})
    assert changed.status_code == 400 and summary_links(changed) == [("#participants", NOT_A_NUMBER)]
    await event.refresh_from_db()
    assert (event.title, event.participants) == ("Youth Council takes over the board", 14)


async def test_add_an_event(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    empty = await client.get("/staff/events")
    assert title(empty) == "Takeover events – Voice" and "There are no events yet." in text_of(empty)
    form = await client.get("/staff/events/new")
    assert title(form) == "Add an event – Voice"
    wrong = await client.post(
        "/staff/events",
        data={
            **await form_fields(client, "/staff/events/new"),
            "title": "",
            "held_on": "2026-12-25",
            "participants": "lots",
            "venue": "Civic Hall",
        },
    )
    assert wrong.status_code == 400 and title(wrong) == "Error: Add an event – Voice"
    assert summary_links(wrong) == [
        ("#title", "Enter the event's name"),
        ("#held_on", "The date it was held must be today or in the past"),
        ("#participants", NOT_A_NUMBER),
    ]
    assert value_of(wrong, "venue") == "Civic Hall" and value_of(wrong, "participants") == "lots"
    made = await client.post(
        "/staff/events",
        data={
            **await form_fields(client, "/staff/events/new"),
            "title": "  Youth Council takes over   the board ",
            "held_on": "2026-11-12",
            "participants": "14",
            "venue": "Civic Hall",
            "host_agency": "Voice and Influence Team",
            "summary": "They chaired it.",
        },
    )
    assert made.status_code == 303
    found = re.fullmatch(r"/staff/events/(\d+)\?done=added#add-comments", made.headers["location"])
    assert found is not None
    event = await TakeoverEvent.get(id=int(found.group(1)))
    assert (event.title, event.participants, event.held_on) == (
        "Youth Council takes over the board",
        14,
        date(2026, 11, 12),
    )
    audit = await AuditEvent.get(action="event.created")
    assert audit.object_type == "takeover_event" and audit.object_id == str(event.id)
    page = await client.get(made.headers["location"])
    assert title(page) == "Youth Council takes over the board – Voice"
    assert "Event added. Now add what young people said." in text_of(page)


async def test_paste_what_was_said(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    pasted = "\n".join(
        [
            "- Buses are too expensive",
            "",
            "• Teachers should ask us before changing things",
            f"3. {URGENT_TEXT}",
            "Ring Sam on 07700 900123 about the youth club",
        ]
    )
    sent = await client.post(
        f"/staff/events/{event.id}/comments",
        data={**fields, "comments": pasted, "language": "en", "consent": "quote_anonymously"},
    )
    assert sent.status_code == 303
    assert re.fullmatch(
        rf"/staff/events/{event.id}\?added=4&concerns=1&already=0&sig=[0-9a-f]{{16}}#add-comments",
        sent.headers["location"],
    )
    made = await Contribution.filter(event_id=event.id).order_by("id")
    assert len(made) == 4
    assert {c.kind for c in made} == {ContributionKind.TAKEOVER} and {c.source for c in made} == {
        Source.EVENT
    }
    assert {c.entered_by_id for c in made} == {moderator.id}  # type: ignore[attr-defined]
    assert {c.consent for c in made} == {Consent.QUOTE_ANONYMOUSLY} and {c.status for c in made} == {
        Status.RECEIVED
    }
    assert [c.screening_level is not ScreeningLevel.NONE for c in made] == [False, False, True, False]
    page = await client.get(sent.headers["location"])
    shown = text_of(page)
    assert "4 comments added. 1 may be a disclosure: they are first in the moderation queue." in shown
    assert "Comments added4 (see them in the moderation queue)" in shown
    audit = await AuditEvent.get(action="event.comments_added")
    assert audit.after == {
        "added": 4,
        "language": "en",
        "consent": "quote_anonymously",
        "possible_disclosures": 1,
    }
    assert "07700" not in str(audit.after)  # counts only, never the words

    # The same batch sent again (a double click, or Back and Add) adds nothing.
    again = await client.post(
        f"/staff/events/{event.id}/comments",
        data={**fields, "comments": pasted, "language": "en", "consent": "quote_anonymously"},
    )
    assert re.fullmatch(
        rf"/staff/events/{event.id}\?added=0&concerns=0&already=4&sig=[0-9a-f]{{16}}#add-comments",
        again.headers["location"],
    )
    assert await Contribution.filter(event_id=event.id).count() == 4
    notice = text_of(await client.get(again.headers["location"]))
    assert "0 comments added. 4 had been added already, so they were not added again." in notice
    queue = await client.get(f"/staff/moderation?event={event.id}")
    assert "Buses are too expensive" in queue.text


async def test_comment_errors_keep_what_was_pasted(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    empty = await client.post(
        f"/staff/events/{event.id}/comments",
        data={**fields, "comments": "\n\n", "language": "xx", "consent": "?"},
    )
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    assert summary_links(empty) == [
        ("#comments", "Enter what young people said, one comment a line"),
        ("#language", "Choose the language the comments are in"),
        ("#consent", "Choose what the young people agreed to about quoting their words"),
    ]
    long_one = "x" * 2001
    too_long = await client.post(
        f"/staff/events/{event.id}/comments",
        data={**fields, "comments": f"Fine\n{long_one}", "language": "pl", "consent": "not_quotable"},
    )
    assert summary_links(too_long) == [
        ("#comments", "Each comment must be 2000 characters or fewer; the one on line 2 is longer")
    ]
    assert value_of(too_long, "comments") == f"Fine\n{long_one}"
    assert 'value="pl" selected' in too_long.text
    expired = await client.post(
        f"/staff/events/{event.id}/comments",
        data={
            "csrf_token": fields["csrf_token"],
            "comments": "Hi",
            "language": "en",
            "consent": "not_quotable",
        },
    )
    assert summary_links(expired) == [
        ("#comments", "This form has expired. Copy the comments, reload the page, and paste them again")
    ]
    assert await Contribution.filter(event_id=event.id).count() == 0


async def test_change_an_event(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    event = await make_event()
    form = await client.get(f"/staff/events/{event.id}/edit")
    assert title(form) == "Change Youth Council takes over the board – Voice"
    assert value_of(form, "held_on") == "2026-11-12"
    data = {
        "title": "Board takeover",
        "held_on": "2026-11-12",
        "participants": "12",
        "venue": "",
        "summary": "",
    }
    saved = await client.post(
        f"/staff/events/{event.id}/edit",
        data={**await form_fields(client, f"/staff/events/{event.id}/edit"), **data},
    )
    assert saved.headers["location"] == f"/staff/events/{event.id}?done=saved"
    audit = await AuditEvent.get(action="event.updated")
    assert audit.before is not None and audit.after is not None
    assert (audit.before["title"], audit.after["title"]) == (
        "Youth Council takes over the board",
        "Board takeover",
    )
    wrong = await client.post(
        f"/staff/events/{event.id}/edit",
        data={**await form_fields(client, f"/staff/events/{event.id}/edit"), **data, "participants": "-3"},
    )
    assert summary_links(wrong) == [
        (
            "#participants",
            "The number of young people must be between 1 and 10,000, or leave it empty if you do not know",
        )
    ]
    assert title(wrong) == "Error: Change Board takeover – Voice"
    assert (await client.get("/staff/events/999999")).status_code == 404


async def test_different_words_with_the_same_form_are_added(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event = await make_event()
    fields = await form_fields(client, f"/staff/events/{event.id}")
    first = {**fields, "comments": "alpha\nbeta", "language": "en", "consent": "not_quotable"}
    assert (
        (await client.post(f"/staff/events/{event.id}/comments", data=first))
        .headers["location"]
        .split("&sig=")[0]
        .endswith("added=2&concerns=0&already=0")
    )
    # Back, edit, Add: the same form's key with other words adds the new words, not "already added".
    second = {**first, "comments": "alpha\ngamma\ndelta"}
    sent = await client.post(f"/staff/events/{event.id}/comments", data=second)
    assert sent.headers["location"].split("&sig=")[0].endswith("added=2&concerns=0&already=1")
    texts = sorted([(await c.answers.all())[0].text for c in await Contribution.filter(event_id=event.id)])
    assert texts == ["alpha", "beta", "delta", "gamma"]


async def test_comments_are_dated_on_the_day_of_the_event(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    event = await make_event()  # held on 12 November; pasted on 22 November
    fields = await form_fields(client, f"/staff/events/{event.id}")
    await client.post(
        f"/staff/events/{event.id}/comments",
        data={**fields, "comments": "Said at the meeting\x00", "language": "en", "consent": "not_quotable"},
    )
    made = await Contribution.get(event_id=event.id)
    assert made.submitted_at == datetime(2026, 11, 12, 12, 0, tzinfo=UTC)  # midday in London (GMT)
    assert (await made.answers.all())[0].text == "Said at the meeting"  # NUL taken out


async def test_numbers_too_big_for_an_id_are_not_found(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    for path in (
        "/staff/events/99999999999",
        "/staff/events/99999999999999999999/edit",
        "/staff/moderation/9999999999",
    ):
        assert (await client.get(path)).status_code == 404, path
