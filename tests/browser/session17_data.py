"""Data for the seventeenth session's browser tests, made in the live server's database through
the app's own models: a consultation that opens in 30 days.

Run as ``python -m tests.browser.session17_data`` with the live server's environment; it prints
the slug as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.feedback.models import Consultation, Question, QuestionKind


async def make() -> dict[str, int | str]:
    consultation = await Consultation.create(
        slug="opens-later",
        title={"en": "A plan not launched yet", "ur": "ایک منصوبہ"},
        opens_at=datetime.now(UTC) + timedelta(days=30),
    )
    await Question.create(
        consultation=consultation,
        position=1,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        max_length=500,
        prompt={"en": "What do you think?"},
    )
    return {"later": consultation.slug}


if __name__ == "__main__":
    run(make)
