"""Data for the sixteenth session's browser tests, made in the live server's database through
the app's own models: two open consultations of two free-text questions each (one per
viewport), whose first question a test deletes while a visitor is answering it.

Run as ``python -m tests.browser.session16_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.feedback.models import Consultation, Question, QuestionKind


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
    return made


if __name__ == "__main__":
    run(make)
