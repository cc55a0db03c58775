"""The rules of a safeguarding case, service by service."""

from __future__ import annotations

from datetime import timedelta
from hashlib import sha256

import pytest
from starlette.applications import Starlette

from tests.unit.cases.factory import START, complete_case, limits, make_case, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services
from voice.cases.services import CaseProblem, NotAllowed
from voice.clock import FixedClock
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import ScreeningLevel
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase
from voice.settings import Settings

pytestmark = pytest.mark.usefixtures("app")


async def _events(case_id: int, action: str) -> list[AuditEvent]:
    return await AuditEvent.filter(object_type="safeguarding_case", object_id=str(case_id), action=action)


# --- time limits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "hours"),
    [("concern", 4), ("urgent", 1)],
)
async def test_overdue_only_after_the_limit(settings: Settings, level: str, hours: int) -> None:
    case = await make_case(level, at=START)
    clock = FixedClock(START)
    clock.advance(timedelta(hours=hours) - timedelta(seconds=1))
    assert not services.is_overdue(case, clock.now(), settings)
    clock.advance(timedelta(seconds=1))  # exactly at the limit: still in time
    assert not services.is_overdue(case, clock.now(), settings)
    assert services.due_at(case, settings) == clock.now()
    clock.advance(timedelta(seconds=1))
    assert services.is_overdue(case, clock.now(), settings)
    assert [c.id for c in await services.overdue_cases(clock.now(), settings)] == [case.id]


async def test_limits_come_from_settings(settings: Settings) -> None:
    case = await make_case("concern", at=START)
    urgent = await make_case("urgent", at=START)
    custom = limits(settings, concern=2, urgent=0.5)
    at = START + timedelta(hours=1)
    assert services.is_overdue(urgent, at, custom) and not services.is_overdue(case, at, custom)
    at = START + timedelta(hours=2, seconds=1)
    assert services.is_overdue(case, at, custom)
    assert not services.is_overdue(case, at, settings)  # default 4 hours


