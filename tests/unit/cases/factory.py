"""Cases for tests: contributions and their safeguarding cases, at a controllable time."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from voice.accounts.models import Role, StaffUser
from voice.accounts.services import create_staff
from voice.feedback.models import SCREENING_RANK, Answer, ContactDetail, Contribution, ScreeningLevel
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase
from voice.settings import Settings

#: A Monday morning in winter (GMT), so UK time and UTC agree.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

URGENT_WORDS = "my dad hits me when he is drunk and i am scared to go home tonight"
CONCERN_WORDS = "i get bullied every day on the way home and nobody helps"

_codes = itertools.count(1)


async def make_contribution(
    *texts: str,
    at: datetime = START,
    level: ScreeningLevel = ScreeningLevel.NONE,
    contact: tuple[str, str] | None = None,
    language: str = "en",
) -> Contribution:
    contribution = await Contribution.create(
        receipt_code=f"T{next(_codes):08d}",
        submitted_at=at,
        screening_level=level,
        screening_rank=SCREENING_RANK[level],
        screening_reasons=[f"test reason ({level.value})"] if level is not ScreeningLevel.NONE else [],
        language=language,
    )
    for text in texts or ("The park needs more lights",):
        await Answer.create(contribution=contribution, text=text, redacted_text=text)
    if contact:
        await ContactDetail.create(
            contribution=contribution, method=contact[0], value=contact[1], consent_given_at=at
        )
    return contribution


async def make_case(
    level: str = "concern",
    *,
    at: datetime = START,
    text: str | None = None,
    contact: tuple[str, str] | None = None,
    **fields: object,
) -> SafeguardingCase:
    """A case as intake opens it, with any other fields set directly."""
    words = text or (URGENT_WORDS if level == "urgent" else CONCERN_WORDS)
    contribution = await make_contribution(words, at=at, level=ScreeningLevel(level), contact=contact)
    return await SafeguardingCase.create(
        contribution=contribution,
        level=level,
        original_text=words,
        reasons=[f"test reason ({level})"],
        opened_at=at,
        **fields,
    )


async def complete_case(
    lead: StaffUser, *, at: datetime = START, signed: bool = True, **changes: object
) -> SafeguardingCase:
    """A case with every part of the record (and a lead's sign-off unless ``signed`` is false)."""
    values: dict[str, object] = {
        "status": CaseStatus.ACKNOWLEDGED,
        "acknowledged_by": lead,
        "acknowledged_at": at + timedelta(minutes=10),
        "decision": CaseDecision.REFERRED_FRONT_DOOR,
        "reasoning": "Physical harm at home; spoke to the front door duty worker.",
        "referral_reference": "FD-2026-0042",
        "outcome": "Social worker visited the same day.",
    }
    if signed:
        values.update(signed_off_by=lead, signed_off_at=at + timedelta(hours=2))
    values.update(changes)
    return await make_case("urgent", at=at, **values)


async def make_lead(email: str = "second.lead@voice.test", *, active: bool = True) -> StaffUser:
    user = await create_staff(email, "Second Lead", Role.SAFEGUARDING_LEAD, "correct horse battery staple")
    if not active:
        user.is_active = False
        await user.save()
    return user


def limits(settings: Settings, concern: float = 4, urgent: float = 1) -> Settings:
    return replace(settings, case_ack_hours=concern, case_ack_hours_urgent=urgent)
