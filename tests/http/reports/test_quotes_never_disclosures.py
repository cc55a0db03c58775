"""The child-friendly report never quotes words that have, or ever had, a safeguarding case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.cases import services as cases
from voice.clock import FixedClock
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, Respondent, ScreeningLevel, Source
from voice.moderation import services as moderation
from voice.moderation.models import CaseStatus, SafeguardingCase

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # reporting year 2026 to 2027
STREET_LIGHTS = "Street lights near the park are broken and it feels scary walking home in winter"
YOUTH_CLUB = "The youth club is the best thing in our area"


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(NOW)
    app.state.clock = fixed
    return fixed


async def _words(text: str) -> Contribution:
    """Words screening finds nothing in, that the contributor agreed to have quoted."""
    made = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=text),),
            submitted_at=NOW - timedelta(days=3),
            source=Source.ONLINE,
            consent=Consent.QUOTE_ANONYMOUSLY,
            respondent=Respondent.YOUNG_PERSON,
        )
    )
    assert made.level is ScreeningLevel.NONE
    return made.contribution


async def _approve_quotable(contribution: Contribution, by: StaffUser) -> None:
    await moderation.approve(contribution, by=by, now=NOW, counted=True, quotable=True)


async def _quotes(client: httpx.AsyncClient) -> str:
    response = await client.get("/report")
    assert response.status_code == 200
    return text_of(response)


async def test_a_case_raised_by_hand_is_never_quoted(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    """The reviewer's steps: raise an urgent case by hand, then approve the words as quotable."""
    moderator = staff[Role.MODERATOR]
    worrying = await _words(STREET_LIGHTS)
    await _approve_quotable(await _words(YOUTH_CLUB), moderator)
    await sign_in(client, moderator)
    raised = await client.post(
        "/staff/cases/raise",
        data={
            "csrf_token": await csrf_token(client, f"/staff/moderation/{worrying.id}"),
            "contribution_id": str(worrying.id),
            "level": "urgent",
            "note": "Says they are scared walking home; someone may be following them",
        },
    )
    assert raised.status_code == 303
    await _approve_quotable(await Contribution.get(id=worrying.id), moderator)
    await client.post("/staff/sign-out", data={"csrf_token": await csrf_token(client, "/staff")})
    shown = await _quotes(client)
    assert "In your own words" in shown and YOUTH_CLUB in shown
    assert STREET_LIGHTS not in shown


async def test_a_case_that_closed_still_keeps_the_words_out(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    """Also a case raised before hand-raised cases changed the screening level (its
    contribution still says none found), closed since."""
    moderator = staff[Role.MODERATOR]
    worrying = await _words(STREET_LIGHTS)
    await _approve_quotable(await _words(YOUTH_CLUB), moderator)
    await _approve_quotable(worrying, moderator)
    await SafeguardingCase.create(
        contribution=worrying,
        level="concern",
        original_text=STREET_LIGHTS,
        reasons=["Raised by hand: scared"],
        opened_at=NOW - timedelta(days=2),
        raised_by=moderator,
        status=CaseStatus.CLOSED,
    )
    assert (await Contribution.get(id=worrying.id)).screening_level is ScreeningLevel.NONE
    shown = await _quotes(client)
    assert YOUTH_CLUB in shown and STREET_LIGHTS not in shown


async def test_words_that_had_a_case_stay_out_after_the_case_is_deleted(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    """Retention deletes a closed case's record; the raised screening level remembers it."""
    moderator = staff[Role.MODERATOR]
    worrying = await _words(STREET_LIGHTS)
    await _approve_quotable(await _words(YOUTH_CLUB), moderator)
    case = await cases.raise_case(worrying.id, by=moderator, note="Scared", now=NOW)
    await _approve_quotable(await Contribution.get(id=worrying.id), moderator)
    await case.delete()
    shown = await _quotes(client)
    assert YOUTH_CLUB in shown and STREET_LIGHTS not in shown
