"""Data for the page states the fifteenth session added, made in the live server's database
through the app's own services: a contribution read and not shared (rejected), a takeover event
with no comments and one with a comment.

Run as ``python -m tests.browser.session15_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.browser.data_script import run
from voice.accounts.models import StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import ContributionKind, RejectionReason, Source
from voice.moderation import services as moderation


async def make() -> dict[str, int | str]:
    now = datetime.now(UTC)
    moderator = await StaffUser.get(email="moderator@voice.test")
    sent = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="The youth club should have a pool table"),),
            submitted_at=now,
        )
    )
    rejected = sent.contribution
    await moderation.reject(rejected, by=moderator, now=now, reason=RejectionReason.DUPLICATE, note="")
    empty = await TakeoverEvent.create(title="Added by mistake", held_on=date(2026, 11, 1))
    heard = await TakeoverEvent.create(title="Board takeover with comments", held_on=date(2026, 11, 2))
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="More youth workers please"),),
            submitted_at=now,
            kind=ContributionKind.TAKEOVER,
            source=Source.EVENT,
            event_id=heard.id,
        )
    )
    return {"rejected_code": rejected.receipt_code, "empty_event": empty.id, "heard_event": heard.id}


if __name__ == "__main__":
    run(make)
