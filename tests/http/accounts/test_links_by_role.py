"""No staff page offers a link its reader may not follow (exploratory testing, twentieth
session: the priorities page sent analysts to the moderation queue, which answers 403).

For each role, the test follows every ``/staff`` link from the staff home page, two pages deep,
over data that fills the pages (an approved contribution linked to a priority with a recorded
change, an event, a story, a safeguarding case), and asks each link's page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.contributions import URGENT_TEXT, make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution, Status
from voice.priorities.models import InfluenceAction, Priority, PriorityLink, reporting_year

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
HREF = re.compile(r'href="(/staff[^"#]*)"')
MAX_PAGES = 80


async def _data() -> None:
    words = await make_contribution("The buses to the youth club stop too early")
    await Contribution.filter(id=words.id).update(status=Status.APPROVED)
    await make_contribution(URGENT_TEXT, minutes=1)  # opens a safeguarding case
    priority = await Priority.create(
        reporting_year=reporting_year(NOW.date()),
        position=1,
        title="Safe travel",
        child_friendly_title="Getting about safely",
        owning_agency="Leeds City Council",
    )
    await PriorityLink.create(priority=priority, contribution=words)
    await InfluenceAction.create(
        priority=priority,
        reporting_year=priority.reporting_year,
        you_said="Buses stop too early",
        we_did="<p>Later buses on Fridays.</p>",
        happened_on=NOW.date(),
        created_at=NOW,
    )
    await TakeoverEvent.create(title="Youth Council takes over the board", held_on=NOW.date())


async def _crawl(client: httpx.AsyncClient) -> dict[str, int]:
    """Status of every /staff page reachable from /staff in two steps (GET only)."""
    seen: dict[str, int] = {}
    frontier = ["/staff"]
    for _depth in range(3):
        found: list[str] = []
        for path in frontier:
            if path in seen or len(seen) >= MAX_PAGES:
                continue
            response = await client.get(path)
            seen[path] = response.status_code
            if response.headers.get("content-type", "").startswith("text/html"):
                found += [unescape(link) for link in HREF.findall(response.text)]
        frontier = [path for path in dict.fromkeys(found) if path not in seen]
    return seen


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
async def test_every_staff_link_opens_for_its_reader(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role
) -> None:
    app.state.clock = FixedClock(NOW)
    await _data()
    await sign_in(client, staff[role])
    statuses = await _crawl(client)
    assert len(statuses) > 3  # the crawl went past the home page (a lead has the fewest pages)
    refused = {path: status for path, status in statuses.items() if status in {401, 403, 404}}
    assert refused == {}, f"{role.value} is offered links it cannot open"
