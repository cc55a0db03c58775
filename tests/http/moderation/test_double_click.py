"""A decision sent twice by the same moderator (a double click, or a form sent again after a
dropped connection) is saved once and the second send is no conflict (exploratory testing,
twentieth session: the second click said "Your approval was not saved" although it was)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.contributions import make_contribution
from tests.support.http import csrf_token, moderator_at
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Contribution, Status
from voice.moderation import services

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
SEEN = re.compile(r'name="seen" value="([^"]*)"')


@pytest.fixture
async def moderator(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    return await moderator_at(NOW, app, client, staff)


async def _page_form(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    page = await client.get(path)
    seen = SEEN.search(page.text)
    assert seen is not None
    return {"csrf_token": await csrf_token(client, path), "seen": seen.group(1)}


async def _decisions(ident: int) -> list[str]:
    decisions = ["contribution.approved", "contribution.rejected", "contribution.reopened"]
    events = AuditEvent.filter(object_type="contribution", object_id=str(ident), action__in=decisions)
    return [event.action for event in await events.order_by("id")]


@pytest.mark.parametrize(
    ("action", "data", "status"),
    [
        ("approve", {"counted": "1"}, Status.APPROVED),
        ("reject", {"reason": "other", "note": "An advert, not feedback"}, Status.REJECTED),
    ],
)
async def test_the_same_decision_twice_is_saved_once(
    client: httpx.AsyncClient, moderator: StaffUser, action: str, data: dict[str, str], status: Status
) -> None:
    item = await make_contribution("The park needs more lights")
    path = f"/staff/moderation/{item.id}"
    form = {**await _page_form(client, path), **data}
    first = await client.post(f"{path}/{action}", data=form)
    again = await client.post(f"{path}/{action}", data=form)
    assert first.status_code == 303
    assert (again.status_code, again.headers["location"]) == (303, first.headers["location"])
    assert (await Contribution.get(id=item.id)).status is status
    assert await _decisions(item.id) == [f"contribution.{status.value}"]


async def test_a_different_choice_from_the_same_old_page_is_still_refused(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Approved and counted, then "approve, not counted" from the page before: that is not the
    decision there, so it is refused and says it was their own (nothing is changed quietly)."""
    item = await make_contribution("The park needs more lights")
    path = f"/staff/moderation/{item.id}"
    form = await _page_form(client, path)
    assert (await client.post(f"{path}/approve", data={**form, "counted": "1"})).status_code == 303
    refused = await client.post(f"{path}/approve", data=form)
    assert refused.status_code == 409
    assert "You already approved it on 20 Nov 2026 11:00 UTC. Your approval was not saved." in refused.text
    fresh = await Contribution.get(id=item.id)
    assert fresh.counted and await _decisions(item.id) == ["contribution.approved"]


async def test_someone_elses_same_decision_is_still_a_conflict(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    """Only the moderator's own decision makes a resend harmless: another's is news to them."""
    item = await make_contribution("The park needs more lights")
    path = f"/staff/moderation/{item.id}"
    form = await _page_form(client, path)
    fresh = await Contribution.get(id=item.id)
    await services.approve(fresh, by=staff[Role.ADMIN], now=NOW, counted=True, quotable=False)
    refused = await client.post(f"{path}/approve", data={**form, "counted": "1"})
    assert refused.status_code == 409
    assert "Someone else decided this while you had it open" in refused.text
