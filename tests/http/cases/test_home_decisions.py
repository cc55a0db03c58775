"""The staff home page of leads and admins lists cases with no decision in time, as the cases
page does (found by an exploratory test: only cases not acknowledged in time were there, so a
lead acknowledging from email could miss a decision due)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.http.cases.test_cases import _as, clock
from tests.unit.cases.factory import START, make_case
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.moderation.models import CaseDecision, CaseStatus

__all__ = ["clock"]


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_home_lists_cases_with_no_decision_in_time(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, role: Role
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    late = await make_case(
        "concern", status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START
    )
    decided = await make_case(
        "concern",
        status=CaseStatus.ACKNOWLEDGED,
        acknowledged_by=lead,
        acknowledged_at=START,
        decision=CaseDecision.ADVICE_GIVEN,
    )
    await _as(client, staff, role)
    html = (await client.get("/staff")).text
    assert "no decision in time" not in html  # not due yet
    clock.advance(timedelta(days=3))
    html = (await client.get("/staff")).text
    section = html.split('id="decisions-overdue"', 1)[1].split("</section>", 1)[0]
    assert "1 case has no decision in time" in section
    assert f'href="/staff/cases/{late.id}"' in section and f'href="/staff/cases/{decided.id}"' not in section
    assert "overdue safeguarding case" not in html  # both were acknowledged in time


async def test_a_case_late_both_ways_is_in_both_lists(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("urgent", at=START)
    clock.advance(timedelta(days=3))
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    html = (await client.get("/staff")).text
    assert "1 overdue safeguarding case" in html and "1 case has no decision in time" in html
    assert html.count(f'href="/staff/cases/{case.id}"') == 2
