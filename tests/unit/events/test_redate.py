"""A takeover event's new date moves its comments: never to after Voice received them, with
the queue tally exact; and migration 0007 fills in when existing comments were received."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.applications import Starlette
from tortoise import connections

from tests.support.contributions import make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.services import record
from voice.events.models import TakeoverEvent
from voice.events.services import EventIn, Invalid, check_event, first_added_on, redate_comments, update_event
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import SCREENING_RANK, Contribution, ContributionKind, ScreeningLevel, Source
from voice.moderation import tally

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _event_in(held_on: date) -> EventIn:
    return EventIn("Board takeover", held_on, "", "", "", None)


def test_an_event_is_never_after_its_comments_were_added() -> None:
    today = date(2026, 11, 23)
    latest = (date(2026, 11, 20), "when its comments were added")
    assert check_event(_event_in(date(2026, 11, 20)), today, latest=latest).held_on
    assert check_event(_event_in(date(2026, 11, 23)), today).held_on  # no comments: today will do
    with pytest.raises(Invalid) as refused:
        check_event(_event_in(date(2026, 11, 21)), today, latest=latest)
    assert refused.value.problems == [
        (
            "held_on",
            "The date it was held must be on or before 20 November 2026, when its comments were added",
        )
    ]


async def _comment(event: TakeoverEvent, said: datetime, received: datetime | None) -> Contribution:
    done = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=f"Said at {said:%H:%M}"),),
            submitted_at=said,
            received_at=received,
            kind=ContributionKind.TAKEOVER,
            source=Source.EVENT,
            event_id=event.id,
        )
    )
    return done.contribution


async def test_intake_keeps_when_the_words_were_received(app: Starlette) -> None:
    event = await TakeoverEvent.create(title="Takeover", held_on=date(2026, 11, 12))
    said = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    typed_up = await _comment(event, said, NOW)
    sent = await make_contribution()
    assert (typed_up.submitted_at, typed_up.received_at) == (said, NOW)
    assert sent.received_at == sent.submitted_at
    assert await first_added_on(event.id) == date(2026, 11, 23)
    # 23:30 UTC on 9 June is 00:30 on 10 June in the UK (BST): the day is the UK's.
    summer = await TakeoverEvent.create(title="Summer takeover", held_on=date(2026, 6, 9))
    await _comment(summer, datetime(2026, 6, 9, 11, 0, tzinfo=UTC), datetime(2026, 6, 9, 23, 30, tzinfo=UTC))
    await _comment(summer, datetime(2026, 6, 9, 11, 0, tzinfo=UTC), datetime(2026, 6, 12, 9, 0, tzinfo=UTC))
    assert await first_added_on(summer.id) == date(2026, 6, 10)
    assert await first_added_on(summer.id + 1) is None


async def test_comments_move_to_the_new_day_never_after_they_arrived(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    event = await TakeoverEvent.create(title="Takeover", held_on=date(2026, 11, 12))
    midday = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    early = await _comment(event, midday, datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    late = await _comment(event, midday, datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    other = await make_contribution("Not from the event")
    unknown = await _bare("OLDS-0001", midday, event.id)
    assert unknown.received_at is None

    # The event was on the day they were typed up: said by 09:30, not at midday, for the first.
    assert await redate_comments(event.id, date(2026, 11, 20), NOW) == 3
    dates = {c.id: c.submitted_at for c in await Contribution.all()}
    assert dates[early.id] == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert dates[late.id] == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert dates[unknown.id] == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # as if added now
    assert dates[other.id] == other.submitted_at
    assert await tally.stored() == await tally.recount()

    # Back in summer (BST): midday in the UK is 11:00 UTC, in the reporting year before.
    await update_event(event, _event_in(date(2026, 3, 30)), staff[Role.ADMIN], NOW)
    moved = {c.submitted_at for c in await Contribution.filter(event_id=event.id)}
    assert moved == {datetime(2026, 3, 30, 11, 0, tzinfo=UTC)}
    assert await tally.stored() == await tally.recount()
    assert await tally.count_rows(statuses=None, event=event.id, date_from=date(2026, 11, 1)) == {}

    # A comment without a known receipt time, on an event held today before midday: now.
    await redate_comments(event.id, date(2026, 11, 23), NOW)
    assert (await Contribution.get(id=unknown.id)).submitted_at == NOW


async def _bare(
    code: str, said: datetime, event_id: int | None, kind: ContributionKind = ContributionKind.TAKEOVER
) -> Contribution:
    """A contribution written without intake (as before migration 0007): no receipt time."""
    return await Contribution.create(
        kind=kind,
        source=Source.EVENT,
        receipt_code=code,
        event_id=event_id,
        submitted_at=said,
        screening_level=ScreeningLevel.NONE,
        screening_rank=SCREENING_RANK[ScreeningLevel.NONE],
    )


async def test_the_migration_fills_in_when_comments_were_received(app: Starlette) -> None:
    event = await TakeoverEvent.create(title="Takeover", held_on=date(2026, 11, 12))
    said = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    typed_up = await _bare("MIGR-0001", said, event.id)
    twice = await _bare("MIGR-0002", said, event.id)
    unlogged = await _bare("MIGR-0003", said, event.id)
    odd = await _bare("MIGR-0004", said, event.id)
    sent = await _bare("MIGR-0005", said, None, ContributionKind.FEEDBACK)
    logged = {
        typed_up.id: [NOW],
        twice.id: [NOW + timedelta(hours=1), NOW],  # the first time intake logged it counts
        odd.id: [said - timedelta(days=1)],  # never before it was said
        sent.id: [NOW],  # not a takeover comment: received when it was sent
    }
    for ident, moments in logged.items():
        for moment in moments:
            await record("contribution.received", object_type="contribution", object_id=ident, at=moment)
    await record("contribution.viewed", object_type="contribution", object_id=unlogged.id, at=NOW)

    migration = importlib.import_module("voice.migrations.0007_received_at")
    await connections.get("default").execute_script(migration.BACKFILL)

    received = {c.id: c.received_at for c in await Contribution.all()}
    assert received == {typed_up.id: NOW, twice.id: NOW, unlogged.id: said, odd.id: said, sent.id: said}
    assert await tally.stored() == await tally.recount()
