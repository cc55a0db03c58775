"""Changing language on a question or hear-back page keeps what was typed but not sent.

The languages there are submit buttons of the page's form (form= and formaction=): the words
are kept in the draft unchecked (they are not an answer yet: Check and Send never see them),
and the same page comes back in the new language with them, and with its error if it was
showing one. Everywhere else the languages stay plain links.
"""

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
from voice.feedback.journey import COOKIE
from voice.feedback.models import Contribution, JourneyDraft, Question

URDU_BUTTON = re.compile(
    r'<button type="submit" form="(?P<form>[a-z-]+)" formaction="(?P<action>[^"]+)" formnovalidate'
    r' name="lang" value="ur" class="button-link" lang="ur" dir="rtl">اردو</button>'
)
TOO_LONG = "x" * 70


def urdu_button(html: str) -> re.Match[str]:
    found = URDU_BUTTON.search(html)
    assert found, "the Urdu choice is not a button of the page's form"
    return found


async def switch(client: httpx.AsyncClient, page: str, data: dict[str, object]) -> httpx.Response:
    """Press the Urdu button on ``page`` with ``data`` in its form, as a browser would."""
    html = (await client.get(page)).text
    button = urdu_button(html)
    assert f'id="{button["form"]}"' in html
    token = await token_on(client, page)
    return await client.post(
        button["action"].replace("&amp;", "&"), data={"csrf_token": token, "lang": "ur", **data}
    )


async def test_typed_text_survives_a_change_of_language(client: httpx.AsyncClient) -> None:
    await make_consultation()
    page = (await client.get("/c/parks/q/1")).text
    assert 'formaction="/c/parks/q/1/language"' in page and 'id="answer-form"' in page
    assert '<span aria-current="true" lang="en" dir="ltr">English</span>' in page
    switched = await switch(client, "/c/parks/q/1", {"answer": "Half of a long story"})
    assert switched.status_code == 303 and switched.headers["location"] == "/c/parks/q/1"
    assert client.cookies.get(COOKIE)
    again = await client.get("/c/parks/q/1")
    assert '<html lang="ur" dir="rtl">' in again.text
    assert ">Half of a long story</textarea>" in again.text
    assert "data-error-summary" not in again.text  # not an error: it was never sent
    # It is not an answer yet: Check sends the visitor back to this question.
    assert (await client.get("/c/parks/check")).headers["location"] == "/c/parks/q/1?missing=1&change=1"


async def test_a_rejected_answer_keeps_its_text_and_its_error(client: httpx.AsyncClient) -> None:
    await make_consultation()
    rejected = await post(client, "/c/parks/q/1", {"answer": TOO_LONG})
    assert rejected.status_code == 400 and 'name="had_error" value="1"' in rejected.text
    token = await token_on(client, "/c/parks/q/1")
    switched = await client.post(
        "/c/parks/q/1/language",
        data={"csrf_token": token, "lang": "pl", "answer": TOO_LONG, "had_error": "1"},
    )
    assert switched.headers["location"] == "/c/parks/q/1"
    again = await client.get("/c/parks/q/1")
    assert '<html lang="pl"' in again.text and f">{TOO_LONG}</textarea>" in again.text
    assert "data-error-summary" in again.text and 'aria-invalid="true"' in again.text
    assert "70" in again.text  # "... It has 70 now", in Polish
    # Continue with a shorter answer: the kept words go, the answer is saved.
    saved = await post(client, "/c/parks/q/1", {"answer": "Lights"})
    assert saved.headers["location"] == "/c/parks/q/2"
    draft, first = await JourneyDraft.get(), await Question.get(position=1)
    assert draft.answers == {f"q{first.id}": {"text": "Lights"}}


