"""A visitor's own words take their own direction, whatever the page's.

English typed on an Urdu or Arabic page ("My teacher helps me!") would otherwise show with
its full stop at the wrong end, while typing and again on "Check your answers".
"""

from __future__ import annotations

import re

import httpx

from tests.http.feedback.test_journey import answer_all, make_consultation

URDU = {"Accept-Language": "ur"}


async def test_the_text_box_and_the_checked_answer_follow_the_words(client: httpx.AsyncClient) -> None:
    await make_consultation()
    question = await client.get("/c/parks/q/1", headers=URDU)
    assert '<html lang="ur" dir="rtl">' in question.text
    textarea = re.search(r"<textarea [^>]*>", question.text)
    assert textarea and 'dir="auto"' in textarea.group(0)
    await answer_all(client, text="My teacher helps me!")
    check = await client.get("/c/parks/check", headers=URDU)
    assert '<span dir="auto">My teacher helps me!</span>' in check.text
