"""The minimum-time bot check follows the VOICE_MIN_SECONDS_TO_SEND setting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from tests.http.feedback.test_journey import (
    RECEIPT_RE,
    SUBMISSION_RE,
    answer_all,
    make_consultation,
)
from tests.support.http import CSRF_RE
from voice.feedback.models import Contribution, JourneyDraft
from voice.settings import Settings


def use_min_seconds(app: Starlette, seconds: int) -> None:
    settings: Settings = app.state.settings
    app.state.settings = replace(settings, min_seconds_to_send=seconds)


async def send_now(client: httpx.AsyncClient) -> httpx.Response:
    """Press Send on the check page without waiting (the draft is as old as it is)."""
    page = await client.get("/c/parks/check")
    assert page.status_code == 200
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    data = {"csrf_token": csrf.group(1), "submission_token": submission.group(1), "website": ""}
    return await client.post("/c/parks/send", data=data)


async def test_too_fast_asks_to_send_again_and_keeps_everything(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    """A quick person is not a bot: no pretend receipt, nothing lost, Send works next time."""
    use_min_seconds(app, 60)
    await make_consultation()
    await answer_all(client)
    # Thirty seconds is fine for the default of 3, but not for a setting of 60.
    await JourneyDraft.all().update(created_at=datetime.now(UTC) - timedelta(seconds=30))
    response = await send_now(client)
    assert response.status_code == 200
    assert "Check your answers" in response.text and "press Send again" in response.text
    assert RECEIPT_RE.search(response.text) is None
    assert "Lights and friends" in response.text
    assert not await Contribution.exists()
    assert await JourneyDraft.exists()
    await JourneyDraft.all().update(created_at=datetime.now(UTC) - timedelta(seconds=61))
    again = await send_now(client)
    code = RECEIPT_RE.search(again.text)
    assert code and await Contribution.exists(receipt_code=code.group(1))


async def test_old_enough_is_stored(app: Starlette, client: httpx.AsyncClient) -> None:
    use_min_seconds(app, 60)
    await make_consultation()
    await answer_all(client)
    await JourneyDraft.all().update(created_at=datetime.now(UTC) - timedelta(seconds=61))
    response = await send_now(client)
    code = RECEIPT_RE.search(response.text)
    assert code and await Contribution.exists(receipt_code=code.group(1))


async def test_zero_turns_the_check_off(app: Starlette, client: httpx.AsyncClient) -> None:
    use_min_seconds(app, 0)
    await make_consultation()
    await answer_all(client)
    response = await send_now(client)  # at once: the draft is a few milliseconds old
    assert response.status_code == 200
    code = RECEIPT_RE.search(response.text)
    assert code
    contribution = await Contribution.get(receipt_code=code.group(1))
    assert [a.text for a in await contribution.answers.all().order_by("id")][0] == "Lights and friends"


async def test_zero_still_catches_the_honeypot(app: Starlette, client: httpx.AsyncClient) -> None:
    use_min_seconds(app, 0)
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/check")
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    data = {
        "csrf_token": csrf.group(1),
        "submission_token": submission.group(1),
        "website": "http://spam.example",
    }
    response = await client.post("/c/parks/send", data=data)
    assert response.status_code == 200 and RECEIPT_RE.search(response.text)
    assert not await Contribution.exists()
