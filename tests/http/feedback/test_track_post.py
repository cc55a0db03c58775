"""/track's form posts the receipt code, so the code never goes into an address (and so into
the browser's history on a phone someone else may pick up). Exploratory testing, eighteenth
session; since the twenty-third, a browser that keeps cookies is sent on to a GET of the
progress (Post, Redirect, Get), so Back after Exit this page shows nothing. A look-up changes
nothing, so it needs no form token (``voice.web.csrf.LOOKUP_PATHS``) and works on a browser that
blocks cookies."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from tests.http.feedback.test_track import STEP_RE, contribution
from voice.accounts.services import utcnow
from voice.feedback import tracking
from voice.feedback.models import Status
from voice.feedback.routes import TRACK_LIMIT

HIDDEN_FORM_RE = re.compile(
    r'<form id="track-language" method="post" action="/track" hidden>(.*?)</form>', re.S
)


KEPT_RE = re.compile(r'<input type="hidden" name="kept" value="([0-9a-f]{16})">')


async def _post(client: httpx.AsyncClient, **data: str) -> httpx.Response:
    return await client.post("/track", data=data)


async def _kept(client: httpx.AsyncClient) -> str:
    """The mark of the cookie /track's form is shown with (a first visit has none)."""
    await client.get("/")
    found = KEPT_RE.search((await client.get("/track")).text)
    assert found is not None
    return found.group(1)


async def test_the_form_posts_the_code_and_the_progress_is_a_get(client: httpx.AsyncClient) -> None:
    form = (await client.get("/track")).text
    assert '<form method="post" action="/track" novalidate>' in form
    made = await contribution()
    kept = await _kept(client)
    posted = await _post(client, code=made.receipt_code.lower().replace("-", " "), kept=kept)
    # Post, Redirect, Get: the browser's history holds the progress page's address, never a
    # form with the code in it, and the code waits in a short-lived cookie.
    assert posted.status_code == 303 and posted.headers["location"] == "/track/progress"
    cookie = next(h for h in posted.headers.get_list("set-cookie") if h.startswith("voice_track="))
    assert "Max-Age=900" in cookie and "HttpOnly" in cookie and "Path=/;" in cookie
    assert made.receipt_code not in cookie.split(";")[0].split("=", 1)[1]  # signed, not bare
    shown = await client.get("/track/progress")
    assert shown.status_code == 200
    assert [label for _done, label in STEP_RE.findall(shown.text)][0] == "We got your message"
    assert made.receipt_code in shown.text and "bus stop" not in shown.text  # never the words
    # Its languages are links to the same address (no form with the code in it).
    assert HIDDEN_FORM_RE.search(shown.text) is None
    assert 'href="/language?lang=ur&amp;next=/track/progress"' in shown.text.replace("%2F", "/")
    urdu = await client.get("/language", params={"lang": "ur", "next": "/track/progress"})
    assert urdu.headers["location"] == "/track/progress"
    again = await client.get("/track/progress")
    assert '<html lang="ur" dir="rtl">' in again.text and made.receipt_code in again.text


async def test_a_language_button_on_a_post_without_cookies_shows_the_same_progress(
    client: httpx.AsyncClient,
) -> None:
    """A browser that blocks cookies gets the progress in answer to the form, and its languages
    are buttons that send the code again."""
    made = await contribution(Status.APPROVED)
    page = (await _post(client, code=made.receipt_code)).text
    hidden = HIDDEN_FORM_RE.search(page)
    assert hidden is not None
    assert re.findall(r'name="(\w+)" value="([^"]*)"', hidden.group(1)) == [("code", made.receipt_code)]
    assert re.search(r'<button type="submit" form="track-language" formaction="/track"[^>]*value="ur"', page)
    client.cookies.clear()
    urdu = await _post(client, code=made.receipt_code, lang="ur")
    assert urdu.status_code == 200
    assert '<html lang="ur" dir="rtl">' in urdu.text
    assert made.receipt_code in urdu.text and len(STEP_RE.findall(urdu.text)) == 5
    assert any(h.startswith("voice_lang=ur;") for h in urdu.headers.get_list("set-cookie"))
    # With the cookies kept, the language stays for the pages after it.
    assert '<html lang="ur" dir="rtl">' in (await client.get("/track")).text
    # A language Voice does not have is ignored: the page stays as it was.
    client.cookies.clear()
    odd = await _post(client, code=made.receipt_code, lang="xx")
    assert odd.status_code == 200 and '<html lang="en" dir="ltr">' in odd.text


async def test_with_cookies_a_language_button_leads_to_the_progress_in_that_language(
    client: httpx.AsyncClient,
) -> None:
    made = await contribution(Status.APPROVED)
    posted = await _post(client, code=made.receipt_code, lang="pl", kept=await _kept(client))
    assert posted.status_code == 303 and posted.headers["location"] == "/track/progress"
    assert any(h.startswith("voice_lang=pl;") for h in posted.headers.get_list("set-cookie"))
    shown = await client.get("/track/progress")
    assert '<html lang="pl" dir="ltr">' in shown.text and len(STEP_RE.findall(shown.text)) == 5


async def test_the_form_sent_again_after_exit_shows_nothing(client: httpx.AsyncClient) -> None:
    """Exit this page, then Back (or Reload) sends the form again without the cookies it was
    shown with: the code is not looked up, and the page is the empty form. Found by
    exploratory testing in the twenty-second session."""
    made = await contribution()
    first = (await client.get("/track")).text  # a first visit: no cookie came with it
    assert 'name="kept"' not in first
    kept = await _kept(client)  # shown with cookies
    assert (await _post(client, code=made.receipt_code, kept=kept)).status_code == 303
    assert (await client.get("/exit")).status_code == 303
    client.cookies.clear()  # as Exit's Clear-Site-Data and deleted cookies do
    again = await _post(client, code=made.receipt_code, kept=kept)
    assert again.status_code == 303 and again.headers["location"] == "/track"
    assert made.receipt_code not in again.text
    # The same with a new cookie, as the neutral site (in the tests, this server) or a later
    # visit may set: it is not the cookie the form was shown with.
    await client.get("/")
    assert client.cookies
    again = await _post(client, code=made.receipt_code, kept=kept)
    assert again.status_code == 303 and again.headers["location"] == "/track"
    # The progress address, from the history, shows the empty form too.
    back = await client.get("/track/progress")
    assert back.status_code == 303 and back.headers["location"] == "/track"
    empty = await client.get("/track")
    assert made.receipt_code not in empty.text and 'value=""' in empty.text


async def test_the_progress_address_needs_a_cookie_this_voice_signed(client: httpx.AsyncClient) -> None:
    made = await contribution()
    for value in (
        "",
        made.receipt_code,
        "not-signed",
        tracking.remembered("another secret", made.receipt_code, utcnow()),
    ):
        client.cookies.set("voice_track", value)
        shown = await client.get("/track/progress")
        assert shown.status_code == 303 and shown.headers["location"] == "/track"


async def test_the_remembered_code_ends_after_15_minutes() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    value = tracking.remembered("s3cret", "K7QM-4XTP", now)
    assert tracking.code_remembered("s3cret", value, now) == "K7QM-4XTP"
    assert tracking.code_remembered("s3cret", value, now + timedelta(minutes=14, seconds=59)) == "K7QM-4XTP"
    assert tracking.code_remembered("s3cret", value, now + timedelta(minutes=15)) is None
    assert tracking.code_remembered("other", value, now) is None
    assert tracking.code_remembered("s3cret", value + "x", now) is None


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
