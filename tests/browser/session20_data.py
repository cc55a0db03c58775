"""Data for the twentieth session's browser tests, made in the live server's database through
the app's own models:

- ``item``: a contribution waiting in the moderation queue, to tick for a bulk action;
- ``consultation``: a consultation offered only in Urdu, to add a choice question to (its
  options still need words in English, and the form shows the boxes for them).

Run as ``python -m tests.browser.session20_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Audience, Consultation


async def _make() -> dict[str, object]:
    words = (AnswerIn(question_id=None, text="The youth club should open on Saturdays too"),)
    item = (await submit(ContributionIn(answers=words, submitted_at=datetime.now(UTC)))).contribution
    later = datetime.now(UTC) + timedelta(days=30)
    consultation = await Consultation.create(
        slug="session20-urdu-only",
        title={"en": "Feeling safe at the mosque club", "ur": "مسجد کلب میں محفوظ محسوس کرنا"},
        intro={"ur": "ہمیں بتائیں"},
        audience=Audience.BOTH,
        opens_at=later,
        closes_at=later + timedelta(days=30),
        languages=["ur"],
    )
    return {"item": item.id, "consultation": consultation.id}


if __name__ == "__main__":
    run(_make)
