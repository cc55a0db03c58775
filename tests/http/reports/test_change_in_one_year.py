"""A change ("You said, we did") is reported in exactly one reporting year: the one it happened
in (1 April to 31 March), even when it is recorded under an earlier year's priority."""

from __future__ import annotations

import csv
import io
from datetime import date

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.http.reports.test_child_report import NOW
from tests.http.reports.test_figures import table
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.priorities.models import InfluenceAction, Priority
from voice.reports.figures import figures_for
from voice.reports.services import child_report


@pytest.fixture
async def analyst(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    app.state.clock = FixedClock(NOW)
    await sign_in(client, staff[Role.ANALYST])
    return staff[Role.ANALYST]


async def _change(priority: Priority, you_said: str, happened_on: date) -> None:
    year = happened_on.year if happened_on.month >= 4 else happened_on.year - 1
    await InfluenceAction.create(
        priority=priority,
        reporting_year=year,
        you_said=you_said,
        we_did="<p>Done</p>",
        happened_on=happened_on,
    )


def _csv(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.text.removeprefix("\ufeff"))))


async def test_a_change_under_last_years_priority_counts_in_the_year_it_happened(
    client: httpx.AsyncClient, analyst: StaffUser
) -> None:
    # A 2025-26 priority: one change in its own year, one recorded after 1 April 2026.
    old = await Priority.create(
        reporting_year=2025, position=1, title="Safer journeys", owning_agency="Council"
    )
    new = await Priority.create(reporting_year=2026, position=1, title="Youth clubs", owning_agency="Council")
    await _change(old, "Buses at night", date(2026, 3, 31))
    await _change(old, "Buses on Sundays", date(2026, 4, 1))
    await _change(new, "Open on Fridays", date(2026, 10, 1))

    last, this = await figures_for(2025), await figures_for(2026)
    assert last.changes == 1 and this.changes == 2
    # Each year's priorities table counts only that year's changes, and adds up to the total.
    assert [(row.title, row.changes) for row in last.priorities] == [("Safer journeys", 1)]
    assert [(row.label, row.changes) for row in this.priorities] == [
        ("Youth clubs", 1),
        ("Safer journeys (a 2025 to 2026 priority)", 1),
    ]
    for figures in (last, this):
        assert sum(row.changes for row in figures.priorities) == figures.changes

    last_page, this_page = await client.get("/staff/figures?year=2025"), await client.get("/staff/figures")
    assert 'Changes recorded ("You said, we did")1' in text_of(last_page)
    assert 'Changes recorded ("You said, we did")2' in text_of(this_page)
    assert table(last_page, "by-priority") == {"Safer journeys": "1"}
    assert table(this_page, "by-priority") == {
        "Youth clubs": "1",
        "Safer journeys (a 2025 to 2026 priority)": "1",
    }
    last_csv = _csv(await client.get("/staff/figures.csv?year=2025"))
    this_csv = _csv(await client.get("/staff/figures.csv?year=2026"))
    assert ["Priority: changes recorded", "Safer journeys", "1"] in last_csv
    assert ["Priority: changes recorded", "Safer journeys (a 2025 to 2026 priority)", "1"] in this_csv

    # The child-friendly report: each change once, in the year it happened.
    said_last = [c.you_said for c in (await child_report(2025, NOW.date())).changes]
    said_this = [c.you_said for c in (await child_report(2026, NOW.date())).changes]
    assert said_last == ["Buses at night"] and said_this == ["Buses on Sundays", "Open on Fridays"]
    public = text_of(await client.get("/report/2025"))
    assert "You said: Buses at night" in public and "Buses on Sundays" not in public
