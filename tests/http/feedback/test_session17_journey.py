"""Public journey fixes found by an exploratory test (2026-11-24, seventeenth session)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.http.feedback.test_journey import make_consultation, post
from tests.support.pages import parse
from voice.feedback.models import Question


def _fieldset_described_by(html: str) -> list[str]:
    fieldset = parse(html).find(".//fieldset")
    assert fieldset is not None
    return fieldset.get("aria-describedby", "").split()


async def test_choose_all_that_apply_describes_the_question_with_or_without_a_hint(
    client: httpx.AsyncClient,
) -> None:
    """It was not tied to the fieldset, and staff's own hint replaced it."""
    await make_consultation()
    page = (await client.get("/c/parks/q/3")).text
    assert '<p class="hint" id="answer-all">Choose all that apply.</p>' in page
    assert _fieldset_described_by(page) == ["answer-all"]
    await Question.filter(position=3).update(hint={"en": "Think about the last month."})
    page = (await client.get("/c/parks/q/3")).text
    assert "Choose all that apply." in page and "Think about the last month." in page
    assert _fieldset_described_by(page) == ["answer-hint", "answer-all"]
    await Question.filter(position=3).update(required=True)
    refused = await post(client, "/c/parks/q/3", {})
    assert refused.status_code == 400
    assert _fieldset_described_by(refused.text) == ["answer-hint", "answer-all", "answer-error"]
    single = (await client.get("/c/parks/q/2")).text  # one answer only: no such hint
    assert "Choose all that apply." not in single and _fieldset_described_by(single) == []


def _title(html: str) -> str:
    found = re.search(r"<title[^>]*>", html)
    assert found
    return found.group(0)


async def test_a_title_with_words_in_the_page_language_is_not_marked_as_the_question_language(
    client: httpx.AsyncClient,
) -> None:
    """An Arabic page with an English question: "(optional)" and "Error:" are Arabic, and a title
    cannot hold a span, so it keeps the page's language."""
    await make_consultation()
    client.cookies.set("voice_lang", "ar")
    assert _title((await client.get("/c/parks/q/2")).text) == '<title lang="en" dir="ltr">'  # all English
    assert _title((await client.get("/c/parks/q/3")).text) == "<title>"  # "(optional)" in Arabic
    refused = await post(client, "/c/parks/q/2", {"answer": ""})
    assert refused.status_code == 400 and _title(refused.text) == "<title>"  # "Error:" in Arabic


async def _check_row(client: httpx.AsyncClient, prompt: str) -> str:
    html = (await client.get("/c/parks/check")).text
    return html.split(prompt, 1)[1].split('<dd class="summary-value">', 1)[1].split("</dd>", 1)[0]


async def test_prefer_not_to_say_is_an_answer_not_a_skip(client: httpx.AsyncClient) -> None:
    """It showed as "Not answered", and Change ticked it whether it was chosen or skipped."""
    await make_consultation()
    await Question.filter(position=4).update(required=False)
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await post(client, "/c/parks/q/2", {"answer": "2"})
    await post(client, "/c/parks/q/4", {"answer": ""})  # the "Prefer not to say" radio
    await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    assert await _check_row(client, "How old are you?") == '<span dir="auto">Prefer not to say</span>'
    again = (await client.get("/c/parks/q/4?change=1")).text
    assert 'id="answer-none" name="answer" type="radio" value="" checked' in again
    await post(client, "/c/parks/q/4?change=1", {})  # nothing chosen at all: skipped
    assert await _check_row(client, "How old are you?") == "Not answered"
    again = (await client.get("/c/parks/q/4?change=1")).text
    assert 'id="answer-none" name="answer" type="radio" value="">' in again


async def test_prefer_not_to_say_is_in_the_pages_language(client: httpx.AsyncClient) -> None:
    """It was printed as the English words on every page (eighteenth session)."""
    await make_consultation()
    await Question.filter(position=4).update(required=False)
    client.cookies.set("voice_lang", "ur")
    await post(client, "/c/parks/q/1", {"answer": "روشنی"})
    await post(client, "/c/parks/q/2", {"answer": "2"})
    await post(client, "/c/parks/q/4", {"answer": ""})
    await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    assert await _check_row(client, "How old are you?") == '<span dir="auto">میں نہیں بتانا چاہتا</span>'
    # An answer typed as those words is the visitor's own, never translated.
    await post(client, "/c/parks/q/1?change=1", {"answer": "Prefer not to say"})
    own_words = await _check_row(client, "آپ کو کیا چیز محفوظ محسوس کراتی ہے؟")
    assert own_words == '<span dir="auto">Prefer not to say</span>'


async def test_options_in_another_language_are_marked_on_check_your_answers(
    client: httpx.AsyncClient,
) -> None:
    """Staff wrote the options in English only: on an Urdu page each keeps its own language."""
    await make_consultation()
    client.cookies.set("voice_lang", "ur")
    await post(client, "/c/parks/q/1", {"answer": "روشنی"})
    await post(client, "/c/parks/q/2", {"answer": "2"})
    await post(client, "/c/parks/q/3", {"answer": ["roundhay", "potternewton"]})
    await post(client, "/c/parks/q/4", {"answer": "11_15"})
    await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    row = await _check_row(client, "Which parks do you go to?")
    assert row == '<span lang="en" dir="ltr">Roundhay</span>, <span lang="en" dir="ltr">Potternewton</span>'


async def test_a_consultation_not_open_yet_says_when_and_keeps_its_title_unsaid(
    client: httpx.AsyncClient,
) -> None:
    """It showed its full title, as staff had not launched it, and said only "not open right
    now", so someone who scanned a poster early was not told to come back."""
    opens = datetime.now(UTC) + timedelta(days=30)
    await make_consultation(opens_at=opens)
    page = await client.get("/c/parks")
    assert page.status_code == 200
    assert "<h1>This is not open yet</h1>" in page.text
    expected = f"You can answer from {opens.astimezone(ZoneInfo('Europe/London')).day} "
    assert expected in page.text and "Feeling safe in parks" not in page.text
    client.cookies.set("voice_lang", "ur")
    urdu = await client.get("/c/parks")
    assert "یہ ابھی شروع نہیں ہوا" in urdu.text and "پارکوں" not in urdu.text


async def test_a_closed_consultation_still_names_itself(client: httpx.AsyncClient) -> None:
    await make_consultation(closes_at=datetime.now(UTC) - timedelta(days=1))
    page = await client.get("/c/parks")
    assert "This is not open right now" in page.text and "Feeling safe in parks" in page.text
