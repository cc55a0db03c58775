"""Priorities with odd input and changed minds: tampered ids, withdrawn words, nothing to link,
long rich text, and the UK date at midnight."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import element, summary_links, text_of, title
from tests.http.priorities.test_priorities import NOW, approved, make_priority, moderator, post
from voice.accounts.models import StaffUser
from voice.clock import FixedClock
from voice.feedback.models import Status
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import Priority, PriorityLink

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py


async def test_tampered_numbers_are_errors_not_crashes(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    await Theme.create(name="Parks")
    for year in ("²", "99999999999999999999", "-1"):
        listing = await client.get("/staff/priorities", params={"year": year})
        assert listing.status_code == 200 and title(listing) == "Priorities 2026 to 2027 – Voice"
    for theme in ("²", "99999999999999999999", "0"):
        response = await post(client, f"/staff/priorities/{priority.id}/themes", {"theme": theme})
        assert response.status_code == 400 and summary_links(response) == [("#theme", "Choose a theme")]
    contribution = await approved("Parks need lights", moderator)
    await PriorityLink.create(priority=priority, contribution=contribution)
    change = await post(
        client,
        f"/staff/priorities/{priority.id}/changes/new",
        {
            "you_said": "Lights",
            "we_did": "Lights",
            "happened_on": "2026-11-01",
            "contributions": ["²", "9" * 30],
        },
    )
    assert change.status_code == 400
    assert summary_links(change) == [
        (
            f"#contribution-{contribution.id}",
            "Choose at least one contribution or theme that led to the change",
        )
    ]
    queue = await client.get("/staff/moderation", params={"consultation": "²", "event": "9" * 30})
    assert queue.status_code == 200
    bulk = await post(client, "/staff/moderation/bulk", {"ids": ["²"], "action": "approve_counted"})
    assert bulk.status_code == 400
    assert "Select at least one contribution" in text_of(bulk)


async def test_withdrawn_words_leave_the_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    contribution = await approved("The youth club should open on Fridays", moderator)
    await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(priority.id)})
    assert "open on Fridays" in text_of(await client.get(f"/staff/priorities/{priority.id}"))
    await moderation.withdraw(contribution, by=moderator, now=NOW, note="They asked us to")
    await contribution.refresh_from_db()
    assert contribution.status is Status.WITHDRAWN
    page = await client.get(f"/staff/priorities/{priority.id}")
    assert "open on Fridays" not in page.text and "no longer approved: it is not counted" in text_of(page)
    listing = await client.get("/staff/priorities")
    assert "Contributions linked0" in text_of(listing)
    form = await client.get(f"/staff/priorities/{priority.id}/changes/new")
    assert f"contribution-{contribution.id}" not in form.text
    refused = await post(
        client,
        f"/staff/priorities/{priority.id}/changes/new",
        {
            "you_said": "Fridays",
            "we_did": "Open",
            "happened_on": "2026-11-01",
            "contributions": [str(contribution.id)],
        },
    )
    # Nothing is left to choose, so the summary links to the group itself.
    assert summary_links(refused)[-1] == (
        "#evidence",
        "Choose at least one contribution or theme that led to the change",
    )
    assert element(refused, "evidence") is not None


async def test_nothing_to_link_to(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    contribution = await approved("More buses at night", moderator)
    item = await client.get(f"/staff/moderation/{contribution.id}")
    assert "There are no priorities for this reporting year yet." in text_of(item)
    refused = await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": "1"})
    assert summary_links(refused) == [
        ("#priorities", "There are no priorities for this reporting year or last year yet")
    ]


async def test_rich_text_is_measured_in_words_a_reader_sees(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    lines = "\n".join(["Short line of text here"] * 120)  # 2,879 characters, many <br>s when stored
    amps = "a & b " * 600  # 3,600 characters, 6,000 once & is written &amp;
    for description in (lines, amps):
        response = await post(
            client,
            "/staff/priorities",
            {
                "reporting_year": "2026",
                "title": f"Goal {len(description)}",
                "owning_agency": "X",
                "description": description,
            },
        )
        assert response.status_code == 303, summary_links(response)
    too_long = await post(
        client,
        "/staff/priorities",
        {"reporting_year": "2026", "title": "Too long", "owning_agency": "X", "description": "word " * 1000},
    )
    assert summary_links(too_long) == [("#description", "The description must be 4000 characters or fewer")]
    assert await Priority.filter(title="Too long").count() == 0


async def test_the_reporting_year_turns_at_uk_midnight(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    app.state.clock = FixedClock(datetime(2026, 3, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 April in London
    listing = await client.get("/staff/priorities")
    assert title(listing) == "Priorities 2026 to 2027 – Voice"
