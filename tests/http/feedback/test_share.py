""" "Can we share your words?" on the hear-back page: No unless the person says Yes, kept on
errors, shown on the check page, and stored as consent to quote without a name."""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import (
    RECEIPT_RE,
    answer_all,
    make_consultation,
    post,
    send_from_check,
)
from voice.feedback.models import Consent, Contribution


async def sent_consent(client: httpx.AsyncClient) -> Consent:
    response = await send_from_check(client)
    code = RECEIPT_RE.search(response.text)
    assert code
    return (await Contribution.get(receipt_code=code.group(1))).consent


async def test_no_unless_they_say_yes(client: httpx.AsyncClient) -> None:
    await make_consultation()
    page = await client.get("/c/parks/q/1")
    assert page.status_code == 200
    await answer_all(client)
    hear_back = await client.get("/c/parks/hear-back")
    assert 'id="share-no" name="share" type="radio" value="no" checked' in hear_back.text
    assert "We never say who wrote them." in hear_back.text
    check = await client.get("/c/parks/check")
    assert "Share your words" in check.text and "Yes, without your name" not in check.text
    assert await sent_consent(client) is Consent.NOT_QUOTABLE


async def test_yes_is_consent_to_quote_without_a_name(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client, contact={"hear_back": "no", "share": "yes"})
    check = await client.get("/c/parks/check")
    assert "Yes, without your name" in check.text
    assert 'href="/c/parks/hear-back?change=1"' in check.text
    assert await sent_consent(client) is Consent.QUOTE_ANONYMOUSLY


async def test_anything_but_yes_is_no(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client, contact={"hear_back": "no", "share": "with my name"})
    assert await sent_consent(client) is Consent.NOT_QUOTABLE


async def test_the_choice_is_kept_on_an_error_and_can_be_changed(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    wrong = await post(client, "/c/parks/hear-back", {"hear_back": "yes", "contact": "", "share": "yes"})
    assert wrong.status_code == 400
    assert 'id="share-yes" name="share" type="radio" value="yes" checked' in wrong.text
    fixed = await post(client, "/c/parks/hear-back?change=1", {"hear_back": "no", "share": "yes"})
    assert fixed.headers["location"] == "/c/parks/check"
    again = await client.get("/c/parks/hear-back?change=1")
    assert 'id="share-yes" name="share" type="radio" value="yes" checked' in again.text
    assert await sent_consent(client) is Consent.QUOTE_ANONYMOUSLY


async def test_in_urdu(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/hear-back", headers={"Accept-Language": "ur"})
    assert "کیا ہم آپ کے الفاظ شیئر کر سکتے ہیں؟" in page.text
