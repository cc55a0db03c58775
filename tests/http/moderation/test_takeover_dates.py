"""A takeover comment's page says the day it was said and when it was added to Voice, not a
made-up "Received" time (the comments are dated the event day)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx

from tests.http.consultations.conftest import text_of
from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution, ContributionKind


async def test_a_takeover_comment_shows_when_it_was_said_and_added(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    said = await make_contribution("More youth workers", kind=ContributionKind.TAKEOVER)
    await Contribution.filter(id=said.id).update(
        submitted_at=datetime(2026, 11, 12, 12, 0, tzinfo=UTC),
        received_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    )
    shown = text_of(await client.get(f"/staff/moderation/{said.id}"))
    assert "SaidAt the takeover event on 12 Nov 2026" in shown  # dt and dd side by side
    assert "Added to Voice20 Nov 2026 09:30 UTC" in shown and "12:00" not in shown
    online = await make_contribution("Buses")
    assert "Received" in text_of(await client.get(f"/staff/moderation/{online.id}"))


async def test_events_of_the_same_name_are_told_apart_in_the_queue_filter(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    june = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 6, 3))
    october = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 10, 14))
    await sign_in(client, staff[Role.MODERATOR])
    page = await client.get("/staff/moderation")
    assert f'<option value="{october.id}">Board takeover (14 Oct 2026) (0)</option>' in page.text
    assert f'<option value="{june.id}">Board takeover (03 Jun 2026) (0)</option>' in page.text
