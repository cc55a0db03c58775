"""A consultation can close while someone is answering it (at midnight, or by staff).

What they typed comes back on "This is not open right now", so it can be copied and sent
with "Tell us anything", with JavaScript off and on (htmx would otherwise put an empty part
of the page back, and the words would vanish).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from tests.http.feedback.test_journey import answer_all, make_consultation, post, send_form, token_on
from tests.support.http import csrf_token
from tests.support.pages import parse
from voice.feedback.models import Consultation

EARLIER = "Lights by the gate"
TYPED = "A man follows me home from the bus stop"


async def close_it() -> None:
    await Consultation.filter(slug="parks").update(closes_at=datetime.now(UTC) - timedelta(minutes=1))


def kept_words(html: str) -> list[str]:
    return ["".join(div.itertext()) for div in parse(html).iter("div") if div.get("class") == "kept-words"]


async def test_continue_after_it_closed_shows_what_was_typed(client: httpx.AsyncClient) -> None:
    await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": EARLIER})).status_code == 303
    token = await token_on(client, "/c/parks/q/1")
    await close_it()
    response = await client.post("/c/parks/q/1", data={"csrf_token": token, "answer": TYPED})
    assert response.status_code == 200 and "This is not open right now" in response.text
    assert kept_words(response.text) == [EARLIER, TYPED]
    assert 'href="/tell-us"' in response.text


async def test_with_htmx_the_whole_page_moves_to_the_closed_start_page(client: httpx.AsyncClient) -> None:
    """Not a part of the page: the header's language buttons and the Back link belong to the
    question's form, which is gone (a tester found them dead after a swap into <main>)."""
    await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": EARLIER})).status_code == 303
    token = await token_on(client, "/c/parks/q/2")
    await close_it()
    response = await client.post(
        "/c/parks/q/1", data={"answer": TYPED}, headers={"HX-Request": "true", "X-CSRF-Token": token}
    )
    assert response.status_code == 200 and response.headers["hx-redirect"] == "/c/parks"
    page = await client.get("/c/parks")
    assert "This is not open right now" in page.text and kept_words(page.text) == [EARLIER, TYPED]
    assert "back-link" not in page.text and 'form="answer-form"' not in page.text


async def test_with_htmx_a_new_visitor_keeps_the_words_too(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    await close_it()
    response = await client.post(
        "/c/parks/q/1", data={"answer": TYPED}, headers={"HX-Request": "true", "X-CSRF-Token": token}
    )
    assert response.headers["hx-redirect"] == "/c/parks"
    assert kept_words((await client.get("/c/parks")).text) == [TYPED]


async def test_send_after_it_closed_shows_every_answer_typed(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client, text=TYPED)
    form = await send_form(client)
    await close_it()
    response = await client.post("/c/parks/send", data=form)
    assert "This is not open right now" in response.text and kept_words(response.text) == [TYPED]


async def test_changing_language_after_it_closed_keeps_the_words(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    await close_it()
    response = await client.post(
        "/c/parks/q/1/language", data={"csrf_token": token, "lang": "ur", "answer": TYPED}
    )
    assert response.status_code == 303 and "voice_lang=ur" in response.headers.get("set-cookie", "")
    page = await client.get(response.headers["location"])
    assert '<html lang="ur" dir="rtl">' in page.text and kept_words(page.text) == [TYPED]


async def test_nothing_typed_shows_no_empty_box(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    await close_it()
    response = await client.post("/c/parks/q/2", data={"csrf_token": token, "answer": "2"})
    assert "This is not open right now" in response.text and kept_words(response.text) == []
    assert "What you wrote" not in response.text


async def test_every_page_of_the_journey_shows_the_words_kept_so_far(client: httpx.AsyncClient) -> None:
    """A reload or a later Continue after it closed: the words in the draft come back too."""
    await make_consultation()
    await answer_all(client, text=TYPED)
    await close_it()
    for path in ("/c/parks/q/1", "/c/parks/q/2", "/c/parks/hear-back", "/c/parks/check"):
        page = await client.get(path)
        assert "This is not open right now" in page.text and kept_words(page.text) == [TYPED], path
    token = await csrf_token(client)  # a form's token from any page (the closed pages have none)
    after = await client.post("/c/parks/hear-back", data={"csrf_token": token, "hear_back": "no"})
    assert kept_words(after.text) == [TYPED]
