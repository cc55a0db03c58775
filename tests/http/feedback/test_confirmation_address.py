"""With JavaScript off, the confirmation page's address is Send's (a POST).

Opening that address again (a reload after the browser asks, a restored tab, the address
bar) shows the receipt again, not "Page not found".
"""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import RECEIPT_RE, answer_all, make_consultation, send_from_check


async def test_opening_the_send_address_again_shows_the_receipt(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    sent = await send_from_check(client)
    code = RECEIPT_RE.search(sent.text)
    assert sent.status_code == 200 and code
    again = await client.get("/c/parks/send")
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/sent"
    shown = await client.get("/c/parks/sent")
    assert shown.status_code == 200 and code.group(1) in shown.text


async def test_opening_it_without_having_sent_goes_to_the_start(client: httpx.AsyncClient) -> None:
    await make_consultation()
    again = await client.get("/c/parks/send")
    assert again.status_code == 303 and again.headers["location"] == "/c/parks/sent"
    start = await client.get("/c/parks/sent")
    assert start.status_code == 303 and start.headers["location"] == "/c/parks"
