"""Making contributions for tests, through the same intake every real one goes through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, ContributionKind, Source

BASE_TIME = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def make_contribution(
    text: str = "The park needs more lights",
    *,
    minutes: int = 0,
    language: str = "en",
    kind: ContributionKind = ContributionKind.FEEDBACK,
    consent: Consent = Consent.NOT_QUOTABLE,
    consultation_id: int | None = None,
    event_id: int | None = None,
) -> Contribution:
    """A screened contribution ``minutes`` after :data:`BASE_TIME`."""
    submitted = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=text),),
            submitted_at=BASE_TIME + timedelta(minutes=minutes),
            kind=kind,
            source=Source.EVENT if kind is ContributionKind.TAKEOVER else Source.ONLINE,
            language=language,
            consent=consent,
            consultation_id=consultation_id,
            event_id=event_id,
        )
    )
    return submitted.contribution


URGENT_TEXT = "my dad hits me every night and i am scared to go home tonight"
CONCERN_TEXT = "i get bullied every day on the way home from school and nobody helps"
PHONE_TEXT = "Ring me on 07700 900123 about the youth club please"
