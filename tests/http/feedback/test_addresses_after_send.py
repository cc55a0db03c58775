"""Pages shown from a form post point their links at addresses that can be fetched again.

Send only takes posts: a reload or a language link must not end on "Page not found" or lose
the receipt code.
"""

from __future__ import annotations

import re
from dataclasses import replace

import httpx
from starlette.applications import Starlette

from tests.http.feedback.test_journey import (
    RECEIPT_RE,
    SUBMISSION_RE,
    age_drafts,
    answer_all,
    make_consultation,
)
from tests.support.http import CSRF_RE
from voice.settings import Settings

LANGUAGE_LINK_RE = re.compile(r'href="/language\?lang=ur&amp;next=([^"]*)"')


def language_next(html: str) -> str:
    found = LANGUAGE_LINK_RE.search(html)
    assert found, "no Urdu language link"
    return found.group(1)


async def send_form(client: httpx.AsyncClient) -> dict[str, str]:
    page = await client.get("/c/parks/check")
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    return {"csrf_token": csrf.group(1), "submission_token": submission.group(1), "website": ""}


async def test_check_page_shown_again_by_send_links_languages_to_the_check_page(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    settings: Settings = app.state.settings
    app.state.settings = replace(settings, min_seconds_to_send=60)
    await make_consultation()
    await answer_all(client)
    response = await client.post("/c/parks/send", data=await send_form(client))
    assert response.status_code == 200 and "press Send again" in response.text
    assert language_next(response.text) == "/c/parks/check"
    switched = await client.get("/language", params={"lang": "ur", "next": "/c/parks/check"})
    assert switched.status_code == 303
    again = await client.get(switched.headers["location"])
    assert again.status_code == 200 and "Lights and friends" in again.text


async def test_expired_form_on_send_links_languages_to_a_page_that_exists(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    data = {**await send_form(client), "csrf_token": "stale"}
    response = await client.post("/c/parks/send", data=data)
    assert response.status_code == 403
    target = language_next(response.text)
    assert target == "/c/parks/check"  # the check page again, answers and all
    assert (await client.get(target)).status_code == 200


async def test_expired_form_on_a_question_links_languages_back_to_the_question(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    response = await client.post("/c/parks/q/1", data={"csrf_token": "stale", "answer": "x"})
    assert response.status_code == 403
    # The question again, whose languages are buttons that keep the answer (no plain links).
    assert 'formaction="/c/parks/q/1/language" formnovalidate name="lang" value="ur"' in response.text


async def test_htmx_send_puts_the_confirmations_own_address_in_the_address_bar(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    data = await send_form(client)
    headers = {"HX-Request": "true", "X-CSRF-Token": data["csrf_token"]}
    sent = await client.post("/c/parks/send", data=data, headers=headers)
    assert sent.status_code == 200
    assert sent.headers["hx-replace-url"] == "/c/parks/sent"
    code = RECEIPT_RE.search(sent.text)
    assert code
    # A reload of that address shows the same receipt code.
    reloaded = await client.get("/c/parks/sent")
    assert reloaded.status_code == 200
    again = RECEIPT_RE.search(reloaded.text)
    assert again and again.group(1) == code.group(1)


async def test_send_without_javascript_has_no_htmx_header(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    sent = await client.post("/c/parks/send", data=await send_form(client))
    assert sent.status_code == 200 and RECEIPT_RE.search(sent.text)
    assert "hx-replace-url" not in sent.headers


async def test_journey_forms_ask_the_browser_not_to_refill_them(client: httpx.AsyncClient) -> None:
    """After Exit this page, Back must not bring the typed words back from the browser's memory."""
    await make_consultation()
    await answer_all(client)
    for path in ("/c/parks/q/1", "/c/parks/q/2", "/c/parks/hear-back"):
        page = await client.get(path)
        assert page.status_code == 200, path
        forms = re.findall(r"<form [^>]*>", page.text)
        journey_forms = [form for form in forms if 'method="post"' in form and "/language" not in form]
        assert journey_forms, path
        for form in journey_forms:
            if 'action="/exit"' in form:
                continue
            assert 'autocomplete="off"' in form, (path, form)
