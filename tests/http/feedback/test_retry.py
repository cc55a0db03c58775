"""A dropped connection: the words for the retry message, and retries that store once."""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import (
    RECEIPT_RE,
    SUBMISSION_RE,
    age_drafts,
    answer_all,
    make_consultation,
    token_on,
)
from tests.support.http import CSRF_RE
from voice.feedback.journey import COOKIE
from voice.feedback.models import Contribution, JourneyDraft, Question

RETRY_EN = "We could not send that. Check your signal and try again. Your answer is still here."
RETRY_UR = "ہم اسے نہیں بھیج سکے۔ اپنا سگنل چیک کریں اور دوبارہ کوشش کریں۔ آپ کا جواب ابھی یہیں ہے۔"


def retry_region(html: str) -> str:
    start = html.index('class="retry-message"')
    return html[html.rindex("<p", 0, start) : html.index("</p>", start) + 4]


async def test_question_and_check_pages_carry_the_message_in_the_visitors_language(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    page = (await client.get("/c/parks/q/1")).text
    region = retry_region(page)
    assert 'role="alert"' in region and f'data-retry-message="{RETRY_EN}"' in region
    assert region.endswith("></p>")  # empty until the connection drops; JavaScript fills it in
    assert 'hx-disabled-elt="find button"' in page
    urdu = await client.get("/c/parks/q/1", headers={"Accept-Language": "ur"})
    assert f'data-retry-message="{RETRY_UR}"' in urdu.text
    await answer_all(client)
    check = (await client.get("/c/parks/check")).text
    assert f'data-retry-message="{RETRY_EN}"' in retry_region(check)
    assert 'hx-post="/c/parks/send"' in check and 'hx-target="body"' in check


async def test_the_same_answer_sent_twice_is_kept_once(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    for _ in range(2):
        sent = await client.post("/c/parks/q/1", data={"answer": "Lights"}, headers=headers)
        assert sent.headers["hx-redirect"] == "/c/parks/q/2"
    draft, first = await JourneyDraft.get(), await Question.get(position=1)
    assert draft.answers == {f"q{first.id}": {"text": "Lights"}} and await JourneyDraft.all().count() == 1


async def test_send_retried_after_a_lost_answer_makes_one_contribution(client: httpx.AsyncClient) -> None:
    """The server stored it, but the answer never reached the phone, so the cookie is still there."""
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    cookie = client.cookies.get(COOKIE)
    assert cookie
    page = await client.get("/c/parks/check")
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    data = {"csrf_token": csrf.group(1), "submission_token": submission.group(1), "website": ""}
    headers = {"HX-Request": "true", "X-CSRF-Token": csrf.group(1)}
    first = await client.post("/c/parks/send", data=data, headers=headers)
    assert first.status_code == 200 and "<h1>Thank you. We got your answers.</h1>" in first.text
    client.cookies.set(COOKIE, cookie)  # the lost answer's "delete this cookie" never arrived
    again = await client.post("/c/parks/send", data=data, headers=headers)
    assert again.status_code == 200
    one, two = RECEIPT_RE.search(first.text), RECEIPT_RE.search(again.text)
    assert one and two and one.group(1) == two.group(1)
    assert await Contribution.all().count() == 1
    # And once more without JavaScript (the browser sends the form again).
    plain = await client.post("/c/parks/send", data=data)
    three = RECEIPT_RE.search(plain.text)
    assert three and three.group(1) == one.group(1) and await Contribution.all().count() == 1
