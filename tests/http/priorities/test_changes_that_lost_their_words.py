"""Changes whose "You said" or evidence can no longer be shown (nineteenth session).

- A change recorded before the form refused a "You said" that copies words not to be quoted
  (eighteenth session) is checked again wherever it is shown: the report leaves its "You said"
  out, and the priority's page says why.
- Analysts read the hint that "You said" is not shown only where it is not.
- The report for young people no longer says "We have not written this part yet" when
  changes were written but none can be shown; the board's figures no longer count them.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.http.priorities.test_change_dates import said
from tests.http.priorities.test_priorities import NOW, make_priority, moderator
from tests.http.priorities.test_you_said_words import PLAIN, WHEN, _quotable, _themed
from tests.http.reports.test_figures import table
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.feedback.models import Contribution
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py

COPIED = "there is nowhere safe to wait for the bus"
WE_DID = "New lights at the bus stops on Roundhay Road."
COPY_HINT = "it copies the words of someone who did not agree to be quoted"


async def _recorded(
    priority: Priority,
    you_said: str,
    contributions: list[Contribution],
    themes: list[Theme] | None = None,
    *,
    happened_on: date = date(2026, 11, 20),
) -> InfluenceAction:
    """A change as it was stored before the form checked its words (straight to the database)."""
    action = await InfluenceAction.create(
        priority=priority,
        reporting_year=2026,
        you_said=you_said,
        we_did=f"<p>{WE_DID}</p>",
        agency="Leeds City Council",
        happened_on=happened_on,
    )
    if contributions:
        await action.contributions.add(*contributions)
    if themes:
        await action.themes.add(*themes)
    return action


async def _report(client: httpx.AsyncClient) -> str:
    response = await client.get("/report")
    assert response.status_code == 200
    return text_of(response)


async def test_an_old_change_copying_words_not_to_be_quoted_loses_its_you_said(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    private = await said(PLAIN, WHEN, moderator)  # consent: not to be quoted
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=private)
    await _recorded(priority, f"Someone said {COPIED.upper()}!", [private])

    report = await _report(client)
    assert WE_DID in report  # what changed still shows
    assert "nowhere safe to wait" not in report.casefold()
    staff = text_of(await client.get(f"/staff/priorities/{priority.id}"))
    assert COPY_HINT in staff
    assert "remove this change and record it again in your own words" in staff


async def test_an_old_change_in_its_own_words_keeps_its_you_said(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    private = await said(PLAIN, WHEN, moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=private)
    await _recorded(priority, "Waiting for buses after dark feels unsafe", [private])
    assert "You said: Waiting for buses after dark feels unsafe" in await _report(client)
    assert COPY_HINT not in text_of(await client.get(f"/staff/priorities/{priority.id}"))


async def test_words_agreed_to_be_quoted_may_still_be_copied(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    agreed = await _quotable(PLAIN, moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=agreed)
    await _recorded(priority, COPIED, [agreed])
    assert f"You said: {COPIED}" in await _report(client)


async def test_words_not_to_be_quoted_in_a_theme_count_when_sent_before_the_change(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """As with possible disclosures: staff can only have copied words there when they wrote it."""
    agreed = await _quotable("The bus stop by the park is dark", moderator)
    theme = await _themed("Buses", moderator, agreed)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, theme=theme)
    action = await _recorded(priority, COPIED, [], [theme])
    later = await said(PLAIN, action.created_at + timedelta(minutes=5), moderator)
    await moderation.set_themes(later, [theme.id], by=moderator, now=NOW)
    assert f"You said: {COPIED}" in await _report(client)

    await InfluenceAction.filter(id=action.id).update(created_at=action.created_at + timedelta(hours=1))
    report = await _report(client)
    assert WE_DID in report and COPIED not in report
    assert COPY_HINT in text_of(await client.get(f"/staff/priorities/{priority.id}"))


async def test_analysts_see_no_hidden_you_said_hint_on_an_ordinary_change(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    """The page told analysts "'You said' ... is not shown here either" under every change,
    including those whose "You said" it showed just above."""
    agreed = await _quotable(PLAIN, moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=agreed)
    await _recorded(priority, "Bus stops are dark", [agreed])
    hidden = await _recorded(priority, COPIED, [await said(PLAIN, WHEN, moderator)])
    await sign_in(client, staff[Role.ANALYST])
    shown = text_of(await client.get(f"/staff/priorities/{priority.id}"))
    assert "You said: Bus stops are dark" in shown
    assert shown.count("so it is not shown here either") == 1  # the copied one only
    assert "A change (“You said” is not shown here)" in shown
    assert f"You said: {hidden.you_said}" not in shown


# --- the report and the figures when nothing can be shown -------------------------------


async def test_the_report_says_changes_are_being_checked_when_none_can_be_shown(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _quotable(PLAIN, moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    await _recorded(priority, "Bus stops are dark", [words])
    assert "You said: Bus stops are dark" in await _report(client)

    await moderation.withdraw(words, by=moderator, now=NOW, note="They asked us to")
    report = await _report(client)
    assert WE_DID not in report
    assert "We are checking what changed. We will add it here when we can." in report
    assert "We have not written this part yet." not in report

    app.state.clock = FixedClock(NOW.replace(year=2027, month=5))  # the year is over
    finished = text_of(await client.get("/report/2026"))
    assert "We cannot show the changes from this year." in finished
    assert "Nothing was written here for this year." not in finished


async def test_the_report_with_no_changes_at_all_still_says_not_written(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    await make_priority()
    report = await _report(client)
    assert "We have not written this part yet." in report
    assert "We are checking what changed" not in report


async def test_figures_do_not_count_a_change_resting_only_on_withdrawn_words(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    kept = await _quotable(PLAIN, moderator)
    gone = await _quotable("The buses never come on time in the morning", moderator)
    priority = await make_priority("Safer journeys")
    for item in (kept, gone):
        await PriorityLink.create(priority=priority, contribution=item)
    await _recorded(priority, "Bus stops are dark", [kept])
    await _recorded(priority, "Buses are late", [gone])
    await _recorded(priority, "Buses feel unsafe", [kept, gone])  # one of two left: still stands
    await moderation.withdraw(gone, by=moderator, now=NOW, note="They asked us to")

    await sign_in(client, staff[Role.ANALYST])
    response = await client.get("/staff/figures")
    shown = text_of(response)
    assert (
        'Changes recorded ("You said, we did")2 (1 more not counted: the report for young people '
        "cannot show them, as the words they rest on were withdrawn, rejected or put back in review "
        "since, or what changed repeats a hidden personal detail; each priority's page says which)"
    ) in shown
    assert table(response, "by-priority") == {"Safer journeys": "2"}
    rows = list(
        csv.reader(io.StringIO((await client.get("/staff/figures.csv?year=2026")).text.lstrip("\ufeff")))
    )
    assert ["You said, we did", "Changes recorded", "2"] in rows
    assert [
        "You said, we did",
        "Changes not counted: the report for young people cannot show them",
        "1",
    ] in rows
    assert ["Priority: changes recorded", "Safer journeys", "2"] in rows
