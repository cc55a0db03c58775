"""Data for the twentieth session's browser tests, made in the live server's database through
the app's own models:

- ``item`` and ``event``: a contribution waiting in the moderation queue, to tick for a bulk
  action, said at a takeover event of its own (so the queue filtered by that event shows it
  on its first page, whatever other tests left in the queue);
- ``consultation``: a consultation offered only in Urdu, to add a choice question to (its
  options still need words in English, and the form shows the boxes for them).

Run as ``python -m tests.browser.session20_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Audience, Consultation, ContributionKind, Source


async def _make() -> dict[str, object]:
    now = datetime.now(UTC)
    event = await TakeoverEvent.create(title="Session twenty takeover", held_on=now.date())
    words = (AnswerIn(question_id=None, text="The youth club should open on Saturdays too"),)
    said = ContributionIn(
        answers=words,
        submitted_at=now,
        kind=ContributionKind.TAKEOVER,
        source=Source.EVENT,
        event_id=event.id,
    )
    item = (await submit(said)).contribution
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
    return {"item": item.id, "event": event.id, "consultation": consultation.id}


if __name__ == "__main__":
    run(_make)
