"""Found by an exploratory test of the public journey (2026-11-24): answers saved to the
question the page showed even when staff move questions meanwhile, Back after Send, and
Continue after "Please answer this question before you send"."""

from __future__ import annotations

import re

import httpx

from tests.http.feedback.test_journey import (
    answer_all,
    kept_answer,
    make_consultation,
    post,
    send_from_check,
    token_on,
)
from voice.accounts.models import Role, StaffUser
from voice.consultations.services import delete_question, move_question
from voice.feedback.journey import answer_key
from voice.feedback.models import Contribution, JourneyDraft, Question
from voice.feedback.routes import MAX_KEPT_REFUSED

QUESTION_FIELD_RE = re.compile(r'name="question" value="([0-9]+)"')


async def page_fields(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    """The hidden fields of a question page's form, as a browser holding that page sends them."""
    page = await client.get(path)
    assert page.status_code == 200
    shown = QUESTION_FIELD_RE.search(page.text)
    assert shown
    return {"csrf_token": await token_on(client, path), "question": shown.group(1)}


async def test_every_question_page_names_its_question(client: httpx.AsyncClient) -> None:
    consultation = await make_consultation()
    for position in (1, 2, 3, 4):
        question = await Question.get(consultation=consultation, position=position)
        page = await client.get(f"/c/parks/q/{position}")
        assert f'name="question" value="{question.id}"' in page.text


async def test_a_question_moved_down_while_typing_gets_the_words(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    fields = await page_fields(client, "/c/parks/q/1")  # the free text question, open on a phone
    free_text = await Question.get(consultation=consultation, position=1)
    assert await move_question(free_text, "down", staff[Role.ADMIN])  # now at place 2
    sent = await client.post("/c/parks/q/1", data={**fields, "answer": "My words about the youth club"})
    # Saved to the question the page showed, and on to the question after it, where it is now.
    assert sent.status_code == 303 and sent.headers["location"] == "/c/parks/q/3"
    assert await kept_answer(2) == {"text": "My words about the youth club"}
    assert await kept_answer(1) is None


async def test_a_choice_does_not_overwrite_the_question_moved_into_its_place(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    await answer_all(client, text="Lights and friends")
    fields = await page_fields(client, "/c/parks/q/2")  # the rating, open to change it
    rating = await Question.get(consultation=consultation, position=2)
    assert await move_question(rating, "up", staff[Role.ADMIN])  # the free text is now at 2
    changed = await client.post("/c/parks/q/2?change=1", data={**fields, "answer": "3"})
    assert changed.status_code == 303 and changed.headers["location"] == "/c/parks/check"
    assert await kept_answer(1) == {"choices": ["3"]}
    assert await kept_answer(2) == {"text": "Lights and friends"}
    check = await client.get("/c/parks/check")
    assert "Lights and friends" in check.text and "Very safe" in check.text


async def test_a_question_deleted_while_typing_shows_the_words_to_copy(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    fields = await page_fields(client, "/c/parks/q/1")
    free_text = await Question.get(consultation=consultation, position=1)
    await delete_question(free_text, staff[Role.ADMIN])
    sent = await client.post("/c/parks/q/1", data={**fields, "answer": "Words worth keeping"})
    assert sent.status_code == 409
    assert "The questions changed while you were answering" in sent.text and "<title>Error:" in sent.text
    assert '<div class="kept-words" dir="auto">Words worth keeping</div>' in sent.text
    # The page is now the question in that place (the rating), not answered.
    assert "How safe do you feel in parks?" in sent.text
    assert await Contribution.all().count() == 0


async def test_a_question_deleted_from_the_end_shows_the_last_question(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    fields = await page_fields(client, "/c/parks/q/4")
    last = await Question.get(consultation=consultation, position=4)
    await delete_question(last, staff[Role.ADMIN])
    sent = await client.post("/c/parks/q/4", data={**fields, "answer": "11_15"})
    assert sent.status_code == 409 and "Which parks do you go to?" in sent.text


async def test_a_page_without_the_question_field_still_answers_by_place(client: httpx.AsyncClient) -> None:
    """A page fetched before this change (or a hand-made form) has no question field."""
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    sent = await client.post("/c/parks/q/1", data={"csrf_token": token, "answer": "Lights"})
    assert sent.status_code == 303 and await kept_answer(1) == {"text": "Lights"}


async def test_a_question_field_that_is_not_a_number_answers_by_place(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    sent = await client.post("/c/parks/q/1", data={"csrf_token": token, "question": "¹2", "answer": "Hi"})
    assert sent.status_code == 303 and await kept_answer(1) == {"text": "Hi"}


async def test_back_after_send_shows_the_receipt_not_an_empty_question(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    sent = await send_from_check(client)
    assert sent.status_code == 200
    for position in (2, 3, 4):
        back = await client.get(f"/c/parks/q/{position}")
        assert back.status_code == 303 and back.headers["location"] == "/c/parks/sent"
    # The first question stays open, to answer again (a brother on the same phone, say).
    first = await client.get("/c/parks/q/1")
    assert first.status_code == 200 and "What makes you feel safe?" in first.text


async def test_after_please_answer_this_continue_goes_back_to_check(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    required = await Question.get(consultation__slug="parks", position=2)
    required.required = True
    await required.save()
    # The answer to question 2 is taken out, as if the draft had lost it.
    draft = await JourneyDraft.get()
    draft.answers.pop(answer_key(required))
    await draft.save()
    check = await client.get("/c/parks/check")
    assert check.headers["location"] == "/c/parks/q/2?missing=1&change=1"
    page = await client.get(check.headers["location"])
    assert "Please answer this question before you send." in page.text
    # Back goes to the question before (Check your answers would only come back here).
    assert '<a href="/c/parks/q/1" class="back-link">' in page.text
    assert 'action="/c/parks/q/2?change=1&amp;missing=1"' in page.text
    # A change of language comes back to the same page: notice and Back link (found by an
    # exploratory test, 2026-11-24: they were lost).
    token = await token_on(client, "/c/parks/q/2?missing=1&change=1")
    switched = await client.post(
        "/c/parks/q/2/language?change=1&missing=1", data={"csrf_token": token, "lang": "pl"}
    )
    assert switched.headers["location"] == "/c/parks/q/2?change=1&missing=1"
    again = await client.get(switched.headers["location"])
    assert '<a href="/c/parks/q/1" class="back-link">' in again.text and 'role="status"' in again.text
    await client.get("/language?lang=en&next=/")
    token = await token_on(client, "/c/parks/q/2?missing=1&change=1")
    answered = await client.post("/c/parks/q/2?change=1", data={"csrf_token": token, "answer": "1"})
    assert answered.headers["location"] == "/c/parks/check"
    assert (await client.get("/c/parks/check")).status_code == 200


async def test_a_reload_after_a_huge_paste_does_not_bring_back_an_older_refused_answer(
    client: httpx.AsyncClient,
) -> None:
    """The question allows 50 characters: a 60-character answer is refused and kept (a reload
    shows it, with its error); a paste far beyond any limit then is shown once, not kept, and
    the older refused words are not shown in its place."""
    await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": "Lights"})).status_code == 303
    too_long = "a" * 60
    refused = await post(client, "/c/parks/q/1", {"answer": too_long})
    assert refused.status_code == 400 and too_long in (await client.get("/c/parks/q/1")).text
    huge = "b" * (MAX_KEPT_REFUSED + 1)
    refused_again = await post(client, "/c/parks/q/1", {"answer": huge})
    assert refused_again.status_code == 400 and huge in refused_again.text
    reloaded = (await client.get("/c/parks/q/1")).text
    assert too_long not in reloaded and huge not in reloaded
    assert ">Lights</textarea>" in reloaded  # the answer given earlier is still there
