"""Two people changing one consultation's details (exploratory testing, twenty-second session):
a save from a page opened before the other's save put back the old title without a word. It is
refused now with everything typed kept; saving again from that page is a choice; and the same
save sent twice (a double click) is saved once, without the error."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import make_consultation, summary_links, title, value_of
from tests.http.consultations.test_consultations import VALID, post_form
from tests.support.http import SEEN_RE, error_summary_text, seen_on
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.consultations import services
from voice.feedback.models import Consultation

STALE = "Someone else saved this consultation's details after you opened this page."


async def test_a_stale_save_is_refused_and_a_second_save_is_a_choice(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("parks")
    path = f"/staff/consultations/{consultation.id}/edit"
    opened = await seen_on(client, path)
    theirs = {**VALID, "slug": "parks", "title_en": "Title by someone else", "seen": opened}
    assert (await post_form(client, path, theirs)).status_code == 303
    mine = {**VALID, "slug": "parks", "intro_en": "Only the introduction changed here.", "seen": opened}
    refused = await post_form(client, path, mine)
    assert refused.status_code == 400 and title(refused).startswith("Error: Change consultation details")
    assert STALE in error_summary_text(refused) and summary_links(refused) == []
    assert value_of(refused, "intro_en") == "Only the introduction changed here."  # typed, kept
    stored = await Consultation.get(id=consultation.id)
    assert stored.title["en"] == "Title by someone else"  # nothing undone
    assert await AuditEvent.filter(action="consultation.updated").count() == 1
    now_seen = SEEN_RE.search(refused.text)
    assert now_seen and now_seen.group(1) == services.consultation_fingerprint(stored)
    again = await post_form(client, path, {**mine, "seen": now_seen.group(1)})
    assert again.status_code == 303
    assert (await Consultation.get(id=consultation.id)).intro["en"] == "Only the introduction changed here."


async def test_the_same_save_sent_twice_is_saved_once(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("parks")
    path = f"/staff/consultations/{consultation.id}/edit"
    edited = {**VALID, "slug": "parks", "title_en": "Parks after dark", "seen": await seen_on(client, path)}
    first = await post_form(client, path, edited)
    second = await post_form(client, path, edited)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == f"/staff/consultations/{consultation.id}?done=updated"
    assert await AuditEvent.filter(action="consultation.updated").count() == 1


async def test_a_stale_page_with_mistakes_shows_both(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("parks")
    path = f"/staff/consultations/{consultation.id}/edit"
    opened = await seen_on(client, path)
    assert (
        await post_form(client, path, {**VALID, "slug": "parks", "title_en": "New", "seen": opened})
    ).status_code == 303
    wrong = await post_form(client, path, {**VALID, "slug": "parks", "title_ro": "x" * 201, "seen": opened})
    assert wrong.status_code == 400
    assert STALE in error_summary_text(wrong)
    assert summary_links(wrong) == [("#title_ro", "The title must be 200 characters or fewer")]
