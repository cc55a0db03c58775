"""An optional answer of only invisible characters is not an answer: the check page shows
nothing for it and Send leaves it out."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.applications import Starlette

from voice.feedback.journey import answer_key, answer_summary, nothing_to_send, to_contribution
from voice.feedback.models import Consultation, JourneyDraft, Question, QuestionKind


async def test_an_invisible_optional_answer_is_not_sent(app: Starlette) -> None:
    consultation = await Consultation.create(slug="blank", title={"en": "Blank"})
    question = await Question.create(
        consultation=consultation, position=1, kind=QuestionKind.FREE_TEXT, required=False, prompt={"en": "Q"}
    )
    draft = await JourneyDraft.create(
        token_hash="x" * 64,
        consultation=consultation,
        answers={answer_key(question): {"text": "\u200b\u3164"}},
    )
    assert answer_summary(question, {"text": "\u200b\u3164"}, "en") == ""
    assert nothing_to_send([question], draft)
    sent = to_contribution(consultation, [question], draft, "en", datetime.now(UTC))
    assert sent.answers == ()
