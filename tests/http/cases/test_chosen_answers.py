"""Staff see what a young person chose in words, not stored codes.

A young person may say they do not feel safe only by choosing "Not safe". The safeguarding
lead must see that on the case, beside any typed words; moderators and the figures show the
options' words ("11 to 15", not "11_15").
"""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.http.feedback.test_journey import make_consultation
from tests.support.http import sign_in
from tests.unit.cases.factory import START
from voice.accounts.models import Role, StaffUser
from voice.cases.services import raise_case
from voice.clock import FixedClock
from voice.feedback.models import Answer, Area, Contribution, Question, QuestionKind, Respondent
from voice.moderation import services as moderation


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(START)
    app.state.clock = fixed
    return fixed


async def chose_not_safe() -> Contribution:
    """A contribution to "parks" that answered only the rating ("Not safe") and the age band."""
    consultation = await make_consultation()
    contribution = await Contribution.create(
        receipt_code="TCHOSEN1",
        submitted_at=START,
        consultation=consultation,
        age_band="11_15",
        area="chapeltown",
        respondent=Respondent.YOUNG_PERSON,
    )
    await Area.create(code="chapeltown", name="Chapeltown and Harehills")
    rating = await Question.get(consultation=consultation, kind=QuestionKind.RATING)
    await Answer.create(contribution=contribution, question=rating, choices=["1"])
    return contribution


async def test_the_lead_sees_what_was_chosen_on_a_case_with_no_typed_words(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    contribution = await chose_not_safe()
    case = await raise_case(
        contribution.id, by=staff[Role.MODERATOR], note="Chose not safe", now=START, level="urgent"
    )
    assert case.original_text == ""  # only typed words are copied
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "No original words were kept with this case" not in shown
    assert "What they chose, and said about themselves" in shown
    assert "How safe do you feel in parks? Not safe" in shown
    assert "Age 11 to 15" in shown and "Who answered A young person" in shown
    assert "Area Chapeltown and Harehills" in shown  # the area's name, not its code
    assert "11_15" not in shown


async def test_moderators_see_choices_and_age_bands_in_words(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    contribution = await chose_not_safe()
    await sign_in(client, staff[Role.MODERATOR])
    shown = text_of(await client.get(f"/staff/moderation/{contribution.id}"))
    assert "How safe do you feel in parks? Not safe" in shown
    assert "11 to 15 · Chapeltown and Harehills · A young person" in shown and "11_15" not in shown


async def test_the_figures_give_age_groups_in_words(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    contribution = await chose_not_safe()
    await moderation.approve(contribution, counted=True, quotable=False, by=staff[Role.MODERATOR], now=START)
    await sign_in(client, staff[Role.ANALYST])
    figures = await client.get("/staff/figures")
    assert "11 to 15" in text_of(figures) and "11_15" not in figures.text
    download = await client.get("/staff/figures.csv")
    assert "Age group,11 to 15,1" in download.text and "11_15" not in download.text