async def test_ticked_boxes_and_change_mode_survive(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    switched = await switch(client, "/c/parks/q/3?change=1", {"answer": ["potternewton"]})
    assert switched.headers["location"] == "/c/parks/q/3?change=1"
    again = (await client.get("/c/parks/q/3?change=1")).text
    assert 'value="potternewton" checked' in again and 'value="roundhay" checked' not in again
    # Still unsent: the saved answer is the one Check shows and Send sends.
    assert await kept_answer(3) == {"choices": ["roundhay", "potternewton"]}


async def test_hear_back_keeps_the_contact_and_its_error(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    switched = await switch(
        client, "/c/parks/hear-back", {"hear_back": "yes", "contact": "sam@", "had_error": "1"}
    )
    assert switched.headers["location"] == "/c/parks/hear-back"
    again = (await client.get("/c/parks/hear-back")).text
    assert '<html lang="ur"' in again and 'value="sam@"' in again
    assert 'id="hear-back-yes" name="hear_back" type="radio" value="yes" checked' in again
    assert 'href="#contact"' in again  # the error again
    # Check still has the hear-back answer that was sent (No), and Send works.
    await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    sent = await send_from_check(client)
    assert sent.status_code == 200 and await Contribution.all().count() == 1


async def test_the_first_switch_starts_a_draft(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/2")
    switched = await client.post(
        "/c/parks/q/2/language", data={"csrf_token": token, "lang": "ar", "answer": "3"}
    )
    assert switched.status_code == 303 and await JourneyDraft.all().count() == 1
    again = (await client.get("/c/parks/q/2")).text
    assert '<html lang="ar" dir="rtl">' in again and 'value="3" checked' in again


async def test_a_switch_needs_a_valid_token_and_keeps_the_text_anyway(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await client.get("/c/parks/q/1")  # the browser keeps the page's cookie; the token is old
    refused = await client.post(
        "/c/parks/q/1/language", data={"csrf_token": "old", "lang": "ur", "answer": "Hi"}
    )
    assert refused.status_code == 403 and ">Hi</textarea>" in refused.text
    assert await JourneyDraft.all().count() == 0
    # The message is about the language button that was pressed, not about Continue.
    assert "<li>We could not change the language. Choose your language again.</li>" in refused.text
    assert "<li>We could not save that. Press Continue again.</li>" not in refused.text


async def test_a_refused_switch_on_the_hear_back_page_says_choose_the_language_again(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await answer_all(client)
    client.cookies.delete("voice_csrf")
    data = {"csrf_token": "old", "lang": "pl", "hear_back": "yes", "contact": "sam@example.org"}
    refused = await client.post("/c/parks/hear-back/language", data=data)
    assert refused.status_code == 403 and 'value="sam@example.org"' in refused.text
    assert "<li>We could not change the language. Choose your language again.</li>" in refused.text
    assert "<li>We could not save that. Press Continue again.</li>" not in refused.text


async def test_other_pages_keep_plain_links(client: httpx.AsyncClient) -> None:
    await make_consultation()
    for page in ("/", "/c/parks", "/help"):
        html = (await client.get(page)).text
        assert 'href="/language?lang=ur&amp;next=' in html and 'name="lang"' not in html, page
    await answer_all(client)
    check = (await client.get("/c/parks/check")).text
    assert 'href="/language?lang=ur&amp;next=' in check and "formaction=" not in check


async def test_with_htmx_a_switch_moves_the_whole_page(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    switched = await client.post(
        "/c/parks/q/1/language",
        data={"lang": "ur", "answer": "Hello"},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert switched.headers["hx-redirect"] == "/c/parks/q/1"
    assert "voice_lang=ur" in switched.headers["set-cookie"]


async def test_typed_text_survives_answering_another_page_before_coming_back(
    client: httpx.AsyncClient,
) -> None:
    """Words kept through a change of language stay until their own page is answered."""
    await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": "Lights"})).status_code == 303
    assert (await post(client, "/c/parks/q/2", {"answer": "2"})).status_code == 303
    await switch(client, "/c/parks/q/1", {"answer": "Half of a long story"})
    # Back to question 2 and Continue there: question 1's unsent words are still kept.
    assert (await post(client, "/c/parks/q/2", {"answer": "3"})).status_code == 303
    again = await client.get("/c/parks/q/1")
    assert ">Half of a long story</textarea>" in again.text
    assert await kept_answer(1) == {"text": "Lights"}  # not saved until Continue on its page
    # Continue on question 1 itself saves the words, and the kept copy goes.
    assert (await post(client, "/c/parks/q/1", {"answer": "Half of a long story"})).status_code == 303
    assert await kept_answer(1) == {"text": "Half of a long story"}
    assert "unsent" not in (await JourneyDraft.get()).answers


async def test_typed_text_survives_answering_hear_back_before_coming_back(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    await switch(client, "/c/parks/q/1", {"answer": "Half of a long story"})
    assert (await post(client, "/c/parks/hear-back", {"hear_back": "no"})).status_code == 303
    again = await client.get("/c/parks/q/1")
    assert ">Half of a long story</textarea>" in again.text


async def test_a_refused_answer_comes_back_after_a_reload(client: httpx.AsyncClient) -> None:
    """A phone may drop the tab, or the visitor reloads: the answer that was too long, with its
    error, is still there to shorten."""
    await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": "Lights"})).status_code == 303
    too_long = "The lights by the pond are broken and it is very dark at night time"
    refused = await post(client, "/c/parks/q/1", {"answer": too_long})
    assert refused.status_code == 400
    again = await client.get("/c/parks/q/1")
    assert f">{too_long}</textarea>" in again.text and "It has 67 now" in again.text
    assert await kept_answer(1) == {"text": "Lights"}  # the saved answer is unchanged
    assert (await post(client, "/c/parks/q/1", {"answer": "Lights please"})).status_code == 303
    assert ">Lights please</textarea>" in (await client.get("/c/parks/q/1")).text


async def test_a_refused_contact_comes_back_after_a_reload(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    refused = await post(client, "/c/parks/hear-back", {"hear_back": "yes", "contact": "kid@examplecom"})
    assert refused.status_code == 400
    again = (await client.get("/c/parks/hear-back")).text
    assert 'value="kid@examplecom"' in again and 'value="yes" checked' in again
    assert "Enter an email address like name@example.org" in again
