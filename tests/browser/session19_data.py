"""Data for the nineteenth session's browser tests, made in the live server's database through
the app's own models, in the reporting years 2021 and 2022 (no other browser test uses them):

- ``hidden_year``: 2021, whose one change rests only on words since withdrawn, so the report
  for young people says it cannot show the year's changes and the board's figures do not
  count it;
- ``copied_year`` and ``priority``: a 2022 priority with a change whose "You said" copies,
  word for word, approved words whose author did not agree to be quoted (as a change recorded
  before the form refused that could), so the report leaves that "You said" out and the
  priority's page says why.

Run as ``python -m tests.browser.session19_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.browser.data_script import run
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, Status
from voice.priorities.models import InfluenceAction, Priority, PriorityLink

HIDDEN_YEAR = 2021
COPIED_YEAR = 2022
PRIVATE = "There is nowhere safe to wait for the bus after dark"
COPIED = "There is nowhere safe to wait for the bus"


async def _said(text: str, year: int, consent: Consent, status: Status) -> Contribution:
    words = (AnswerIn(question_id=None, text=text),)
    sent = datetime(year, 6, 1, 12, 0, tzinfo=UTC)
    made = (await submit(ContributionIn(answers=words, submitted_at=sent, consent=consent))).contribution
    await Contribution.filter(id=made.id).update(status=status)
    return made


async def _priority(year: int, title: str) -> Priority:
    return await Priority.create(
        reporting_year=year,
        position=1,
        title=title,
        child_friendly_title="Getting home safely",
        owning_agency="Leeds City Council",
    )


async def _change(priority: Priority, you_said: str, evidence: Contribution) -> None:
    action = await InfluenceAction.create(
        priority=priority,
        reporting_year=priority.reporting_year,
        you_said=you_said,
        we_did="<p>New lights at the bus stops on Roundhay Road.</p>",
        agency="Leeds City Council",
        happened_on=date(priority.reporting_year, 9, 1),
    )
    await action.contributions.add(evidence)


async def make() -> dict[str, int]:
    hidden = await _priority(HIDDEN_YEAR, "Safer journeys home")
    withdrawn = await _said(
        "The buses never come on time", HIDDEN_YEAR, Consent.QUOTE_ANONYMOUSLY, Status.WITHDRAWN
    )
    await _change(hidden, "Buses are late", withdrawn)

    copied = await _priority(COPIED_YEAR, "Safer bus stops")
    private = await _said(PRIVATE, COPIED_YEAR, Consent.NOT_QUOTABLE, Status.APPROVED)
    await PriorityLink.create(priority=copied, contribution=private)
    await _change(copied, COPIED, private)
    return {"hidden_year": HIDDEN_YEAR, "copied_year": COPIED_YEAR, "priority": copied.id}


if __name__ == "__main__":
    run(make)
