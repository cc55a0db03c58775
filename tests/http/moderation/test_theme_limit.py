"""Boxes let people type as much as the server takes, and no more: new themes, priority link notes."""

from __future__ import annotations

import re
from datetime import date

import httpx

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Contribution, Status
from voice.moderation.services import MAX_THEME_LENGTH
from voice.priorities.models import Priority, reporting_year
from voice.priorities.services import NOTE_MAX


async def test_both_new_theme_boxes_have_the_servers_limit(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    item = await make_contribution("Buses")
    for path in (f"/staff/moderation/{item.id}", "/staff/moderation"):
        boxes = re.findall(r'<input [^>]*name="new_theme"[^>]*>', (await client.get(path)).text)
        assert boxes and all(f'maxlength="{MAX_THEME_LENGTH}"' in box for box in boxes), (path, boxes)


async def test_the_priority_link_note_box_has_the_servers_limit(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """It said 600 while the server takes 500, so 501 to 600 characters were typed for nothing."""
    await sign_in(client, staff[Role.MODERATOR])
    item = await make_contribution("Buses")
    await Contribution.filter(id=item.id).update(status=Status.APPROVED)  # only approved words link
    await Priority.create(
        reporting_year=reporting_year(date.today()), position=1, title="Safe travel", owning_agency="Council"
    )
    page = (await client.get(f"/staff/moderation/{item.id}")).text
    box = re.search(r'<input [^>]*id="link-note"[^>]*>', page)
    assert box is not None and f'maxlength="{NOTE_MAX}"' in box.group(0)
