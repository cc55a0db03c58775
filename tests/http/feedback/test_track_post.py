"""/track's form posts the receipt code, so the code never goes into an address (and so into
the browser's history on a phone someone else may pick up). Exploratory testing, eighteenth
session. A look-up changes nothing, so it needs no form token (``voice.web.csrf.LOOKUP_PATHS``)
and works on a browser that blocks cookies."""

from __future__ import annotations

import re

import httpx

from tests.http.feedback.test_track import STEP_RE, contribution
from voice.feedback.models import Status
from voice.feedback.routes import TRACK_LIMIT

HIDDEN_FORM_RE = re.compile(
    r'<form id="track-language" method="post" action="/track" hidden>(.*?)</form>', re.S
)


async def _post(client: httpx.AsyncClient, **data: str) -> httpx.Response:
    return await client.post("/track", data=data)


async def test_the_form_posts_the_code(client: httpx.AsyncClient) -> None:
    form = (await client.get("/track")).text
    assert '<form method="post" action="/track" novalidate>' in form
    made = await contribution()
    shown = await _post(client, code=made.receipt_code.lower().replace("-", " "))
    assert shown.status_code == 200 and str(shown.url).endswith("/track")
    assert [label for _done, label in STEP_RE.findall(shown.text)][0] == "We got your message"
    assert "bus stop" not in shown.text  # never the words


async def test_a_language_button_shows_the_same_progress_in_that_language(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    page = (await _post(client, code=made.receipt_code)).text
    hidden = HIDDEN_FORM_RE.search(page)
    assert hidden is not None
    assert re.findall(r'name="(\w+)" value="([^"]*)"', hidden.group(1)) == [("code", made.receipt_code)]
    assert re.search(r'<button type="submit" form="track-language" formaction="/track"[^>]*value="ur"', page)
    urdu = await _post(client, code=made.receipt_code, lang="ur")
    assert urdu.status_code == 200
    assert '<html lang="ur" dir="rtl">' in urdu.text
    assert made.receipt_code in urdu.text and len(STEP_RE.findall(urdu.text)) == 5
    assert any(h.startswith("voice_lang=ur;") for h in urdu.headers.get_list("set-cookie"))
    # The language stays for the pages after it.
    assert '<html lang="ur" dir="rtl">' in (await client.get("/track")).text
    # A language Voice does not have is ignored: the page stays as it was.
    odd = await _post(client, code=made.receipt_code, lang="xx")
    assert odd.status_code == 200 and '<html lang="ur" dir="rtl">' in odd.text


async def test_errors_keep_what_was_typed(client: httpx.AsyncClient) -> None:
    empty = await _post(client, code="  ")
    assert empty.status_code == 400
    assert '<li><a href="#code">Enter your receipt code, like K7QM-4XTP</a></li>' in empty.text
    wrong_shape = await _post(client, code="ABC")
    assert wrong_shape.status_code == 400 and 'value="ABC"' in wrong_shape.text
    unknown = await _post(client, code="K7QM-4XTP")
    assert unknown.status_code == 404 and "We cannot find that code." in unknown.text
    assert 'value="K7QM-4XTP"' in unknown.text
    assert (await _post(client)).status_code == 400  # no code field at all


async def test_guessing_by_post_is_limited_too(client: httpx.AsyncClient) -> None:
    made = await contribution()
    for _ in range(TRACK_LIMIT[0]):
        await _post(client, code="K7QM-4XTP")
    blocked = await _post(client, code=made.receipt_code)
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0


async def test_a_browser_that_blocks_cookies_can_still_look_a_code_up(client: httpx.AsyncClient) -> None:
    made = await contribution()
    for lang in ("", "ur"):
        client.cookies.clear()
        shown = await _post(client, code=made.receipt_code, **({"lang": lang} if lang else {}))
        assert shown.status_code == 200 and len(STEP_RE.findall(shown.text)) == 5
        assert ('<html lang="ur" dir="rtl">' in shown.text) is bool(lang)
