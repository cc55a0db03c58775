"""Data for the twenty-second session's browser tests, made in the live server's database
through the app's own models:

- ``phone_question`` and ``desktop_question``: a rating question with three options, one
  consultation each per viewport, to put its options in another order;
- ``phone_consultation`` and ``desktop_consultation``: those consultations, to edit their
  details in two tabs;
- ``phone_priority`` and ``desktop_priority``: priorities to edit in two tabs;
- ``phone_spare`` and ``desktop_spare``: consultations nobody answered, to delete.

Run as ``python -m tests.browser.session22_data`` with the live server's environment; it prints
them as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.feedback.models import Audience, Consultation, Question, QuestionKind
from voice.priorities.models import Priority


async def _make() -> dict[str, object]:
    now = datetime.now(UTC)
    made: dict[str, object] = {}
    for viewport in ("phone", "desktop"):
        consultation = await Consultation.create(
            slug=f"session-22-{viewport}",
            title={"en": f"Session twenty-two ({viewport})"},
            intro={"en": "Tell us about the park."},
            audience=Audience.YOUNG_PEOPLE,
            opens_at=now + timedelta(days=30),
            closes_at=now + timedelta(days=60),
            languages=["en", "ur"],
        )
        question = await Question.create(
            consultation=consultation,
            position=1,
            kind=QuestionKind.RATING,
            required=True,
            prompt={"en": "How safe do you feel in the park?"},
            options=[
                {"value": "not_safe", "label": {"en": "Not safe"}, "emoji": None},
                {"value": "very_safe", "label": {"en": "Very safe"}, "emoji": None},
                {"value": "a_bit_safe", "label": {"en": "A bit safe"}, "emoji": None},
            ],
        )
        priority = await Priority.create(
            reporting_year=now.year if now.month > 3 else now.year - 1,
            position=100,
            title=f"Session twenty-two priority ({viewport})",
            child_friendly_title="Safe parks",
            owning_agency="Leeds City Council",
        )
        made[f"{viewport}_consultation"] = consultation.id
        made[f"{viewport}_question"] = question.id
        made[f"{viewport}_priority"] = priority.id
        spare = await Consultation.create(
            slug=f"session-22-spare-{viewport}",
            title={"en": f"Made by mistake ({viewport})"},
            audience=Audience.YOUNG_PEOPLE,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=60),
            languages=["en"],
        )
        made[f"{viewport}_spare"] = spare.id
    return made


if __name__ == "__main__":
    run(_make)
