"""Every journey form has the retry message and htmx, not only free-text questions.

Without it a choice question or "Do you want to hear back?" sent on a weak signal ended on the
browser's own offline page. Without JavaScript the forms post as before.
"""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import answer_all, make_consultation, post, token_on
from tests.http.feedback.test_retry import RETRY_EN, retry_region
from voice.feedback.models import JourneyDraft

EXPIRED = "We could not save that. Press Continue again."


async def test_choice_questions_and_hear_back_carry_the_retry_message(client: httpx.AsyncClient) -> None:
    await make_consultation()
    for position in (2, 3, 4):  # rating, multiple choice, age
        page = (await client.get(f"/c/parks/q/{position}")).text
        region = retry_region(page)
        assert f'data-retry-message="{RETRY_EN}"' in region and f'data-expired-message="{EXPIRED}"' in region
        assert f'hx-post="/c/parks/q/{position}"' in page and 'hx-disabled-elt="find button"' in page
    await answer_all(client)
    hear_back = (await client.get("/c/parks/hear-back")).text
    assert f'data-retry-message="{RETRY_EN}"' in retry_region(hear_back)
    assert 'hx-post="/c/parks/hear-back" hx-target="#hear-back-page"' in hear_back
    check = (await client.get("/c/parks/check")).text
    assert 'data-expired-message="We could not send that. Press Send again."' in retry_region(check)


async def test_with_htmx_a_choice_error_is_a_fragment_and_an_answer_moves_on(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    # A first answer, so the draft exists (an answer to a later question with none is "lost").
    first = await post(client, "/c/parks/q/1", {"answer": "Lights"})
    assert first.headers["location"] == "/c/parks/q/2"
    token = await token_on(client, "/c/parks/q/2")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    error = await client.post("/c/parks/q/2", data={}, headers=headers)
    assert error.status_code == 400 and error.text.lstrip().startswith(
        '<div id="question-page" lang="en" dir="ltr">'
    )
    assert "Choose an answer" in error.text
    moved = await client.post("/c/parks/q/2", data={"answer": "3"}, headers=headers)
    assert moved.headers["hx-redirect"] == "/c/parks/q/3"


async def test_with_htmx_hear_back_errors_in_place_and_moves_on(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    token = await token_on(client, "/c/parks/hear-back")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    error = await client.post(
        "/c/parks/hear-back", data={"hear_back": "yes", "contact": "x"}, headers=headers
    )
    assert error.status_code == 400 and error.text.lstrip().startswith(
        '<div id="hear-back-page" lang="en" dir="ltr">'
    )
    assert 'value="x"' in error.text
    moved = await client.post("/c/parks/hear-back", data={"hear_back": "no"}, headers=headers)
    assert moved.status_code == 200 and moved.headers["hx-redirect"] == "/c/parks/check"


async def test_with_htmx_lost_answers_on_hear_back_move_the_whole_page(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    token = await token_on(client, "/c/parks/hear-back")
    await JourneyDraft.all().delete()
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    lost = await client.post("/c/parks/hear-back", data={"hear_back": "no"}, headers=headers)
    assert lost.headers["hx-redirect"] == "/c/parks?lost=1"


async def test_without_javascript_nothing_changes(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    error = await post(client, "/c/parks/hear-back", {"hear_back": "yes", "contact": "x"})
    assert error.status_code == 400 and error.text.lstrip().lower().startswith("<!doctype")
    moved = await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    assert moved.status_code == 303 and moved.headers["location"] == "/c/parks/check"
