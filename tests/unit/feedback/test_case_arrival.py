"""Intake opens a case when Voice received the words, even when they were said earlier."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from starlette.applications import Starlette

from tests.support.contributions import URGENT_TEXT
from voice.audit.models import AuditEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.moderation.models import SafeguardingCase

SAID = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _words(submitted_at: datetime, received_at: datetime | None = None) -> ContributionIn:
    return ContributionIn(
        answers=(AnswerIn(question_id=None, text=URGENT_TEXT),),
        submitted_at=submitted_at,
        received_at=received_at,
    )


def test_arrival_is_when_received_and_never_before_it_was_said() -> None:
    assert _words(submitted_at=SAID).arrived_at == SAID
    assert _words(submitted_at=SAID, received_at=RECEIVED).arrived_at == RECEIVED
    assert _words(submitted_at=RECEIVED, received_at=SAID).arrived_at == RECEIVED


async def test_the_case_arrives_when_the_words_were_received(app: Starlette) -> None:
    done = await submit(_words(submitted_at=SAID, received_at=RECEIVED))
    assert done.contribution.submitted_at == SAID
    case = await SafeguardingCase.get(contribution_id=done.contribution.id)
    assert case.opened_at == RECEIVED
    opened = await AuditEvent.get(action="case.opened", object_id=str(case.id))
    assert opened.at == RECEIVED


async def test_without_received_at_the_case_arrives_when_sent(app: Starlette) -> None:
    done = await submit(_words(submitted_at=RECEIVED - timedelta(minutes=5)))
    case = await SafeguardingCase.get(contribution_id=done.contribution.id)
    assert case.opened_at == RECEIVED - timedelta(minutes=5)