async def test_acknowledged_or_closed_cases_are_never_overdue(
    settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    acked = await make_case(
        "urgent", acknowledged_by=lead, acknowledged_at=START, status=CaseStatus.ACKNOWLEDGED
    )
    closed = await make_case("urgent", status=CaseStatus.CLOSED)
    late = START + timedelta(days=3)
    assert not services.is_overdue(acked, late, settings)
    assert not services.is_overdue(closed, late, settings)
    assert await services.overdue_cases(late, settings) == []


async def test_overdue_cases_urgent_first_then_longest_waiting(settings: Settings) -> None:
    old_concern = await make_case("concern", at=START)
    new_urgent = await make_case("urgent", at=START + timedelta(hours=2))
    old_urgent = await make_case("urgent", at=START + timedelta(hours=1))
    fresh = await make_case("concern", at=START + timedelta(hours=4))
    now = START + timedelta(hours=5)
    found = [case.id for case in await services.overdue_cases(now, settings)]
    assert found == [old_urgent.id, new_urgent.id, old_concern.id]
    assert fresh.id not in found


# --- listing -----------------------------------------------------------------------------


async def test_list_open_first_urgent_first_overdue_flagged(
    settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    concern = await make_case("concern", at=START)
    urgent = await make_case("urgent", at=START + timedelta(minutes=30))
    acked = await make_case(
        "urgent",
        at=START - timedelta(hours=1),
        status=CaseStatus.ACKNOWLEDGED,
        acknowledged_by=lead,
        acknowledged_at=START,
    )
    closed = await complete_case(lead, at=START - timedelta(days=1), status=CaseStatus.CLOSED)
    now = START + timedelta(hours=2)
    listed = await services.list_cases(now, settings)
    assert [row.case.id for row in listed.open] == [urgent.id, concern.id, acked.id]
    assert [row.overdue for row in listed.open] == [True, False, False]
    assert listed.open[0].due_at == START + timedelta(minutes=90)
    assert [row.case.id for row in listed.closed] == [closed.id]


async def test_summary_counts_open_cases_and_lists_overdue(
    settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    await make_case("concern", at=START)
    urgent = await make_case("urgent", at=START)
    await complete_case(staff[Role.SAFEGUARDING_LEAD], status=CaseStatus.CLOSED)
    summary = await services.case_summary(START + timedelta(hours=2), settings)
    assert summary.open_count == 2
    assert [row.case.id for row in summary.overdue] == [urgent.id]
    assert await services.open_case_count() == 2


async def test_open_case_ids_for_the_moderation_queue(staff: dict[Role, StaffUser]) -> None:
    open_case = await make_case("concern")
    acked = await make_case("urgent", status=CaseStatus.ACKNOWLEDGED)
    closed = await complete_case(staff[Role.SAFEGUARDING_LEAD], status=CaseStatus.CLOSED)
    without = await make_contribution("nothing to worry about")
    ids = [open_case.contribution_id, acked.contribution_id, closed.contribution_id, without.id]  # type: ignore[attr-defined]
    assert await services.open_case_ids_for(ids) == {open_case.contribution_id, acked.contribution_id}  # type: ignore[attr-defined]
    assert await services.open_case_ids_for([]) == set()


async def test_history_and_contact(staff: dict[Role, StaffUser]) -> None:
    anonymous = await make_case("concern")
    known = await make_case("concern", contact=("email", "parent@example.org"))
    assert await services.contact_for(anonymous) is None
    contact = await services.contact_for(known)
    assert contact is not None and contact.value == "parent@example.org" and contact.method == "email"
    await services.record_view(known, by=staff[Role.ADMIN], now=START)
    [viewed] = await services.history(known.id)
    assert viewed.action == "case.viewed" and viewed.actor_id == staff[Role.ADMIN].id and viewed.at == START


async def test_moderators_cannot_view(staff: dict[Role, StaffUser]) -> None:
    case = await make_case()
    with pytest.raises(NotAllowed):
        await services.record_view(case, by=staff[Role.MODERATOR], now=START)


# --- acknowledge -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_acknowledge_records_who_and_when(staff: dict[Role, StaffUser], role: Role) -> None:
    case = await make_case("urgent")
    at = START + timedelta(minutes=20)
    done = await services.acknowledge(case.id, by=staff[role], now=at)
    assert done.status is CaseStatus.ACKNOWLEDGED
    assert done.acknowledged_at == at and done.acknowledged_by_id == staff[role].id  # type: ignore[attr-defined]
    [event] = await _events(case.id, "case.acknowledged")
    assert event.at == at and event.actor_id == staff[role].id
    assert event.before == {"status": "open", "acknowledged_by_id": None, "acknowledged_at": None}
    assert event.after == {
        "status": "acknowledged",
        "acknowledged_by_id": staff[role].id,
        "acknowledged_at": at.isoformat(),
    }


async def test_acknowledge_once(staff: dict[Role, StaffUser]) -> None:
    case = await make_case()
    await services.acknowledge(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START)
    with pytest.raises(CaseProblem, match="already been acknowledged"):
        await services.acknowledge(case.id, by=staff[Role.ADMIN], now=START + timedelta(minutes=1))
    assert len(await _events(case.id, "case.acknowledged")) == 1


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ANALYST])
async def test_only_leads_and_admins_change_cases(staff: dict[Role, StaffUser], role: Role) -> None:
    case = await make_case()
    user = staff[role]
    with pytest.raises(NotAllowed):
        await services.acknowledge(case.id, by=user, now=START)
    with pytest.raises(NotAllowed):
        await services.record_decision(
            case.id, by=user, now=START, decision="advice_given", reasoning="x", referral_reference=""
        )
    with pytest.raises(NotAllowed):
        await services.record_outcome(case.id, by=user, now=START, outcome="x")
    with pytest.raises(NotAllowed):
        await services.close(case.id, by=user, now=START, retention_days=1)
    assert not await AuditEvent.filter(object_type="safeguarding_case").exists()


async def test_inactive_lead_cannot_act(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    lead.is_active = False
    case = await make_case()
    with pytest.raises(NotAllowed):
        await services.acknowledge(case.id, by=lead, now=START)


async def test_unknown_case(staff: dict[Role, StaffUser]) -> None:
    with pytest.raises(services.CaseNotFound):
        await services.acknowledge(999, by=staff[Role.ADMIN], now=START)
    with pytest.raises(services.CaseNotFound):
        await services.get_case(999)


# --- decision ----------------------------------------------------------------------------


async def _acked(staff: dict[Role, StaffUser], level: str = "urgent") -> SafeguardingCase:
    case = await make_case(level)
    return await services.acknowledge(
        case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START + timedelta(minutes=5)
    )


async def test_decision_needs_acknowledgement_first(staff: dict[Role, StaffUser]) -> None:
    case = await make_case()
    with pytest.raises(CaseProblem) as refused:
        await services.record_decision(
            case.id,
            by=staff[Role.SAFEGUARDING_LEAD],
            now=START,
            decision="advice_given",
            reasoning="r",
            referral_reference="",
        )
    assert refused.value.errors == [("acknowledged", "Acknowledge the case first")]


async def test_front_door_referral_needs_its_reference(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    for reference in ("", "  ", "none", "N/A"):
        with pytest.raises(CaseProblem) as refused:
            await services.record_decision(
                case.id,
                by=staff[Role.SAFEGUARDING_LEAD],
                now=START,
                decision="referred_front_door",
                reasoning="Hit at home",
                referral_reference=reference,
            )
        assert refused.value.errors == [("referral_reference", "Enter the front door referral reference")]
    saved = await services.record_decision(
        case.id,
        by=staff[Role.SAFEGUARDING_LEAD],
        now=START + timedelta(hours=1),
        decision="referred_front_door",
        reasoning="  Hit at home  ",
        referral_reference=" FD-1 ",
    )
    assert saved.changed and not saved.sign_off_withdrawn
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.decision is CaseDecision.REFERRED_FRONT_DOOR
    assert stored.reasoning == "Hit at home" and stored.referral_reference == "FD-1"
    [event] = await _events(case.id, "case.decision_recorded")
    assert event.at == START + timedelta(hours=1)
    assert event.before == {"decision": None, "reasoning": "", "referral_reference": ""}
    assert event.after == {
        "decision": "referred_front_door",
        "reasoning": services.written("Hit at home"),
        "referral_reference": services.written("FD-1"),
    }


@pytest.mark.parametrize(
    "decision", [CaseDecision.ALREADY_KNOWN, CaseDecision.ADVICE_GIVEN, CaseDecision.NO_FURTHER_ACTION]
)
async def test_other_decisions_record_none_when_no_reference(
    staff: dict[Role, StaffUser], decision: CaseDecision
) -> None:
    case = await _acked(staff)
    await services.record_decision(
        case.id,
        by=staff[Role.ADMIN],
        now=START,
        decision=decision.value,
        reasoning="Known to the family team",
        referral_reference="",
    )
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.decision is decision and stored.referral_reference == "none"


async def test_other_decisions_keep_a_typed_reference(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    await services.record_decision(
        case.id,
        by=staff[Role.SAFEGUARDING_LEAD],
        now=START,
        decision="already_known",
        reasoning="Open to early help",
        referral_reference="EH-77",
    )
    assert (await SafeguardingCase.get(id=case.id)).referral_reference == "EH-77"


async def test_decision_reports_every_problem_at_once(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    with pytest.raises(CaseProblem) as refused:
        await services.record_decision(
            case.id,
            by=staff[Role.SAFEGUARDING_LEAD],
            now=START,
            decision="maybe",
            reasoning=" ",
            referral_reference="x" * 81,
        )
    assert [key for key, _ in refused.value.errors] == ["decision", "reasoning", "referral_reference"]
    assert not await _events(case.id, "case.decision_recorded")


def test_check_decision_limits() -> None:
    with pytest.raises(CaseProblem, match="10,000 characters"):
        services.check_decision("advice_given", "x" * 10_001, "")
    assert services.check_decision("advice_given", "ok", "") == (CaseDecision.ADVICE_GIVEN, "ok", "none")
    assert services.check_decision("referred_front_door", "ok", "R1") == (
        CaseDecision.REFERRED_FRONT_DOOR,
        "ok",
        "R1",
    )


async def test_saving_the_same_decision_changes_nothing(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    args = {"decision": "advice_given", "reasoning": "Told about Childline", "referral_reference": ""}
    first = await services.record_decision(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START, **args)
    again = await services.record_decision(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START, **args)
    assert first.changed and not again.changed
    assert len(await _events(case.id, "case.decision_recorded")) == 1


# --- outcome -----------------------------------------------------------------------------


async def test_outcome(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    with pytest.raises(CaseProblem) as refused:
        await services.record_outcome(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START, outcome="  ")
    assert refused.value.errors == [("outcome", "Enter the outcome")]
    with pytest.raises(CaseProblem, match="10,000"):
        await services.record_outcome(
            case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START, outcome="x" * 10_001
        )
    await services.record_outcome(
        case.id, by=staff[Role.ADMIN], now=START, outcome="School nurse is following up"
    )
    assert (await SafeguardingCase.get(id=case.id)).outcome == "School nurse is following up"
    [event] = await _events(case.id, "case.outcome_recorded")
    assert event.before == {"outcome": ""}
    assert event.after == {"outcome": services.written("School nurse is following up")}
    assert event.after["outcome"].startswith("28 characters, fingerprint ")
    assert "School nurse" not in str(event.after)  # the log never keeps the words
    # Keyed, so it cannot be checked against a guess (an unkeyed hash of a short reference can).
    unkeyed = sha256(b"School nurse is following up").hexdigest()[:12]
    assert unkeyed not in event.after["outcome"]
    assert event.actor_id == staff[Role.ADMIN].id


async def test_outcome_needs_acknowledgement(staff: dict[Role, StaffUser]) -> None:
    case = await make_case()
    with pytest.raises(CaseProblem, match="Acknowledge the case first"):
        await services.record_outcome(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START, outcome="x")


# --- sign-off ----------------------------------------------------------------------------


async def test_only_a_lead_signs_off(staff: dict[Role, StaffUser]) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD], signed=False)
    for role in (Role.ADMIN, Role.MODERATOR, Role.ANALYST):
        with pytest.raises(NotAllowed):
            await services.sign_off(case.id, by=staff[role], now=START)
    at = START + timedelta(hours=3)
    signed = await services.sign_off(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=at)
    assert signed.signed_off_at == at and signed.signed_off_by_id == staff[Role.SAFEGUARDING_LEAD].id  # type: ignore[attr-defined]
    [event] = await _events(case.id, "case.signed_off")
    assert event.after == {
        "signed_off_by_id": staff[Role.SAFEGUARDING_LEAD].id,
        "signed_off_at": at.isoformat(),
    }
    with pytest.raises(CaseProblem, match="already been signed off"):
        await services.sign_off(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=at)


async def test_sign_off_needs_a_complete_record(staff: dict[Role, StaffUser]) -> None:
    case = await _acked(staff)
    with pytest.raises(CaseProblem) as refused:
        await services.sign_off(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START)
    assert [key for key, _ in refused.value.errors] == [
        "decision",
        "reasoning",
        "referral_reference",
        "outcome",
    ]


async def test_changing_a_signed_off_record_withdraws_the_sign_off(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead)
    saved = await services.record_outcome(
        case.id, by=staff[Role.ADMIN], now=START, outcome="Family moved away"
    )
    assert saved.sign_off_withdrawn
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.signed_off_at is None and stored.signed_off_by_id is None  # type: ignore[attr-defined]
    [withdrawn] = await _events(case.id, "case.sign_off_withdrawn")
    assert withdrawn.before is not None and withdrawn.before["signed_off_by_id"] == lead.id
    with pytest.raises(CaseProblem):
        await services.close(case.id, by=lead, now=START, retention_days=10)


# --- close -------------------------------------------------------------------------------

MISSING = {
    "acknowledged": {"acknowledged_at": None, "acknowledged_by": None, "status": CaseStatus.OPEN},
    "decision": {"decision": None},
    "reasoning": {"reasoning": ""},
    "referral_reference": {"referral_reference": ""},
    "outcome": {"outcome": "  "},
    "signed_off": {"signed_off_at": None, "signed_off_by": None},
}


@pytest.mark.parametrize("missing", list(MISSING))
async def test_cannot_close_while_anything_is_missing(staff: dict[Role, StaffUser], missing: str) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, **MISSING[missing])
    with pytest.raises(CaseProblem) as refused:
        await services.close(case.id, by=lead, now=START + timedelta(days=1), retention_days=30)
    assert [key for key, _ in refused.value.errors] == [missing]
    assert all(message for _, message in refused.value.errors)
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.status is not CaseStatus.CLOSED and stored.purge_after is None
    assert not await _events(case.id, "case.closed")


async def test_front_door_referral_cannot_close_with_reference_none(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, referral_reference="none")
    with pytest.raises(CaseProblem) as refused:
        await services.close(case.id, by=lead, now=START, retention_days=30)
    assert refused.value.errors == [
        ("referral_reference", "No front door referral reference has been recorded")
    ]


async def test_close_lists_everything_missing(staff: dict[Role, StaffUser]) -> None:
    case = await make_case()
    with pytest.raises(CaseProblem) as refused:
        await services.close(case.id, by=staff[Role.ADMIN], now=START, retention_days=30)
    assert [key for key, _ in refused.value.errors] == list(MISSING)


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_close_a_complete_case(staff: dict[Role, StaffUser], role: Role) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD])
    at = START + timedelta(days=2)
    closed = await services.close(case.id, by=staff[role], now=at, retention_days=2555)
    assert closed.status is CaseStatus.CLOSED
    assert closed.purge_after == at + timedelta(days=2555)
    [event] = await _events(case.id, "case.closed")
    assert event.at == at and event.actor_id == staff[role].id
    assert event.before is not None and event.before["status"] == "acknowledged"
    assert event.after == {"status": "closed", "purge_after": (at + timedelta(days=2555)).isoformat()}


async def test_a_closed_case_cannot_change(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, status=CaseStatus.CLOSED)
    for attempt in (
        services.acknowledge(case.id, by=lead, now=START),
        services.record_decision(
            case.id, by=lead, now=START, decision="advice_given", reasoning="x", referral_reference=""
        ),
        services.record_outcome(case.id, by=lead, now=START, outcome="x"),
        services.sign_off(case.id, by=lead, now=START),
        services.close(case.id, by=lead, now=START, retention_days=1),
    ):
        with pytest.raises(CaseProblem, match="closed"):
            await attempt


async def test_the_original_words_survive_every_step(staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    text = "  he said   i'd better not tell\nor else  "
    case = await make_case("urgent", text=text)
    await services.acknowledge(case.id, by=lead, now=START)
    await services.record_decision(
        case.id, by=lead, now=START, decision="referred_front_door", reasoning="r", referral_reference="FD-9"
    )
    await services.record_outcome(case.id, by=lead, now=START, outcome="o")
    await services.sign_off(case.id, by=lead, now=START)
    await services.close(case.id, by=lead, now=START, retention_days=1)
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.original_text == text and stored.opened_at == START
    actions = [event.action for event in await services.history(case.id)]
    assert actions == [
        "case.acknowledged",
        "case.decision_recorded",
        "case.outcome_recorded",
        "case.signed_off",
        "case.closed",
    ]
    for event in await services.history(case.id):
        assert text.strip() not in repr(event.before) + repr(event.after)


# --- raise by hand -----------------------------------------------------------------------


async def test_a_moderator_raises_a_case(staff: dict[Role, StaffUser]) -> None:
    moderator = staff[Role.MODERATOR]
    contribution = await make_contribution("first answer,  verbatim ", "second\nanswer")
    at = START + timedelta(hours=5)
    case = await services.raise_case(contribution.id, by=moderator, note=" Mentions a new boyfriend ", now=at)
    assert case.level == "concern" and case.status is CaseStatus.OPEN
    assert case.original_text == "first answer,  verbatim \n\nsecond\nanswer"
    assert case.opened_at == at and case.raised_by_id == moderator.id  # type: ignore[attr-defined]
    assert case.reasons[-1] == "Raised by hand: Mentions a new boyfriend"
    [event] = await _events(case.id, "case.raised")
    assert event.actor_id == moderator.id and event.at == at
    assert event.after == {
        "level": "concern",
        "contribution_id": contribution.id,
        "note": services.written("Mentions a new boyfriend"),
    }
    assert await services.open_case_ids_for([contribution.id]) == {contribution.id}


async def test_raise_at_urgent(staff: dict[Role, StaffUser]) -> None:
    contribution = await make_contribution("something")
    case = await services.raise_case(
        contribution.id, by=staff[Role.SAFEGUARDING_LEAD], note="n", now=START, level=ScreeningLevel.URGENT
    )
    assert case.level == "urgent"


async def test_raise_refusals(staff: dict[Role, StaffUser]) -> None:
    moderator = staff[Role.MODERATOR]
    with pytest.raises(CaseProblem) as refused:
        await services.raise_case(999, by=moderator, note="", now=START, level="sideways")
    assert refused.value.errors == [
        ("note", "Enter a note saying why this may be a disclosure"),
        ("level", "Choose concern or urgent"),
        ("contribution_id", "There is no contribution with that number"),
    ]
    case = await make_case()
    with pytest.raises(CaseProblem) as refused:
        await services.raise_case(case.contribution_id, by=moderator, note="again", now=START)  # type: ignore[attr-defined]
    assert refused.value.errors == [
        ("contribution_id", "This contribution already has an open safeguarding case")
    ]
    with pytest.raises(NotAllowed):
        await services.raise_case(case.contribution_id, by=staff[Role.ANALYST], note="x", now=START)  # type: ignore[attr-defined]


async def test_raise_again_after_the_case_closed(staff: dict[Role, StaffUser]) -> None:
    closed = await complete_case(staff[Role.SAFEGUARDING_LEAD], status=CaseStatus.CLOSED)
    again = await services.raise_case(
        closed.contribution_id,
        by=staff[Role.MODERATOR],
        note="Another worry",
        now=START,  # type: ignore[attr-defined]
    )
    assert again.id != closed.id


async def test_intake_opens_cases_these_services_work_on(
    app: Starlette, settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    done = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="my dad hits me and i am scared to go home tonight"),),
            submitted_at=START,
        )
    )
    [case] = await SafeguardingCase.filter(contribution_id=done.contribution.id)
    assert case.level == "urgent"
    assert services.is_overdue(case, START + timedelta(hours=1, seconds=1), settings)
    await services.acknowledge(case.id, by=staff[Role.SAFEGUARDING_LEAD], now=START + timedelta(minutes=1))
    actions = [event.action for event in await services.history(case.id)]
    assert actions == ["case.opened", "case.acknowledged"]


async def test_the_audit_log_never_keeps_the_words_of_a_case_after_it_is_purged(
    staff: dict[Role, StaffUser],
) -> None:
    """A case's record is purged after its retention period, but the audit log is never changed:
    it must not keep the lead's reasoning, reference, outcome or a raiser's note."""
    words = ["Aunt Farida is taking her abroad", "MASH-77341", "Police visited the home", "Lives with nan"]
    lead = staff[Role.SAFEGUARDING_LEAD]
    contribution = await make_contribution("something worrying happened at home")
    case = await services.raise_case(contribution.id, by=staff[Role.MODERATOR], note=words[3], now=START)
    await services.acknowledge(case.id, by=lead, now=START)
    await services.record_decision(
        case.id,
        by=lead,
        now=START,
        decision=CaseDecision.REFERRED_FRONT_DOOR.value,
        reasoning=words[0],
        referral_reference=words[1],
    )
    await services.record_outcome(case.id, by=lead, now=START, outcome=words[2])
    logged = [
        (event.before, event.after) for event in await AuditEvent.filter(object_type="safeguarding_case")
    ]
    assert logged and not any(word in str(logged) for word in words)
