"""Building contributions, cases and drafts at chosen times for the retention tests."""

from __future__ import annotations

import itertools
from datetime import datetime

from voice.feedback.models import (
    Answer,
    Consultation,
    ContactDetail,
    Contribution,
    JourneyDraft,
    ScreeningLevel,
    Status,
)
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase

_numbers = itertools.count(1)
ORIGINAL = "My name is Sam Example and I live at 4 Elm Road"
REDACTED = "My name is [name] and I live at [address]"


async def contribution(
    status: Status,
    submitted_at: datetime,
    decided_at: datetime | None = None,
    *,
    contact: bool = True,
    answers: int = 2,
) -> Contribution:
    made = await Contribution.create(
        receipt_code=f"T{next(_numbers):04d}-XY",
        status=status,
        submitted_at=submitted_at,
        decided_at=decided_at,
        screening_level=ScreeningLevel.NONE,
    )
    for _ in range(answers):
        await Answer.create(contribution=made, text=ORIGINAL, redacted_text=REDACTED)
    if contact:
        await ContactDetail.create(
            contribution=made, method="email", value="sam@example.org", consent_given_at=submitted_at
        )
    return made


async def case(
    for_contribution: Contribution | None,
    status: CaseStatus,
    opened_at: datetime,
    signed_off_at: datetime | None = None,
) -> SafeguardingCase:
    return await SafeguardingCase.create(
        contribution=for_contribution,
        level="urgent",
        status=status,
        original_text=ORIGINAL,
        reasons=["harm"],
        opened_at=opened_at,
        decision=CaseDecision.REFERRED_FRONT_DOOR if status is CaseStatus.CLOSED else None,
        signed_off_at=signed_off_at,
    )


async def draft(updated_at: datetime) -> JourneyDraft:
    consultation = await Consultation.first() or await Consultation.create(slug="c", title={"en": "C"})
    made = await JourneyDraft.create(
        token_hash=f"{next(_numbers):064d}", consultation=consultation, answers={"1": {"text": ORIGINAL}}
    )
    await JourneyDraft.filter(id=made.id).update(updated_at=updated_at)
    return made
