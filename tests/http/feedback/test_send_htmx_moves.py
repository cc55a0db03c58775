"""Send with htmx when the answers are not there to send. Found by exploratory testing in the
twenty-second session: the answers had gone (Exit this page in another tab, or they expired),
and the start page came back inside the check page, under the check page's address. The whole
page now moves, with htmx as without it."""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import age_drafts, answer_all, make_consultation, send_form
from voice.feedback.models import Contribution, JourneyDraft


def htmx(form: dict[str, str]) -> dict[str, str]:
    return {"HX-Request": "true", "X-CSRF-Token": form["csrf_token"]}


async def test_send_after_the_answers_went_moves_the_whole_page_to_the_start(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await answer_all(client)
    form = await send_form(client)
    await JourneyDraft.all().delete()  # Exit this page in another tab, or the answers expired
    sent = await client.post("/c/parks/send", data=form, headers=htmx(form))
    assert sent.status_code == 200 and sent.headers["hx-redirect"] == "/c/parks?lost=1"
    assert sent.text == ""
    # Without JavaScript: the same place, by a redirect.
    plain = await client.post("/c/parks/send", data=form)
    assert plain.status_code == 303 and plain.headers["location"] == "/c/parks?lost=1"
    assert await Contribution.all().count() == 0


async def test_send_from_an_out_of_date_check_page_moves_the_whole_page_to_the_check_page(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    form = await send_form(client)
    stale = {**form, "submission_token": "from-an-older-page"}
    sent = await client.post("/c/parks/send", data=stale, headers=htmx(form))
    assert sent.status_code == 200 and sent.headers["hx-redirect"] == "/c/parks/check"
    assert await Contribution.all().count() == 0
    # The check page's own Send still sends, once.
    done = await client.post("/c/parks/send", data=form, headers=htmx(form))
    assert done.status_code == 200 and await Contribution.all().count() == 1
