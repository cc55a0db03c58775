"""A case's verbatim words carry their own language and direction."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import sign_in
from tests.support.pages import parse
from tests.unit.cases.factory import START, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.moderation.models import SafeguardingCase

URDU = "میرے سوتیلے والد مجھے مارتے ہیں"


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(START)
    app.state.clock = fixed
    return fixed


@pytest.mark.parametrize("language", ["ur", "ar", "en"])
async def test_the_original_words_carry_lang_and_dir(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser], language: str
) -> None:
    contribution = await make_contribution(URDU, language=language)
    case = await SafeguardingCase.create(
        contribution=contribution, level="urgent", original_text=URDU, reasons=["r"], opened_at=START
    )
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    page = parse((await client.get(f"/staff/cases/{case.id}")).text)
    [words] = [element for element in page.iter("div") if element.get("class") == "case-original"]
    assert "".join(words.itertext()) == URDU
    assert (words.get("lang"), words.get("dir")) == (language, "auto")
