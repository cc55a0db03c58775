"""A first visit that begins at a later question (a link to it was shared) is not told its
answers expired: the answer is saved and the start page says so."""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import make_consultation, post
from tests.support.http import csrf_token
from voice.feedback.models import JourneyDraft

SAVED = "We saved your answer. If you answered any questions before it, we could not keep them."
LOST = "We could not keep your answers."


async def test_a_first_answer_to_a_later_question_is_saved_not_lost(client: httpx.AsyncClient) -> None:
    await make_consultation()
    assert "voice_journey" not in client.cookies
    response = await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    assert response.status_code == 303 and response.headers["location"] == "/c/parks?later=1"
    start = await client.get(response.headers["location"])
    assert SAVED in start.text and "Start now to answer the other questions." in start.text
    assert LOST not in start.text
    # The answer is in the new draft, and shows at its question.
    assert await JourneyDraft.all().count() == 1
    assert 'value="roundhay" checked' in (await client.get("/c/parks/q/3")).text
    # The start page on its own says nothing of either.
    plain = (await client.get("/c/parks")).text
    assert SAVED not in plain and LOST not in plain


async def test_with_htmx_the_whole_page_goes_to_the_start(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await csrf_token(client, "/c/parks/q/3")
    response = await client.post(
        "/c/parks/q/3", data={"csrf_token": token, "answer": "roundhay"}, headers={"HX-Request": "true"}
    )
    assert response.headers["hx-redirect"] == "/c/parks?later=1"


async def test_expired_answers_still_say_they_were_lost(client: httpx.AsyncClient) -> None:
    """With the journey's cookie but no draft, the answers before did expire."""
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await JourneyDraft.all().delete()
    response = await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    assert response.headers["location"] == "/c/parks?lost=1"
    start = (await client.get(response.headers["location"])).text
    assert LOST in start and SAVED not in start


async def test_lost_wins_over_later_in_a_typed_address(client: httpx.AsyncClient) -> None:
    await make_consultation()
    page = (await client.get("/c/parks?lost=1&later=1")).text
    assert LOST in page and SAVED not in page


async def test_the_notice_is_in_the_visitors_language(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    page = await client.get("/c/parks?later=1", headers={"Accept-Language": "ur"})
    assert "ہم نے آپ کا جواب محفوظ کر لیا۔" in page.text and SAVED not in page.text


async def test_a_cookie_kept_for_another_consultation_is_not_lost_answers(client: httpx.AsyncClient) -> None:
    """The journey cookie is shared: answers in progress elsewhere do not mean these expired."""
    await make_consultation()
    await make_consultation(slug="buses", title={"en": "Buses"})
    await post(client, "/c/buses/q/1", {"answer": "More buses"})
    response = await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    assert response.headers["location"] == "/c/parks?later=1"
    assert await JourneyDraft.all().count() == 2
    assert "More buses" in (await client.get("/c/buses/q/1")).text
