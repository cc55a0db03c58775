"""Two people changing one priority (exploratory testing, twenty-second session): a save from a
page opened before the other's save put back the old title, which the report shows, without a
word. It is refused now with everything typed kept; saving again from that page is a choice;
and the same save sent twice (a double click) is saved once, without the error."""

from __future__ import annotations

import httpx

from tests.http.consultations.conftest import summary_links, title, value_of
from tests.http.priorities.test_priorities import make_priority, moderator, post
from tests.support.http import SEEN_RE, error_summary_text, seen_on
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.priorities import services
from voice.priorities.models import Priority

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py

STALE = "Someone else saved this priority after you opened this page."
DATA = {
    "reporting_year": "2026",
    "title": "Keeping children safe online",
    "child_friendly_title": "Safe online",
    "owning_agency": "Leeds City Council",
    "description": "",
}


async def test_a_stale_save_is_refused_and_a_second_save_is_a_choice(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    path = f"/staff/priorities/{priority.id}/edit"
    opened = await seen_on(client, path)
    theirs = await post(client, path, {**DATA, "title": "Online safety", "seen": opened})
    assert theirs.status_code == 303
    mine = {**DATA, "owning_agency": "West Yorkshire Police", "seen": opened}
    refused = await post(client, path, mine)
    assert refused.status_code == 400 and title(refused) == "Error: Change Online safety – Voice"
    assert STALE in error_summary_text(refused) and summary_links(refused) == []
    assert value_of(refused, "owning_agency") == "West Yorkshire Police"  # typed, kept
    stored = await Priority.get(id=priority.id)
    assert (stored.title, stored.owning_agency) == ("Online safety", "Leeds City Council")  # nothing undone
    assert await AuditEvent.filter(action="priority.updated").count() == 1
    now_seen = SEEN_RE.search(refused.text)
    assert now_seen and now_seen.group(1) == services.priority_fingerprint(stored)
    again = await post(client, path, {**mine, "seen": now_seen.group(1)})
    assert again.status_code == 303
    assert (await Priority.get(id=priority.id)).owning_agency == "West Yorkshire Police"


async def test_the_same_save_sent_twice_is_saved_once(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    path = f"/staff/priorities/{priority.id}/edit"
    edited = {**DATA, "title": "Online safety", "seen": await seen_on(client, path)}
    first, second = await post(client, path, edited), await post(client, path, edited)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == f"/staff/priorities/{priority.id}?done=saved"
    assert await AuditEvent.filter(action="priority.updated").count() == 1


async def test_a_stale_page_with_mistakes_shows_both(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    path = f"/staff/priorities/{priority.id}/edit"
    opened = await seen_on(client, path)
    assert (await post(client, path, {**DATA, "title": "Online safety", "seen": opened})).status_code == 303
    wrong = await post(client, path, {**DATA, "owning_agency": " ", "seen": opened})
    assert wrong.status_code == 400 and STALE in error_summary_text(wrong)
    assert [href for href, _text in summary_links(wrong)] == ["#owning_agency"]
