"""A NUL pasted into any staff field or filter is dropped, not a server error.

PostgreSQL cannot store NUL in text: before, a note, a theme, a name or a filter with one in
it ended with "Sorry, something went wrong" and lost what was typed (CI runs this on both
databases).
"""

from __future__ import annotations

import httpx

from tests.support.contributions import make_contribution
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.moderation.models import ModeratorNote, Theme


async def test_a_note_and_a_theme_with_a_nul_are_kept_without_it(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    item = await make_contribution("Buses")
    page = f"/staff/moderation/{item.id}"
    token = await csrf_token(client, page)
    note = await client.post(f"{page}/notes", data={"csrf_token": token, "body": "before\x00after"})
    assert note.status_code == 303
    assert (await ModeratorNote.get(contribution_id=item.id)).body == "beforeafter"
    theme = await client.post(f"{page}/themes", data={"csrf_token": token, "new_theme": "Bus\x00es"})
    assert theme.status_code == 303 and await Theme.exists(name="Buses")


async def test_filters_with_a_nul_are_read_without_it(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    assert (await client.get("/staff/moderation", params={"language": "e\x00n"})).status_code == 200
    await sign_in(client, staff[Role.ADMIN])
    assert (await client.get("/staff/audit", params={"actor": "x\x00y"})).status_code == 200


async def test_a_page_address_with_a_nul_is_not_an_error(client: httpx.AsyncClient) -> None:
    response = await client.get("/c/abc%00")
    assert response.status_code == 404
