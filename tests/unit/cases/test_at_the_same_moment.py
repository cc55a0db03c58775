"""Two people acting on one case at the same moment (exploratory testing, twenty-second
session): both read the case, then both saved, and a case was closed with its sign-off just
withdrawn, or a lead's decision replaced unseen. Every change is now an update that only
applies while the record is still as it was read, so the second is refused."""

from __future__ import annotations

import pytest

from tests.unit.cases.factory import START, complete_case
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services
from voice.cases.services import STALE_MESSAGE, CaseProblem
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase

pytestmark = pytest.mark.usefixtures("app")


def _stale(problem: pytest.ExceptionInfo[CaseProblem]) -> bool:
    return [message for _field, message in problem.value.errors] == [STALE_MESSAGE]


async def test_a_close_read_before_an_edit_that_withdrew_the_sign_off_is_refused(
    staff: dict[Role, StaffUser],
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead)
    read_by_closer = await SafeguardingCase.get(id=case.id)
    # The other person's change lands first, and withdraws the sign-off.
    saved = await services.record_outcome(
        case.id, by=staff[Role.ADMIN], now=START, outcome="Changed meanwhile"
    )
    assert saved.sign_off_withdrawn
    with pytest.raises(CaseProblem) as problem:
        await services._swap(read_by_closer, status=CaseStatus.CLOSED)
    assert _stale(problem)
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.status is not CaseStatus.CLOSED and stored.signed_off_at is None


async def test_a_decision_read_before_another_decision_is_refused(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, signed=False)
    seen = services.record_version(await SafeguardingCase.get(id=case.id))
    first = await services.record_decision(
        case.id,
        by=lead,
        now=START,
        decision=CaseDecision.REFERRED_FRONT_DOOR.value,
        reasoning="Lead: referred, high risk",
        referral_reference="FD-1",
        seen=seen,
    )
    assert first.changed
    with pytest.raises(CaseProblem) as problem:
        await services.record_decision(
            case.id,
            by=staff[Role.ADMIN],
            now=START,
            decision=CaseDecision.NO_FURTHER_ACTION.value,
            reasoning="Admin: nothing to do",
            referral_reference="",
            seen=seen,
        )
    assert _stale(problem)
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.decision is CaseDecision.REFERRED_FRONT_DOOR and stored.referral_reference == "FD-1"
    decisions = await AuditEvent.filter(object_id=str(case.id), action="case.decision_recorded").count()
    assert decisions == 1


async def test_sign_off_and_close_check_what_the_page_showed(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, signed=False)
    seen = services.record_version(await SafeguardingCase.get(id=case.id))
    await services.record_outcome(case.id, by=staff[Role.ADMIN], now=START, outcome="A newer outcome")
    with pytest.raises(CaseProblem) as problem:
        await services.sign_off(case.id, by=lead, now=START, seen=seen)
    assert _stale(problem)
    fresh = services.record_version(await SafeguardingCase.get(id=case.id))
    await services.sign_off(case.id, by=lead, now=START, seen=fresh)
    with pytest.raises(CaseProblem) as closing:
        await services.close(case.id, by=lead, now=START, retention_days=30, seen=fresh)
    assert _stale(closing)  # signed off since that page was drawn
    signed = services.record_version(await SafeguardingCase.get(id=case.id))
    closed = await services.close(case.id, by=lead, now=START, retention_days=30, seen=signed)
    assert closed.status is CaseStatus.CLOSED
