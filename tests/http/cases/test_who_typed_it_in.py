"""A case for words staff typed in (a lived-experience story, a takeover day's comments) says
who typed them in, with their email address, and where the takeover was held: the lead needs
the worker who knows who said them (found by an exploratory test, 2026-11-24)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import ContributionKind, Source
from voice.moderation.models import SafeguardingCase

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
WORDS = "My step dad hits me when mum is at work"


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(NOW)
    app.state.clock = fixed
    return fixed


async def case_page(client: httpx.AsyncClient, lead: StaffUser, contribution_id: int) -> str:
    case = await SafeguardingCase.get(contribution_id=contribution_id)
    await sign_in(client, lead)
    page = await client.get(f"/staff/cases/{case.id}")
    assert page.status_code == 200
    return text_of(page)


async def test_a_story_told_to_the_team_names_who_typed_it_in(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    sent = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=WORDS),),
            submitted_at=NOW,
            kind=ContributionKind.LIVED_EXPERIENCE,
            source=Source.STAFF,
            entered_by_id=moderator.id,
        )
    )
    shown = await case_page(client, staff[Role.SAFEGUARDING_LEAD], sent.contribution.id)
    assert f"Typed in by {moderator.display_name}, {moderator.email} (a lived-experience story" in shown
    assert f"They left no contact details. {moderator.display_name} typed these words in" in shown
    assert "This contribution is anonymous" not in shown


async def test_a_takeover_comment_says_where_and_who_typed_it_in(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    event = await TakeoverEvent.create(
        title="Board takeover", held_on=date(2026, 11, 2), venue="Civic Hall", host_agency="Council"
    )
    sent = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=WORDS),),
            submitted_at=NOW,
            kind=ContributionKind.TAKEOVER,
            source=Source.EVENT,
            event_id=event.id,
            entered_by_id=moderator.id,
        )
    )
    shown = await case_page(client, staff[Role.SAFEGUARDING_LEAD], sent.contribution.id)
    assert "At the takeover event “Board takeover” on" in shown
    assert ", at Civic Hall, hosted by Council" in shown
    assert f"Typed in by {moderator.display_name}, {moderator.email}" in shown
    assert "lived-experience story" not in shown


async def test_words_sent_online_say_nobody_typed_them_in(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    sent = await submit(ContributionIn(answers=(AnswerIn(question_id=None, text=WORDS),), submitted_at=NOW))
    shown = await case_page(client, staff[Role.SAFEGUARDING_LEAD], sent.contribution.id)
    assert "Typed in by" not in shown
    assert "This contribution is anonymous: the contributor left no contact details." in shown
