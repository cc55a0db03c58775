"""A year's priorities keep positions 1..n: moving swaps within the year, deleting and moving a
priority to another year close the gap, and a priority with evidence is never deleted."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.applications import Starlette

from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.moderation.models import Theme
from voice.priorities import services
from voice.priorities.models import InfluenceAction, Priority, PriorityLink
from voice.priorities.services import Evidence, NotAllowed, PriorityIn


@pytest.fixture
async def moderator(app: Starlette, staff: dict[Role, StaffUser]) -> StaffUser:
    return staff[Role.MODERATOR]


async def positions(year: int) -> list[tuple[str, int]]:
    rows = (
        await Priority.filter(reporting_year=year).order_by("position", "id").values_list("title", "position")
    )
    return [(str(name), int(position)) for name, position in rows]


async def add(title: str, year: int, by: StaffUser) -> Priority:
    return await services.add_priority(PriorityIn(year, title, "", "Council", ""), by)


async def test_added_priorities_go_to_the_end(moderator: StaffUser) -> None:
    for title in ("A", "B", "C"):
        await add(title, 2026, moderator)
    await add("Other year", 2027, moderator)
    assert await positions(2026) == [("A", 1), ("B", 2), ("C", 3)]
    assert await positions(2027) == [("Other year", 1)]


async def test_move_swaps_with_the_neighbour(moderator: StaffUser) -> None:
    a, b, c = [await add(title, 2026, moderator) for title in ("A", "B", "C")]
    assert await services.move_priority(b, "down", moderator)
    assert b.position == 3
    assert await positions(2026) == [("A", 1), ("C", 2), ("B", 3)]
    assert not await services.move_priority(a, "up", moderator)
    assert not await services.move_priority(b, "down", moderator)
    assert await services.move_priority(c, "up", moderator)
    assert await positions(2026) == [("C", 1), ("A", 2), ("B", 3)]
    assert await AuditEvent.filter(action="priority.moved").count() == 2


async def test_gaps_and_ties_are_closed_by_a_move(moderator: StaffUser) -> None:
    for title, position in (("A", 4), ("B", 4), ("C", 9)):
        await Priority.create(reporting_year=2026, position=position, title=title, owning_agency="X")
    c = await Priority.get(title="C")
    assert await services.move_priority(c, "up", moderator)
    assert await positions(2026) == [("A", 1), ("C", 2), ("B", 3)]


async def test_delete_closes_the_gap(moderator: StaffUser) -> None:
    a, _b, _c = [await add(title, 2026, moderator) for title in ("A", "B", "C")]
    await services.delete_priority(a, moderator)
    assert await positions(2026) == [("B", 1), ("C", 2)]
    event = await AuditEvent.get(action="priority.deleted")
    assert event.before is not None and (event.before["title"], event.before["position"]) == ("A", 1)
    await add("D", 2026, moderator)
    assert await positions(2026) == [("B", 1), ("C", 2), ("D", 3)]


async def test_moving_year_by_editing_closes_the_gap(moderator: StaffUser) -> None:
    a, b, _c = [await add(title, 2026, moderator) for title in ("A", "B", "C")]
    await add("Z", 2027, moderator)
    await services.update_priority(a, PriorityIn(2027, "A", "", "Council", ""), moderator)
    assert await positions(2026) == [("B", 1), ("C", 2)]
    assert await positions(2027) == [("Z", 1), ("A", 2)]
    # Saving without changing the year leaves every position alone.
    await services.update_priority(b, PriorityIn(2026, "B2", "", "Council", ""), moderator)
    assert await positions(2026) == [("B2", 1), ("C", 2)]


async def test_evidence_blocks_delete(moderator: StaffUser) -> None:
    priority = await add("A", 2026, moderator)
    await PriorityLink.create(priority=priority, theme=await Theme.create(name="Parks"))
    with pytest.raises(NotAllowed, match="1 theme is linked to it"):
        await services.delete_priority(priority, moderator)
    await PriorityLink.filter(priority_id=priority.id).delete()
    action = await InfluenceAction.create(
        priority=priority, reporting_year=2026, you_said="x", we_did="y", happened_on=date(2026, 5, 1)
    )
    with pytest.raises(NotAllowed, match="1 change is recorded under it"):
        await services.delete_priority(priority, moderator)
    await action.delete()
    await services.delete_priority(priority, moderator)
    assert not await Priority.exists(id=priority.id)


@pytest.mark.parametrize(
    ("evidence", "why"),
    [
        (Evidence(0, 0, 0), ""),
        (Evidence(1, 0, 0), "This priority cannot be deleted because 1 contribution is linked to it."),
        (Evidence(0, 2, 0), "This priority cannot be deleted because 2 themes are linked to it."),
        (
            Evidence(3, 0, 1),
            "This priority cannot be deleted because 3 contributions are linked to it"
            " and 1 change is recorded under it.",
        ),
        (
            Evidence(1, 1, 2),
            "This priority cannot be deleted because 1 contribution is linked to it,"
            " 1 theme is linked to it and 2 changes are recorded under it.",
        ),
    ],
)
def test_why_not_deletable(evidence: Evidence, why: str) -> None:
    assert services.why_not_deletable(evidence) == why
    assert evidence.any == bool(why)
