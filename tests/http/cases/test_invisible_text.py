"""A case record's words must show something: reasoning, a referral reference, an outcome or a
note made only of characters that draw nothing (zero-width spaces, word joiners, a byte order
mark, a Braille blank, a Hangul filler) count as missing, as everywhere else staff type
(found by an exploratory test: such a case could be decided, signed off and closed blank)."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.cases.test_cases import _as, _post, _summary_links, _title
from tests.unit.cases.factory import START, complete_case, make_case, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services
from voice.clock import FixedClock
from voice.moderation.models import CaseStatus, SafeguardingCase

INVISIBLE = ["\u200b\u200b \u00a0", "\u200b\u2060\ufeff", "\u2800\u3164", "\u200b\r\n\u200b"]


@pytest.fixture(autouse=True)
def clock(app: Starlette) -> FixedClock:
    clock = FixedClock(START)
    app.state.clock = clock
    return clock


async def _acknowledged(lead: StaffUser) -> SafeguardingCase:
    return await make_case(status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START)


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_invisible_reasoning_is_missing(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], blank: str
) -> None:
    case = await _acknowledged(staff[Role.SAFEGUARDING_LEAD])
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(
        client,
        f"/staff/cases/{case.id}/decision",
        {"decision": "referred_front_door", "reasoning": blank, "referral_reference": "\u200b"},
    )
    assert refused.status_code == 400
    assert _title(refused.text).startswith("Error: ")
    assert _summary_links(refused.text) == ["reasoning", "referral_reference"]
    assert "Enter the reasoning for the decision" in refused.text
    assert "Enter the front door referral reference" in refused.text
    assert 'value="referred_front_door" checked' in refused.text  # the choice is kept
    assert (await SafeguardingCase.get(id=case.id)).decision is None
    assert not await AuditEvent.filter(action="case.decision_recorded").exists()


async def test_an_invisible_reference_on_another_decision_is_none(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    case = await _acknowledged(staff[Role.SAFEGUARDING_LEAD])
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    saved = await _post(
        client,
        f"/staff/cases/{case.id}/decision",
        {
            "decision": "advice_given",
            "reasoning": "Advice to the school",
            "referral_reference": "\u200b\u2060",
        },
    )
    assert saved.status_code == 303
    assert (await SafeguardingCase.get(id=case.id)).referral_reference == services.NO_REFERENCE


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_an_invisible_outcome_is_missing(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], blank: str
) -> None:
    case = await _acknowledged(staff[Role.SAFEGUARDING_LEAD])
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(client, f"/staff/cases/{case.id}/outcome", {"outcome": blank})
    assert refused.status_code == 400
    assert _summary_links(refused.text) == ["outcome"]
    assert "Enter the outcome" in refused.text
    assert (await SafeguardingCase.get(id=case.id)).outcome == ""


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_an_invisible_note_cannot_raise_a_case(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], blank: str
) -> None:
    contribution = await make_contribution("the bus is late again")
    await _as(client, staff, Role.MODERATOR)
    refused = await _post(
        client,
        "/staff/cases/raise",
        {"contribution_id": str(contribution.id), "note": blank, "level": "urgent"},
    )
    assert refused.status_code == 400
    assert "Enter a note saying why this may be a disclosure" in refused.text
    assert not await SafeguardingCase.filter(contribution_id=contribution.id).exists()


async def test_words_saved_blank_before_still_count_as_missing(staff: dict[Role, StaffUser]) -> None:
    """Records saved before this check: signing off and closing still list what is missing."""
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, signed=False)
    await SafeguardingCase.filter(id=case.id).update(
        reasoning="\u200b\u200b", outcome="\u2060\ufeff", referral_reference="\u200b"
    )
    stored = await SafeguardingCase.get(id=case.id)
    fields = [field for field, _message in services.missing_items(stored, for_sign_off=True)]
    assert fields == ["reasoning", "referral_reference", "outcome"]
    with pytest.raises(services.CaseProblem):
        await services.sign_off(case.id, by=lead, now=START)


async def test_visible_words_around_invisible_ones_are_kept(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await _acknowledged(lead)
    await services.record_outcome(case.id, by=lead, now=START, outcome="\u200bSchool nurse\r\nfollows up ")
    assert (await SafeguardingCase.get(id=case.id)).outcome == "\u200bSchool nurse\nfollows up"
