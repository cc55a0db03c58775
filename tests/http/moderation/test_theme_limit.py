"""The "new theme" boxes let people type as much as the server takes, and no more."""

from __future__ import annotations

import re

import httpx

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.moderation.services import MAX_THEME_LENGTH


async def test_both_new_theme_boxes_have_the_servers_limit(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    item = await make_contribution("Buses")
    for path in (f"/staff/moderation/{item.id}", "/staff/moderation"):
        boxes = re.findall(r'<input [^>]*name="new_theme"[^>]*>', (await client.get(path)).text)
        assert boxes and all(f'maxlength="{MAX_THEME_LENGTH}"' in box for box in boxes), (path, boxes)
