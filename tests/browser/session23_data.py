"""Data for the twenty-third session's browser tests, made in the live server's database through
the app's own models:

- ``code``: the receipt code of words sent a moment ago, to look up on ``/track``.

Run as ``python -m tests.browser.session23_data`` with the live server's environment; it prints
them as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.browser.data_script import run
from voice.feedback.intake import AnswerIn, ContributionIn, submit


async def _make() -> dict[str, object]:
    words = (AnswerIn(question_id=None, text="Session twenty-three: more buses after school"),)
    made = (await submit(ContributionIn(answers=words, submitted_at=datetime.now(UTC)))).contribution
    return {"code": made.receipt_code}


if __name__ == "__main__":
    run(_make)
