"""Data for the page states the fifteenth session added, made in the live server's database
through the app's own services: a contribution read and not shared (rejected).

Run as ``python -m tests.browser.session15_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.browser.data_script import run
from voice.accounts.models import StaffUser
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import RejectionReason
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
    return {"rejected_code": rejected.receipt_code}


if __name__ == "__main__":
    run(make)
