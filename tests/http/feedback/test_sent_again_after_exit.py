"""Exit this page, then Back (or Reload), with JavaScript off, sends the last form again, and
the browser sends it without the cookies Exit removed. Found by exploratory testing in the
twenty-second session: the refusal (no cookie, so no valid form token) put the young person's
words back in the question, for whoever holds the phone next.

The journey's forms carry the mark of the cookie their page was shown with (a hidden ``kept``,
``voice.web.csrf.cookie_mark``); a form that comes back without that cookie (with none, or
with a new one: Exit's neutral site, or a later visit, may have set one) was sent again after
its cookies were removed, so
nothing it holds is shown: the page goes to the question's own address, empty, and that GET
takes the form's place in the browser's history. A browser that blocks cookies never shows a
page with them, so its refused words still come back to copy (``test_forms_not_saved``).
"""

from __future__ import annotations

import re

import httpx

from tests.http.feedback.test_journey import make_consultation
from voice.feedback.models import JourneyDraft

HIDDEN_RE = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)">')
WORDS = "My uncle shouts at me every night and I am scared to go home to him"  # longer than 50


def hidden_fields(html: str, form_id: str) -> dict[str, str]:
    form = re.search(rf'<form [^>]*id="{form_id}".*?</form>', html, re.S)
    assert form is not None, f"no form #{form_id}"
    return dict(HIDDEN_RE.findall(form.group(0)))


async def shown_with_cookies(client: httpx.AsyncClient, path: str = "/c/parks/q/1") -> dict[str, str]:
    """The hidden fields of the "parks" question at ``path``, its page shown with cookies (after
    the start page, as in a journey)."""
    await make_consultation()
    await client.get("/c/parks")
    return hidden_fields((await client.get(path)).text, "answer-form")


async def exit_page(client: httpx.AsyncClient) -> None:
    left = await client.get("/exit")
    assert left.status_code == 303 and "cookies" in left.headers["clear-site-data"]
    client.cookies.clear()  # as the browser does with Clear-Site-Data and the deleted cookies


async def test_a_refused_answer_sent_again_after_exit_never_shows_the_words(
    client: httpx.AsyncClient,
) -> None:
    fields = await shown_with_cookies(client)
    assert re.fullmatch(r"[0-9a-f]{16}", fields["kept"])  # the mark of the cookie it was shown with
    refused = await client.post("/c/parks/q/1", data={**fields, "answer": WORDS})
    assert refused.status_code == 400 and "scared to go home" in refused.text
    await exit_page(client)
    assert await JourneyDraft.all().count() == 0
    again = await client.post("/c/parks/q/1", data={**fields, "answer": WORDS})
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/q/1"
    assert "scared" not in again.text
    shown = await client.get("/c/parks/q/1")
    assert shown.status_code == 200 and "scared" not in shown.text and "uncle" not in shown.text
    assert "<title>Error:" not in shown.text
    assert await JourneyDraft.all().count() == 0  # nothing saved
    # Sent again once more, now with the new cookie that GET set (as Exit's neutral site, or a
    # later visit, may set one): still not the cookie the form was shown with.
    assert client.cookies
    again = await client.post("/c/parks/q/1", data={**fields, "answer": WORDS})
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/q/1"
    assert await JourneyDraft.all().count() == 0


async def test_an_answer_that_was_saved_and_sent_again_after_exit_is_not_saved_or_shown(
    client: httpx.AsyncClient,
) -> None:
    """The page after a saved answer is a GET, but Reload on a refused page of a choice sends
    the choice again: it is not shown or kept either, and ?change=1 stays in the address."""
    fields = await shown_with_cookies(client, "/c/parks/q/2?change=1")
    await exit_page(client)
    again = await client.post("/c/parks/q/2?change=1", data={**fields, "answer": "1"})
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/q/2?change=1"
    shown = await client.get(again.headers["location"])
    assert shown.status_code == 200 and " checked" not in shown.text
    assert await JourneyDraft.all().count() == 0


async def test_a_language_button_sent_again_after_exit_goes_to_the_empty_question(
    client: httpx.AsyncClient,
) -> None:
    fields = await shown_with_cookies(client)
    await exit_page(client)
    again = await client.post("/c/parks/q/1/language", data={**fields, "answer": WORDS, "lang": "ur"})
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/q/1"
    assert "scared" not in again.text
    assert not [h for h in again.headers.get_list("set-cookie") if h.startswith("voice_lang=")]


async def test_with_htmx_the_whole_page_moves_to_the_empty_question(client: httpx.AsyncClient) -> None:
    """A page left open in another tab after Exit there (without JavaScript in that tab's
    Exit): its Continue, with htmx, shows the question empty too."""
    fields = await shown_with_cookies(client)
    await exit_page(client)
    again = await client.post(
        "/c/parks/q/1", data={**fields, "answer": WORDS}, headers={"HX-Request": "true"}
    )
    assert again.status_code == 200 and again.headers["hx-redirect"] == "/c/parks/q/1"
    assert "scared" not in again.text


async def test_a_page_shown_without_cookies_keeps_refused_words_to_copy(client: httpx.AsyncClient) -> None:
    """A page shown to a browser that sent no cookie (the first page of a visit, or every page
    on a browser that blocks them) does not say it was shown with them, so its refused words
    come back to copy: without cookies the journey cannot go on, and the page says why."""
    await make_consultation()
    first = await client.get("/c/parks/q/1")
    fields = hidden_fields(first.text, "answer-form")
    assert "kept" not in fields
    client.cookies.clear()  # blocked: the cookie the page set never comes back
    refused = await client.post("/c/parks/q/1", data={**fields, "answer": "Lights and friends"})
    assert refused.status_code == 403 and ">Lights and friends</textarea>" in refused.text
    assert "may be blocking cookies" in refused.text
