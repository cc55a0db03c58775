"""Without JavaScript, a journey form that cannot be saved shows the same page again.

A refused CSRF token (an old page, cleared cookies, a new secret key after a redeploy) or a
form too big to read used to end on a page that said "reload" or "go back", and the answer was
gone (the journey's forms have autocomplete="off", so Back brings back nothing). Now the page
comes back with what was sent, a token that works and a plain message; nothing is saved
until the token is right.
"""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import (
    answer_all,
    kept_answer,
    make_consultation,
    post,
    send_form,
    token_on,
)
from tests.support.http import CSRF_RE
from voice.feedback.models import Contribution, JourneyDraft

AGAIN = "We could not save that. Press Continue again."
SEND_AGAIN = "We could not send that. Press Send again."
BLOCKED = (
    "We could not save that. Your phone or browser may be blocking cookies. We need them to keep "
    "your answers until you send them. Let this site use cookies, then try again."
)
LONG = "A long answer I spent ten minutes on"


def fresh_token(response: httpx.Response) -> str:
    found = CSRF_RE.search(response.text)
    assert found, "no form with a token on the page"
    return found.group(1)


async def test_a_refused_answer_comes_back_with_its_text_and_a_token_that_works(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await client.get("/c/parks/q/1")
    client.cookies.clear()  # a browser that blocks cookies (the form says none came with its page)
    refused = await client.post("/c/parks/q/1", data={"csrf_token": "old", "answer": LONG})
    assert refused.status_code == 403
    assert "This form has expired" not in refused.text and "reload" not in refused.text.lower()
    assert f">{LONG}</textarea>" in refused.text
    # No cookie came back at all: the page says cookies may be blocked, not just "again".
    assert f"<li>{BLOCKED}</li>" in refused.text and "<title>Error: What makes you feel safe?" in refused.text
    assert 'aria-invalid="true"' not in refused.text  # the answer itself is fine
    assert await JourneyDraft.all().count() == 0  # nothing saved without a valid token
    again = await client.post("/c/parks/q/1", data={"csrf_token": fresh_token(refused), "answer": LONG})
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/q/2"
    assert await kept_answer(1) == {"text": LONG}


async def test_a_refused_choice_keeps_what_was_ticked(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    refused = await client.post(
        "/c/parks/q/3?change=1", data={"csrf_token": "old", "answer": ["roundhay", "potternewton"]}
    )
    assert refused.status_code == 403 and AGAIN in refused.text
    assert refused.text.count(" checked>") == 2
    assert 'action="/c/parks/q/3?change=1"' in refused.text
    assert "3" not in (await JourneyDraft.get()).answers


async def test_a_refused_hear_back_keeps_the_contact(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    data = {"csrf_token": "old", "hear_back": "yes", "contact": "sam@example.org", "share": "yes"}
    refused = await client.post("/c/parks/hear-back", data=data)
    assert refused.status_code == 403 and AGAIN in refused.text
    assert 'value="sam@example.org"' in refused.text
    assert 'id="hear-back-yes" name="hear_back" type="radio" value="yes" checked' in refused.text
    assert 'id="share-yes" name="share" type="radio" value="yes" checked' in refused.text
    assert (await JourneyDraft.get()).contact == {"wants": "no", "value": "", "share": "no"}
    again = await client.post("/c/parks/hear-back", data={**data, "csrf_token": fresh_token(refused)})
    assert again.headers["location"] == "/c/parks/check"
    assert (await JourneyDraft.get()).contact["value"] == "sam@example.org"


async def test_a_refused_send_shows_the_check_page_and_sends_nothing(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    data = {**await send_form(client), "csrf_token": "old"}
    refused = await client.post("/c/parks/send", data=data)
    assert refused.status_code == 403
    assert "<h1>Check your answers</h1>" in refused.text and SEND_AGAIN in refused.text
    assert "Lights and friends" in refused.text and "reload" not in refused.text.lower()
    assert await Contribution.all().count() == 0


async def test_in_the_visitors_language(client: httpx.AsyncClient) -> None:
    await make_consultation()
    refused = await client.post(
        "/c/parks/q/1", data={"csrf_token": "old", "answer": LONG}, headers={"Accept-Language": "ur"}
    )
    assert refused.status_code == 403 and 'dir="rtl"' in refused.text
    assert AGAIN not in refused.text and f">{LONG}</textarea>" in refused.text


async def test_with_htmx_the_refusal_is_the_question_fragment_with_a_new_token(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await client.get("/c/parks/q/1")
    headers = {"HX-Request": "true", "X-CSRF-Token": "old"}
    refused = await client.post("/c/parks/q/1", data={"answer": LONG}, headers=headers)
    assert refused.status_code == 403 and refused.text.lstrip().startswith(
        '<div id="question-page" lang="en" dir="ltr">'
    )
    token = refused.headers["x-csrf-token"]
    assert fresh_token(refused) == token
    headers["X-CSRF-Token"] = token
    again = await client.post("/c/parks/q/1", data={"answer": LONG}, headers=headers)
    assert again.headers["hx-redirect"] == "/c/parks/q/2"


async def test_other_refusals_still_get_the_expired_page(client: httpx.AsyncClient) -> None:
    await client.get("/")
    for path in ("/c/no-such-thing/q/1", "/c/no-such-thing/send", "/staff/sign-in"):
        refused = await client.post(path, data={"csrf_token": "old"})
        assert refused.status_code == 403 and "This form has expired" in refused.text, path


async def test_far_too_much_text_says_it_is_gone_and_gives_the_limit(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    huge = "word " * 60000
    token = await token_on(client, "/c/parks/q/1")
    response = await client.post("/c/parks/q/1", data={"csrf_token": token, "answer": huge})
    assert response.status_code == 413
    message = "Your answer was far too long, so we could not keep it. You can write up to 50 characters."
    assert message in response.text and "Go back" not in response.text
    assert 'href="#answer"' in response.text and 'aria-invalid="true"' in response.text
    assert await kept_answer(1) == {"text": "Lights"}  # nothing changed


async def test_a_browser_that_blocks_cookies_is_told_so_every_time(client: httpx.AsyncClient) -> None:
    """A locked-down school device or a privacy setting: every form comes back refused, and
    "Press Continue again" alone would send the young person round for ever."""
    await make_consultation()
    page = await client.get("/c/parks/q/1")
    for _ in range(2):
        client.cookies.clear()  # the browser never keeps what the page set
        refused = await client.post("/c/parks/q/1", data={"csrf_token": fresh_token(page), "answer": LONG})
        assert refused.status_code == 403 and f"<li>{BLOCKED}</li>" in refused.text
        assert f"<li>{AGAIN}</li>" not in refused.text
        assert refused.headers["X-Voice-Cookies"] == "blocked"  # for the page's script
        assert f">{LONG}</textarea>" in refused.text
        page = refused
    assert await JourneyDraft.all().count() == 0


async def test_a_wrong_token_with_cookies_kept_just_asks_again(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await client.get("/c/parks/q/1")
    refused = await client.post("/c/parks/q/1", data={"csrf_token": "old", "answer": LONG})
    assert refused.status_code == 403 and f"<li>{AGAIN}</li>" in refused.text
    assert f"<li>{BLOCKED}</li>" not in refused.text and "X-Voice-Cookies" not in refused.headers
