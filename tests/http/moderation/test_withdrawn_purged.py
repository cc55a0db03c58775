"""A withdrawn contribution after `voice purge`: its words are gone, and its pages still work."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import httpx
from starlette.applications import Starlette

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Answer
from voice.moderation import services
from voice.retention.services import purge
from voice.settings import Settings

WORDS = "My story names Bex Example from the youth club"


async def test_a_withdrawn_and_purged_contribution_shows_no_words(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser], settings: Settings
) -> None:
    item = await make_contribution(WORDS)
    now = datetime.now(UTC)
    await services.withdraw(item, by=staff[Role.MODERATOR], now=now, note="Bex asked by phone")
    report = await purge(now, replace(settings, retention_days=365), dry_run=False)
    assert report.originals == [item.id]
    assert [(a.text, a.redacted_text) for a in await Answer.filter(contribution_id=item.id)] == [(None, "")]
    await sign_in(client, staff[Role.MODERATOR])
    page = await client.get(f"/staff/moderation/{item.id}")
    assert page.status_code == 200
    assert "Bex" not in page.text
    queue = await client.get("/staff/moderation?status=withdrawn")
    assert queue.status_code == 200 and "Bex" not in queue.text
