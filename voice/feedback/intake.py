"""Intake: every new contribution, however it arrives, goes through :func:`submit`.

It screens every free-text answer before any person reads it, stores the result
with the contribution, suggests redactions, opens a safeguarding case for a
possible disclosure, and writes the audit log, all in one transaction. A
one-time submission token makes a double tap or a retry create exactly one
contribution.

The unique indexes decide, with no look-up first: the insert itself finds out
whether the submission token was used already (then the earlier contribution is
the answer) or, very rarely, whether the random receipt code was (then another is
drawn). So the usual send costs no extra round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from voice.audit.services import record
from voice.feedback import receipts
from voice.feedback.models import (
    SCREENING_RANK,
    Answer,
    Consent,
    ContactDetail,
    Contribution,
    ContributionKind,
    Respondent,
    ScreeningLevel,
    Source,
)
from voice.moderation.models import Redaction, RedactionSource, SafeguardingCase
from voice.screening import ScreeningResult, screen
from voice.screening.pii import PLACEHOLDERS

_ORDER = {ScreeningLevel.NONE: 0, ScreeningLevel.CONCERN: 1, ScreeningLevel.URGENT: 2}
#: Receipt codes drawn before giving up. With about 2^39 codes, one clash is already rare.
RECEIPT_ATTEMPTS = 5


@dataclass(frozen=True)
class AnswerIn:
    question_id: int | None
    text: str | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContributionIn:
    """One contribution for intake.

    ``submitted_at`` is when the words were said or sent: reports and the queue count it
    there. ``received_at`` is when Voice got them, when that is later (takeover comments
    typed up after the event); it defaults to ``submitted_at``. Both are stored: a takeover
    event's corrected date moves its comments' ``submitted_at``, never past ``received_at``.
    A safeguarding case arrives, and its time limit runs, from when Voice received the words,
    never from before.
    """

    answers: tuple[AnswerIn, ...]
    submitted_at: datetime
    kind: ContributionKind = ContributionKind.FEEDBACK
    source: Source = Source.ONLINE
    language: str = "en"
    consultation_id: int | None = None
    event_id: int | None = None
    entered_by_id: int | None = None
    age_band: str = ""
    area: str = ""
    respondent: Respondent = Respondent.NOT_SAID
    consent: Consent = Consent.NOT_QUOTABLE
    submission_token: str | None = None
    contact_method: str | None = None
    contact_value: str | None = None
    received_at: datetime | None = None

    @property
    def arrived_at(self) -> datetime:
        """When Voice received the words (never before they were said)."""
        if self.received_at is None:
            return self.submitted_at
        return max(self.received_at, self.submitted_at)


@dataclass
class Submitted:
    contribution: Contribution
    created: bool
    level: ScreeningLevel = ScreeningLevel.NONE
    reasons: list[str] = field(default_factory=list)


def _overall(results: list[ScreeningResult]) -> ScreeningLevel:
    level = ScreeningLevel.NONE
    for result in results:
        candidate = ScreeningLevel(result.level)
        if _ORDER[candidate] > _ORDER[level]:
            level = candidate
    return level


async def _existing(token: str | None) -> Contribution | None:
    if not token:
        return None
    return await Contribution.get_or_none(submission_token=token)


def _earlier(contribution: Contribution) -> Submitted:
    return Submitted(
        contribution,
        created=False,
        level=ScreeningLevel(contribution.screening_level),
        reasons=contribution.screening_reasons,
    )


async def submit(data: ContributionIn) -> Submitted:
    """Store one contribution (or return the one this token already made)."""
    screened = [
        (answer, screen(answer.text, data.language) if answer.text else None) for answer in data.answers
    ]
    results = [result for _, result in screened if result is not None]
    level = _overall(results)
    reasons = [reason for result in results for reason in result.reasons]
    attempts_left = RECEIPT_ATTEMPTS
    while True:
        code = receipts.generate()
        try:
            contribution = await _store(data, screened, level, reasons, code)
        except IntegrityError:
            earlier = await _existing(data.submission_token)
            if earlier is not None:
                return _earlier(earlier)
            attempts_left -= 1
            if not attempts_left or not await Contribution.exists(receipt_code=code):
                raise
            continue
        return Submitted(contribution, created=True, level=level, reasons=reasons)


async def _store(
    data: ContributionIn,
    screened: list[tuple[AnswerIn, ScreeningResult | None]],
    level: ScreeningLevel,
    reasons: list[str],
    receipt_code: str,
) -> Contribution:
    async with in_transaction():
        contribution = await Contribution.create(
            kind=data.kind,
            source=data.source,
            receipt_code=receipt_code,
            submission_token=data.submission_token,
            language=data.language,
            age_band=data.age_band,
            area=data.area,
            respondent=data.respondent,
            consent=data.consent,
            consultation_id=data.consultation_id,
            event_id=data.event_id,
            entered_by_id=data.entered_by_id,
            submitted_at=data.submitted_at,
            received_at=data.arrived_at,
            screening_level=level,
            screening_reasons=reasons,
            screening_rank=SCREENING_RANK[level],
        )
        originals = await _store_answers(contribution, screened)
        if data.contact_method and data.contact_value:
            await ContactDetail.create(
                contribution=contribution,
                method=data.contact_method,
                value=data.contact_value,
                consent_given_at=data.submitted_at,
            )
        if level is not ScreeningLevel.NONE:
            case = await SafeguardingCase.create(
                contribution=contribution,
                level=level.value,
                original_text="\n\n".join(originals),
                reasons=reasons,
                opened_at=data.arrived_at,
            )
            await record(
                "case.opened",
                object_type="safeguarding_case",
                object_id=case.id,
                after={"level": level.value},
                at=data.arrived_at,
            )
        await record(
            "contribution.received",
            object_type="contribution",
            object_id=contribution.id,
            after={"kind": data.kind.value, "source": data.source.value, "screening": level.value},
            actor_id=data.entered_by_id,
        )
    return contribution


def detail_named(kind: str) -> str:
    """A personal detail's kind in words, with "a" or "an": "an address", "an NHS number"."""
    words = PLACEHOLDERS.get(kind, kind.replace("_", " ")).strip("[]")
    article = "an" if words[:1].lower() in ("a", "e", "i", "o", "u") or words.startswith("NHS") else "a"
    return f"{article} {words}"


async def _store_answers(
    contribution: Contribution, screened: list[tuple[AnswerIn, ScreeningResult | None]]
) -> list[str]:
    originals: list[str] = []
    for answer, result in screened:
        stored = await Answer.create(
            contribution=contribution,
            question_id=answer.question_id,
            text=answer.text,
            redacted_text=result.redacted if result else (answer.text or ""),
            choices=list(answer.choices),
        )
        if result is None:
            continue
        originals.append(answer.text or "")
        for span in result.pii:
            await Redaction.create(
                answer=stored,
                start=span.start,
                end=span.end,
                kind=span.kind,
                reason=f"Screening found {detail_named(span.kind)}",
                source=RedactionSource.SCREENING,
            )
    return originals
