"""The case page and the case list say by when a decision on what happens next is due, and
which cases have none in time (found by an exploratory test, 2026-11-24: once a case was
acknowledged, nothing was ever due)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.support.http import sign_in
from tests.unit.cases.factory import make_contribution
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase

ARRIVED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday: due by the end of Tuesday


async def a_case(**values: object) -> SafeguardingCase:
    contribution = await make_contribution("My step dad hits me")
    return await SafeguardingCase.create(
        **{
            "contribution": contribution,
            "level": "urgent",
            "original_text": "My step dad hits me",
            "reasons": ["r"],
            "opened_at": ARRIVED,
            "status": CaseStatus.ACKNOWLEDGED,
            "acknowledged_at": ARRIVED + timedelta(minutes=20),
            **values,
        }
    )


async def test_in_time_the_page_says_by_when(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(ARRIVED + timedelta(hours=3))
    case = await a_case()
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    page = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "Decide what happens next by The end of 24 November 2026 (the first working day" in page
    assert "Decision overdue" not in page
    listing = text_of(await client.get("/staff/cases"))
    assert "Decide by the end of 24 November 2026." in listing and "no decision in time" not in listing


async def test_late_the_page_and_the_list_say_so(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(ARRIVED + timedelta(days=2))  # Wednesday
    case = await a_case()
    decided = await a_case(decision=CaseDecision.ADVICE_GIVEN)
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    page = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "Decision overdue" in page and "The end of 24 November 2026: overdue" in page
    listing = text_of(await client.get("/staff/cases"))
    assert "1 case has no decision in time" in listing
    assert "No decision by the end of 24 November 2026." in listing
    assert "Decide what happens next by" not in text_of(await client.get(f"/staff/cases/{decided.id}"))
