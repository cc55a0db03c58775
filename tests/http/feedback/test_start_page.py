"""The start page says how many questions there are (it used to say "about 5 minutes" for
every consultation, twice when the intro said it too), in the visitor's language; the staff
preview shows the same page, with untranslated words marked as English."""

from __future__ import annotations

import httpx

from tests.http.consultations.conftest import make_consultation as make_later
from tests.http.consultations.conftest import moderator, text_of
from tests.http.feedback.test_journey import make_consultation
from voice.accounts.models import StaffUser
from voice.feedback.models import Question, QuestionKind

__all__ = ["moderator"]


async def test_the_start_page_counts_the_questions(client: httpx.AsyncClient) -> None:
    await make_consultation()
    english = text_of(await client.get("/c/parks"))
    assert "There are 4 questions. You do not need to give your name." in english
    assert "5 minutes" not in english
    polish = text_of(await client.get("/c/parks", headers={"Accept-Language": "pl"}))
    assert "Są 4 pytania." in polish


async def test_one_question_is_one(client: httpx.AsyncClient) -> None:
    await make_consultation(slug="one")
    await Question.filter(consultation__slug="one", position__gt=1).delete()
    assert "There is 1 question." in text_of(await client.get("/c/one"))


async def test_the_preview_start_page_is_the_real_one(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_later(languages=["en", "ur", "pl"])
    await Question.create(
        consultation=consultation, position=1, kind=QuestionKind.FREE_TEXT, prompt={"en": "?"}
    )
    preview = await client.get(f"/staff/consultations/{consultation.id}/preview?lang=pl")
    assert preview.status_code == 200
    assert '<h1 lang="en" dir="ltr">Feeling safe in parks</h1>' in preview.text  # no Polish title yet
    assert "Jest 1 pytanie." in text_of(preview)
