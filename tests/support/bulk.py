"""What the queue's bulk form sends with the rows chosen: the decision each row showed."""

from __future__ import annotations

import httpx

from tests.support.pages import parse


async def bulk_marks(client: httpx.AsyncClient, ids: list[str], query: str = "status=all") -> dict[str, str]:
    """The ``seen-<id>`` fields of the queue page (``query`` picks the rows shown) for ``ids``."""
    page = (await client.get(f"/staff/moderation?{query}")).text
    wanted = {f"seen-{ident}" for ident in ids}
    marks = {
        str(element.get("name")): str(element.get("value", ""))
        for element in parse(page).iter("input")
        if element.get("name") in wanted
    }
    assert set(marks) == wanted, f"the queue does not show {sorted(wanted - set(marks))}"
    return marks
