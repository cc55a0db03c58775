"""A refused bulk action shows the queue again with the problem next to its field and loses
nothing chosen: the ticked rows, the action, the theme and a typed new theme (exploratory
testing, twentieth session: every box came back unticked, the action reset, and each problem
linked to the action list, also a theme name that was too long)."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links, title
from tests.support.bulk import bulk_marks
from tests.support.contributions import make_contribution
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Contribution, Status
from voice.moderation.models import Theme
from voice.moderation.services import MAX_THEME_LENGTH


async def _bulk(client: httpx.AsyncClient, data: dict[str, str | list[str]]) -> httpx.Response:
    token = await csrf_token(client, "/staff/moderation")
    return await client.post("/staff/moderation/bulk", data={"csrf_token": token, **data})


def _ticked(html: str) -> set[str]:
    return set(
        re.findall(
            r'<input class="choice-input" type="checkbox" name="ids" value="(\d+)"[^>]* checked>', html
        )
    )


async def test_a_refused_tag_keeps_everything_chosen(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    items = [await make_contribution(f"Idea {n}", minutes=n) for n in range(3)]
    chosen = [str(items[0].id), str(items[2].id)]
    long_name = "x" * (MAX_THEME_LENGTH + 1)
    refused = await _bulk(client, {"action": "tag", "ids": chosen, "new_theme": long_name})
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert summary_links(refused) == [
        ("#bulk-new-theme", f"A theme name must be {MAX_THEME_LENGTH} characters or fewer")
    ]
    assert _ticked(refused.text) == set(chosen)
    assert '<option value="tag" selected>' in refused.text
    assert f'value="{long_name}"' in refused.text
    assert 'aria-describedby="bulk-new-theme-error"' in refused.text
    assert not await Theme.exists()

    no_theme = await _bulk(client, {"action": "tag", "ids": chosen})
    assert summary_links(no_theme) == [("#bulk-theme", "Choose a theme or type a new one")]
    assert _ticked(no_theme.text) == set(chosen)

    theme = await Theme.create(name="Transport")
    no_action = await _bulk(client, {"action": "", "ids": chosen, "theme": str(theme.id)})
    assert summary_links(no_action) == [("#bulk-action", "Choose an action")]
    assert f'<option value="{theme.id}" selected>Transport</option>' in no_action.text
    assert _ticked(no_action.text) == set(chosen)


async def test_a_refused_approval_changes_nothing_and_keeps_the_filters(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    item = await make_contribution("The park needs more lights")
    refused = await _bulk(client, {"action": "approve_counted", "back": "status=all"})
    assert refused.status_code == 400
    assert summary_links(refused) == [(f"#select-{item.id}", "Select at least one contribution")]
    assert 'name="back" value="status=all"' in refused.text
    ids = [str(item.id)]
    done = await _bulk(client, {"action": "approve_counted", "ids": ids, **await bulk_marks(client, ids)})
    assert done.status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.APPROVED
