"""Data for the sixteenth session's browser tests, made in the live server's database through
the app's own models: a case with no decision in time, and two open consultations of two
free-text questions each (one per viewport), whose first question a test deletes while a
visitor is answering it.

Run as ``python -m tests.browser.session16_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consultation, Question, QuestionKind
from voice.moderation.models import CaseStatus, SafeguardingCase


async def make() -> dict[str, int | str]:
    made: dict[str, int | str] = {}
    for name in ("phone", "desktop"):
        consultation = await Consultation.create(
            slug=f"changing-{name}",
            title={"en": "Questions that change"},
            opens_at=datetime.now(UTC) - timedelta(days=1),
        )
        for position, prompt in enumerate(("What would you change?", "What works well?"), start=1):
            question = await Question.create(
                consultation=consultation,
                position=position,
                kind=QuestionKind.FREE_TEXT,
                required=True,
                max_length=500,
                prompt={"en": prompt},
            )
            made[f"{name}_q{position}"] = question.id
    # A case acknowledged ten days ago with no decision: "Decision overdue".
    long_ago = datetime.now(UTC) - timedelta(days=10)
    sent = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="The park needs lights"),), submitted_at=long_ago
        )
    )
    case = await SafeguardingCase.create(
        contribution=sent.contribution,
        level="concern",
        original_text="The park needs lights",
        reasons=["raised for a browser test"],
        opened_at=long_ago,
        status=CaseStatus.ACKNOWLEDGED,
        acknowledged_at=long_ago,
    )
    made["late_case"] = case.id
    return made


if __name__ == "__main__":
    run(make)
