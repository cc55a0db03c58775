"""Correcting a takeover event's date moves its comments with it: the moderation queue's date
filter, the queue's counts (the tally), the figures and the child-friendly report follow the
new date. A safeguarding case from a comment keeps its arrival and its time limit."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.support.contributions import URGENT_TEXT
from tests.support.http import CSRF_RE, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services as cases
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution
from voice.moderation import services as moderation
from voice.moderation import tally
from voice.moderation.models import SafeguardingCase
from voice.priorities.models import Priority, PriorityLink
from voice.priorities.services import ActionIn, add_action
from voice.reports.figures import figures_for
from voice.reports.services import child_report
from voice.settings import Settings

#: Comments typed up on 10 April 2026 at 11:00 in the UK (BST): reporting year 2026.
ADDED = datetime(2026, 4, 10, 10, 0, tzinfo=UTC)
#: The date first typed (wrong) and the real one, before 1 April: reporting year 2025.
WRONG_DAY = date(2026, 4, 2)
REAL_DAY = date(2026, 3, 28)  # still GMT (summer time starts on 29 March 2026)
BATCH_RE = re.compile(r'name="batch_key" value="([^"]+)"')


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(ADDED)
    app.state.clock = fixed
    return fixed


async def _fields(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    page = await client.get(path)
    fields = {}
    for name, pattern in (("csrf_token", CSRF_RE), ("batch_key", BATCH_RE)):
        found = pattern.search(page.text)
        if found:
            fields[name] = found.group(1)
    return fields


async def _event_with_comments(client: httpx.AsyncClient, held_on: date) -> TakeoverEvent:
    event = await TakeoverEvent.create(title="Youth Council takes over the board", held_on=held_on)
    path = f"/staff/events/{event.id}"
    sent = await client.post(
        f"{path}/comments",
        data={
            **await _fields(client, path),
            "comments": f"Buses are too dear\nMore youth clubs\n{URGENT_TEXT}",
            "language": "en",
            "consent": "quote_anonymously",
        },
    )
    assert sent.status_code == 303 and "added=3" in sent.headers["location"]
    return event


async def _change_date(client: httpx.AsyncClient, event: TakeoverEvent, held_on: str) -> httpx.Response:
    path = f"/staff/events/{event.id}/edit"
    return await client.post(
        path,
        data={
            **await _fields(client, path),
            "title": event.title,
            "held_on": held_on,
            "participants": "12",
            "venue": "Civic Hall",
            "summary": "They chaired it.",
        },
    )


def _results(response: httpx.Response) -> str:
    found = re.search(r'id="results-heading"[^>]*>([^<]*)<', response.text)
    assert found is not None
    return " ".join(found.group(1).split())


async def test_comments_move_with_the_event_date(
    client: httpx.AsyncClient, clock: FixedClock, settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    await sign_in(client, moderator)
    event = await _event_with_comments(client, WRONG_DAY)
    comments = await Contribution.filter(event_id=event.id).order_by("id")
    await moderation.start_review(comments[0], by=moderator, now=ADDED)
    await moderation.approve(comments[0], by=moderator, now=ADDED, counted=True, quotable=True)
    case = await SafeguardingCase.get()
    due = cases.due_at(case, settings)
    queue = f"/staff/moderation?event={event.id}&status=all"
    assert _results(await client.get(f"{queue}&from=2026-04-01&to=2026-04-30")) == "3 all"
    assert (await figures_for(2026)).total == 3 and (await child_report(2026, REAL_DAY)).voices == 1

    saved = await _change_date(client, event, REAL_DAY.isoformat())
    assert saved.status_code == 303

    # Said at midday on the real day (GMT), as if they had been added with the right date.
    moved = await Contribution.filter(event_id=event.id).order_by("id")
    assert {c.submitted_at for c in moved} == {datetime(2026, 3, 28, 12, 0, tzinfo=UTC)}
    # The queue's date filter and its counts follow.
    assert _results(await client.get(f"{queue}&from=2026-03-28&to=2026-03-28")) == "3 all"
    assert _results(await client.get(f"{queue}&from=2026-04-01&to=2026-04-30")) == "0 all"
    assert await tally.stored() == await tally.recount()
    march = await tally.count_rows(
        statuses=None, event=event.id, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)
    )
    april = await tally.count_rows(
        statuses=None, event=event.id, date_from=date(2026, 4, 1), date_to=date(2026, 4, 30)
    )
    assert sum(march.values()) == 3 and sum(april.values()) == 0
    # The figures and the report count them in the event's reporting year, with the event.
    last_year, this_year = await figures_for(2025), await figures_for(2026)
    assert (last_year.total, last_year.counted, last_year.events) == (3, 1, 1)
    assert (this_year.total, this_year.counted, this_year.events) == (0, 0, 0)
    assert (await child_report(2025, REAL_DAY)).voices == 1
    assert (await child_report(2026, REAL_DAY)).voices == 0
    analyst_view = await client.get("/staff/figures?year=2025")
    assert "Contributions received3" in text_of(analyst_view)

    # The safeguarding case still arrived when the words reached Voice: its time limit is unchanged.
    again = await SafeguardingCase.get(id=case.id)
    assert again.opened_at == ADDED and cases.due_at(again, settings) == due
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "on 28 March 2026" in shown and "Arrived 10 April 2026, 11:00 BST" in shown

    # One audit entry for the event and one for its comments, both with the dates.
    updated = await AuditEvent.get(action="event.updated")
    assert updated.before is not None and updated.after is not None
    assert (updated.before["held_on"], updated.after["held_on"]) == ("2026-04-02", "2026-03-28")
    redated = await AuditEvent.get(action="event.comments_redated")
    assert redated.object_type == "takeover_event" and redated.object_id == str(event.id)
    assert redated.actor_id == moderator.id
    assert redated.before == {"held_on": "2026-04-02"}
    assert redated.after == {"held_on": "2026-03-28", "comments": 3}


async def test_other_changes_leave_the_comments_alone(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    event = await _event_with_comments(client, REAL_DAY)
    assert (await _change_date(client, event, REAL_DAY.isoformat())).status_code == 303
    assert await AuditEvent.filter(action="event.comments_redated").count() == 0
    assert await AuditEvent.filter(action="event.updated").count() == 1


async def test_a_comment_is_never_said_after_it_was_added(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    event = await _event_with_comments(client, WRONG_DAY)  # added at 11:00 BST on 10 April
    clock.advance(timedelta(hours=5))
    # The event was that same day: the comments were said by 11:00, when they were added, not at midday.
    assert (await _change_date(client, event, "2026-04-10")).status_code == 303
    moved = await Contribution.filter(event_id=event.id)
    assert {c.submitted_at for c in moved} == {ADDED}
    assert await tally.stored() == await tally.recount()

    # A day after they were added is refused: they cannot have been said after Voice had them.
    clock.advance(timedelta(days=5))
    refused = await _change_date(client, event, "2026-04-12")
    assert refused.status_code == 400
    assert title(refused) == "Error: Change Youth Council takes over the board – Voice"
    assert summary_links(refused) == [
        (
            "#held_on",
            "The date it was held must be on or before 10 April 2026, when its comments were added",
        )
    ]
    assert value_of(refused, "held_on") == "2026-04-12" and value_of(refused, "venue") == "Civic Hall"
    assert value_of(refused, "summary") == "They chaired it."
    assert (await TakeoverEvent.get(id=event.id)).held_on == date(2026, 4, 10)
    assert {c.submitted_at for c in await Contribution.filter(event_id=event.id)} == {ADDED}


async def test_not_after_a_change_its_comments_led_to(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    await sign_in(client, moderator)
    event = await _event_with_comments(client, WRONG_DAY)  # said on 2 April, added on 10 April
    comment = await Contribution.filter(event_id=event.id).order_by("id").first()
    assert comment is not None
    await moderation.approve(comment, by=moderator, now=ADDED, counted=True, quotable=False)
    priority = await Priority.create(reporting_year=2026, position=1, title="Buses", owning_agency="Council")
    await PriorityLink.create(priority=priority, contribution=comment)
    await add_action(
        priority,
        ActionIn("Buses", "Cheaper fares", "", date(2026, 4, 5), (comment.id,), ()),
        moderator,
        date(2026, 4, 10),
    )
    # Held on 8 April, its words would come after the change they led to, on 5 April.
    refused = await _change_date(client, event, "2026-04-08")
    assert summary_links(refused) == [
        (
            "#held_on",
            "The date it was held must be on or before 5 April 2026, "
            "when a change it led to happened (You said, we did)",
        )
    ]
    assert (await Contribution.get(id=comment.id)).submitted_at == datetime(2026, 4, 2, 11, 0, tzinfo=UTC)
    assert (await _change_date(client, event, "2026-04-05")).status_code == 303
