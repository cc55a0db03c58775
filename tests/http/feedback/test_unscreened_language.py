"""A text in a language screening cannot read is raised for a person to read, end to end."""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import answer_all, make_consultation, send_from_check
from voice.feedback.models import Contribution, Question
from voice.moderation.models import SafeguardingCase

SOMALI = "aabahay wuu i garaacaa markasta oo aan guriga imaado, waan baqayaa"


async def test_text_screening_cannot_read_opens_a_concern_and_offers_help(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await Question.filter(position=1).update(max_length=2000)
    await answer_all(client, text=SOMALI)
    response = await send_from_check(client)
    assert response.status_code == 200
    main = response.text.split("<footer")[0]
    assert "0800 1111" in main and "999" in main  # the calm extra help, as for a possible disclosure
    contribution = await Contribution.get()
    assert contribution.screening_level == "concern"
    assert any("screening cannot read it" in reason for reason in contribution.screening_reasons)
    case = await SafeguardingCase.get(contribution=contribution)
    assert case.level == "concern" and SOMALI in case.original_text


async def test_english_text_opens_no_case(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await Question.filter(position=1).update(max_length=2000)
    await answer_all(client, text="The park by the library is great but the lights are broken")
    response = await send_from_check(client)
    assert response.status_code == 200 and "0800 1111" not in response.text.split("<footer")[0]
    assert (await Contribution.get()).screening_level == "none"
    assert not await SafeguardingCase.exists()
