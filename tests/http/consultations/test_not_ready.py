"""A consultation whose dates have come but which has no question yet: staff see that it is not
ready (never "Open"), and young people are not offered it."""

from __future__ import annotations

from datetime import timedelta

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import add_questions, element, make_consultation, page, text_of
from voice.accounts.models import StaffUser

NOT_READY = "Not ready: add a question"


def _status_by_slug(response: httpx.Response) -> dict[str, str]:
    """Each card's status, by the consultation's public address (from its link's title)."""
    found: dict[str, str] = {}
    for card in page(response).iter("li"):
        if card.get("class") != "card":
            continue
        link = card.find(".//a")
        assert link is not None
        facts = {
            "".join(dt.itertext()): " ".join("".join(dd.itertext()).split())
            for dt, dd in zip(card.iter("dt"), card.iter("dd"), strict=True)
        }
        found[link.get("href", "")] = facts["Status"]
    return found


async def test_the_staff_list_and_page_say_an_open_consultation_without_questions_is_not_ready(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    empty = await make_consultation("empty-now", opens_in=timedelta(days=-1))
    ready = await make_consultation("ready-now", opens_in=timedelta(days=-1))
    await add_questions(ready)

    listing = await client.get("/staff/consultations")
    statuses = _status_by_slug(listing)
    assert statuses[f"/staff/consultations/{empty.id}"] == NOT_READY
    assert statuses[f"/staff/consultations/{ready.id}"] == "Open"

    detail = await client.get(f"/staff/consultations/{empty.id}")
    text = text_of(detail)
    assert NOT_READY in text and "Open People can answer now" not in text
    assert "young people cannot answer it until it has a question, so it is not on the home page." in text
    link = element(detail, "status-add-question")
    assert link.get("href") == "#add-question"
    assert element(detail, "add-question").tag == "h2"

    # Once it has a question, it is open.
    await add_questions(empty)
    assert (
        _status_by_slug(await client.get("/staff/consultations"))[f"/staff/consultations/{empty.id}"]
        == "Open"
    )
    assert "People can answer now" in text_of(await client.get(f"/staff/consultations/{empty.id}"))


async def test_the_public_side_does_not_offer_a_consultation_without_questions(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    empty = await make_consultation("empty-now", opens_in=timedelta(days=-1))
    empty.title = {"en": "Still being made"}
    await empty.save()
    home = await client.get("/")
    assert home.status_code == 200 and "Still being made" not in home.text and "/c/empty-now" not in home.text
    # Someone with the address sees that there is nothing to answer yet, and no Start button.
    start = await client.get("/c/empty-now")
    assert start.status_code == 200
    assert "There are no questions here yet." in start.text and "Start now" not in start.text
    await add_questions(empty)
    assert "Still being made" in (await client.get("/")).text
