"""Data for the twenty-first session's browser tests, made in the live server's database through
the app's own models:

- ``code``: the receipt code of approved words that a recorded change rests on, so ``/track``
  shows what changed ("We did") under the steps;
- ``we_did``: the words of that change;
- ``event``: a takeover event, to edit in two tabs;
- ``phone_event`` and ``desktop_event``: takeover events with no comments, one per viewport, to
  delete in one tab while comments are typed in another;
- ``late_case``: a case acknowledged four days ago with no decision, for the staff home page.

Run as ``python -m tests.browser.session21_data`` with the live server's environment; it prints
them as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Contribution, Status
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.priorities.models import InfluenceAction, Priority

WE_DID = "The youth club now opens on Saturday afternoons."


async def _make() -> dict[str, object]:
    now = datetime.now(UTC)
    words = (AnswerIn(question_id=None, text="Please open the youth club at weekends"),)
    made = (await submit(ContributionIn(answers=words, submitted_at=now))).contribution
    await Contribution.filter(id=made.id).update(status=Status.APPROVED)
    priority = await Priority.create(
        reporting_year=now.year if now.month > 3 else now.year - 1,
        title="Places to go",
        child_friendly_title="Places to go and things to do",
        owning_agency="Leeds City Council",
    )
    change = await InfluenceAction.create(
        priority=priority,
        reporting_year=priority.reporting_year,
        you_said="We want the youth club open more",
        we_did=WE_DID,
        happened_on=now.date(),
    )
    await change.contributions.add(made)
    event = await TakeoverEvent.create(title="Session twenty-one takeover", held_on=now.date())
    spare = {
        f"{viewport}_event": (
            await TakeoverEvent.create(title=f"To delete ({viewport})", held_on=now.date())
        ).id
        for viewport in ("phone", "desktop")
    }
    long_ago = now - timedelta(days=4)
    words = (AnswerIn(question_id=None, text="Session twenty-one: the park needs lights"),)
    late = (await submit(ContributionIn(answers=words, submitted_at=long_ago))).contribution
    case = await SafeguardingCase.create(
        contribution=late,
        level="concern",
        original_text="Session twenty-one: the park needs lights",
        reasons=["raised for a browser test"],
        opened_at=long_ago,
        status=CaseStatus.ACKNOWLEDGED,
        acknowledged_at=long_ago,
    )
    return {"code": made.receipt_code, "we_did": WE_DID, "event": event.id, **spare, "late_case": case.id}


if __name__ == "__main__":
    run(_make)
