"""The journey after the public review: staff words marked with their own language, the
"languages offered" setting, lost answers explained, Back after Send, and /track's messages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from tests.http.feedback.test_journey import (
    RECEIPT_RE,
    answer_all,
    make_consultation,
    post,
    send_from_check,
)
from voice.feedback.journey import COOKIE
from voice.feedback.models import JourneyDraft, Question, QuestionKind
from voice.feedback.routes import TRACK_LIMIT

LOST = "We could not keep your answers."
LANGUAGE_NEXT_RE = re.compile(r'href="/language\?lang=ur&amp;next=([^"]*)"')


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# --- #7: staff words that fall back to English are marked lang="en" --------------------


async def test_start_page_marks_english_title_and_intro_in_urdu(client: httpx.AsyncClient) -> None:
    await make_consultation(slug="early", title={"en": "Getting help early"}, intro={"en": "Tell us."})
    page = await client.get("/c/early", headers={"Accept-Language": "ur"})
    assert '<title lang="en" dir="ltr">Getting help early – Voice</title>' in page.text
    assert '<h1 lang="en" dir="ltr">Getting help early</h1>' in page.text
    assert '<p class="lead written" lang="en" dir="ltr">Tell us.</p>' in page.text


async def test_start_page_in_its_own_language_marks_nothing(client: httpx.AsyncClient) -> None:
    await make_consultation()
    page = await client.get("/c/parks", headers={"Accept-Language": "ur"})
    assert "<title>پارکوں میں محفوظ محسوس کرنا – Voice</title>" in page.text
    assert "<h1>پارکوں میں محفوظ محسوس کرنا</h1>" in page.text
    assert '<p class="lead written" lang="en" dir="ltr">Tell us about parks near you.</p>' in page.text


async def test_question_heading_hint_and_options_marked_in_arabic(client: httpx.AsyncClient) -> None:
    consultation = await make_consultation()
    await Question.filter(consultation=consultation, position=2).update(hint={"en": "Pick one."})
    client.headers["Accept-Language"] = "ar"
    page = await client.get("/c/parks/q/2")
    assert '<title lang="en" dir="ltr">How safe do you feel in parks? – Voice</title>' in page.text
    assert (
        '<h1 class="label-heading"><span lang="en" dir="ltr">How safe do you feel in parks?</span></h1>'
        in (page.text)
    )
    assert '<p class="hint written" id="answer-hint" lang="en" dir="ltr">Pick one.</p>' in page.text
    assert '<label class="choice-label" for="answer-1" lang="en" dir="ltr">' in page.text
    # "(optional)" is the page's own words, outside the English part.
    optional = await client.get("/c/parks/q/3")
    assert '<span lang="en" dir="ltr">Which parks do you go to?</span> (' in optional.text


async def test_question_in_its_own_language_is_not_marked(client: httpx.AsyncClient) -> None:
    await make_consultation()
    page = await client.get("/c/parks/q/1", headers={"Accept-Language": "ur"})
    assert '<label for="answer">آپ کو کیا چیز محفوظ محسوس کراتی ہے؟</label>' in page.text
    assert "<title>آپ کو کیا چیز محفوظ محسوس کراتی ہے؟ – Voice</title>" in page.text


async def test_check_rows_mark_english_prompts(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/check", headers={"Accept-Language": "ur"})
    assert '<dt class="summary-key" lang="en" dir="ltr">How safe do you feel in parks?</dt>' in page.text
    assert '<dt class="summary-key">آپ کو کیا چیز محفوظ محسوس کراتی ہے؟</dt>' in page.text
    assert '<span lang="en" dir="ltr">How safe do you feel in parks?</span></span></a>' in page.text


async def test_closed_page_marks_an_english_title(client: httpx.AsyncClient) -> None:
    await make_consultation(
        slug="old", title={"en": "Old one"}, closes_at=datetime.now(UTC) - timedelta(days=1)
    )
    page = await client.get("/c/old", headers={"Accept-Language": "ur"})
    assert '<span lang="en" dir="ltr">Old one</span>' in page.text


# --- #8: "languages offered" ----------------------------------------------------------


async def test_journey_not_offered_in_the_language_says_which_it_is_in(client: httpx.AsyncClient) -> None:
    await make_consultation(languages=["en"])
    client.headers["Accept-Language"] = "pl"
    start = await client.get("/c/parks")
    assert start.status_code == 200 and "angielski" in main(start.text)
    question = await client.get("/c/parks/q/2")
    assert question.status_code == 200 and "angielski" in main(question.text)


async def test_journey_offered_in_the_language_has_no_note(client: httpx.AsyncClient) -> None:
    await make_consultation(languages=["en", "pl"])
    client.headers["Accept-Language"] = "pl"
    assert "angielski" not in main((await client.get("/c/parks")).text)
    assert "angielski" not in main((await client.get("/c/parks/q/2")).text)
    await make_consultation(slug="all", languages=[])  # made before languages were chosen
    assert "angielski" not in main((await client.get("/c/all")).text)


# --- #15: answers that expired are not replaced without a word -------------------------


async def test_answer_after_expired_draft_says_answers_were_lost(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await post(client, "/c/parks/q/2", {"answer": "2"})
    await JourneyDraft.all().update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    response = await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    assert response.status_code == 303 and response.headers["location"] == "/c/parks?lost=1"
    start = await client.get(response.headers["location"])
    assert LOST in start.text
    # What they had just answered is kept for when they get there again.
    assert 'value="roundhay" checked' in (await client.get("/c/parks/q/3")).text


async def test_words_sent_after_the_answers_expired_are_shown_on_the_notice(
    client: httpx.AsyncClient,
) -> None:
    """The words typed just before the answers ran out are kept, and the notice shows them."""
    await make_consultation()
    await Question.filter(position=2).update(kind=QuestionKind.FREE_TEXT, options=[])
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await JourneyDraft.all().update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    words = "The path by the pond has no lights and I walk it every night"
    response = await post(client, "/c/parks/q/2", {"answer": words})
    assert response.headers["location"] == "/c/parks?lost=1"
    start = (await client.get(response.headers["location"])).text
    assert LOST in start and "<h2>What you wrote</h2>" in start
    assert f'<div class="kept-words" dir="auto">{words}</div>' in start
    assert "We kept what you wrote just now. You will see it again at its question." in start
    assert words in (await client.get("/c/parks/q/2")).text
    # Without a draft (a first visit with ?lost=1 typed in) there is nothing to show.
    client.cookies.delete("voice_journey")
    assert "What you wrote" not in (await client.get("/c/parks?lost=1")).text


async def test_answer_with_htmx_after_expired_draft_goes_to_the_notice(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await JourneyDraft.all().update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    token = re.search(r'name="csrf_token" value="([^"]+)"', (await client.get("/c/parks/q/1")).text)
    assert token
    await Question.filter(position=2).update(kind=QuestionKind.FREE_TEXT, options=[])
    response = await client.post(
        "/c/parks/q/2", data={"csrf_token": token.group(1), "answer": "x"}, headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Redirect"] == "/c/parks?lost=1"


async def test_first_answer_needs_no_notice(client: httpx.AsyncClient) -> None:
    await make_consultation()
    response = await post(client, "/c/parks/q/1", {"answer": "Lights"})
    assert response.headers["location"] == "/c/parks/q/2"
    await make_consultation(slug="other")  # a second consultation with the same cookie
    assert client.cookies.get(COOKIE)
    assert (await post(client, "/c/other/q/1", {"answer": "Hi"})).headers["location"] == "/c/other/q/2"


async def test_check_says_why_it_sent_the_visitor_to_a_question(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    await JourneyDraft.all().update(answers={})
    check = await client.get("/c/parks/check")
    assert check.headers["location"] == "/c/parks/q/1?missing=1&change=1"
    page = await client.get(check.headers["location"])
    assert "Please answer this question before you send." in page.text
    assert "before you send" not in (await client.get("/c/parks/q/1")).text


# --- #16: Back to /check after Send -----------------------------------------------------


async def test_back_to_check_after_send_shows_the_receipt(client: httpx.AsyncClient) -> None:
    await make_consultation(slug="other")
    await post(client, "/c/other/q/1", {"answer": "Still writing"})  # keeps the journey cookie
    await make_consultation()
    await answer_all(client)
    sent = await send_from_check(client)
    code = RECEIPT_RE.search(sent.text)
    assert code and client.cookies.get(COOKIE)
    back = await client.get("/c/parks/check")
    assert back.status_code == 303 and back.headers["location"] == "/c/parks/sent"
    assert code.group(1) in (await client.get("/c/parks/sent")).text
    hear_back = await client.get("/c/parks/hear-back")
    assert hear_back.headers["location"] == "/c/parks/sent"
    # The other consultation's answers are untouched; a lost draft there still says so.
    assert (await client.get("/c/other/check")).headers["location"].startswith("/c/other/")


async def test_lost_answers_without_a_send_still_say_so(client: httpx.AsyncClient) -> None:
    await make_consultation(slug="other")
    await post(client, "/c/other/q/1", {"answer": "Still writing"})
    await make_consultation()
    check = await client.get("/c/parks/check")
    assert check.headers["location"] == "/c/parks?lost=1"


# --- #19 and #22: /track ----------------------------------------------------------------


async def test_track_empty_and_wrong_shape_have_their_own_messages(client: httpx.AsyncClient) -> None:
    empty = await client.get("/track", params={"code": "  "})
    assert empty.status_code == 400 and "Enter your receipt code, like K7QM-4XTP" in empty.text
    for wrong in ("GXBX-A9ZO", "abc", "K7QM-4XTP-9"):
        page = await client.get("/track", params={"code": wrong})
        assert page.status_code == 400, wrong
        assert "Your receipt code has 8 letters and numbers, like K7QM-4XTP." in page.text
        assert "It never has the letters O, I, L, U or V, or the numbers 0 or 1." in page.text
        assert "Enter your receipt code, like" not in page.text


async def test_wrong_shapes_do_not_use_up_guesses(client: httpx.AsyncClient) -> None:
    for _ in range(12):
        assert (await client.get("/track", params={"code": "abc"})).status_code == 400
    assert (await client.get("/track", params={"code": "K7QM-4XTP"})).status_code == 404


async def test_failed_track_language_links_do_not_look_the_code_up_again(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/track", params={"code": "K7QM-4XTP"})
    assert unknown.status_code == 404
    found = LANGUAGE_NEXT_RE.search(unknown.text)
    assert found and found.group(1) == "/track"
    wrong = await client.get("/track", params={"code": "abc"})
    found = LANGUAGE_NEXT_RE.search(wrong.text)
    assert found and found.group(1) == "/track"


async def test_too_many_tries_on_track_links_back_and_says_when(client: httpx.AsyncClient) -> None:
    for _ in range(TRACK_LIMIT[0]):
        assert (await client.get("/track", params={"code": "K7QM-4XTP"})).status_code == 404
    blocked = await client.get("/track", params={"code": "K7QM-4XTP"})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert "Please wait 10 minutes, then try again." in blocked.text
    assert '<a href="/track">' in main(blocked.text)
    found = LANGUAGE_NEXT_RE.search(blocked.text)
    assert found and found.group(1) == "/track"


# --- #23: the hear-back "No" hint -----------------------------------------------------


async def test_hear_back_no_hint_is_linked(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/hear-back")
    assert re.search(r'<input[^>]*id="hear-back-no"[^>]*aria-describedby="hear-back-no-hint"', page.text)
    assert '<p class="hint choice-hint" id="hear-back-no-hint">We will not keep anything about you.</p>' in (
        page.text
    )
