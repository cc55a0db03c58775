"""Staff may move, add or remove questions while a consultation is open.

A visitor half way through keeps every answer on the question it was given for: answers are
kept by question, not by place, so nothing typed is lost at Send or shown against another
question.
"""

from __future__ import annotations

import httpx

from tests.http.feedback.test_journey import answer_all, make_consultation, post, send_from_check
from voice.accounts.models import Role, StaffUser
from voice.consultations.services import move_question
from voice.feedback.models import Answer, Contribution, Question, QuestionKind


async def test_a_move_after_answering_keeps_each_answer_on_its_question(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    await answer_all(client, text="A man follows me home from the bus stop")
    free_text = await Question.get(consultation=consultation, position=1)
    assert await move_question(free_text, "down", staff[Role.MODERATOR])  # now at place 2
    check = await client.get("/c/parks/check")
    assert check.status_code == 200
    assert "A man follows me home from the bus stop" in check.text and "A bit safe" in check.text
    sent = await send_from_check(client)
    assert sent.status_code == 200
    contribution = await Contribution.get()
    answers = {answer.question_id: answer for answer in await Answer.filter(contribution=contribution)}
    rating = await Question.get(consultation=consultation, kind=QuestionKind.RATING)
    assert answers[free_text.id].text == "A man follows me home from the bus stop"
    assert answers[rating.id].choices == ["2"]
    assert contribution.age_band == "11_15"


async def test_a_question_added_before_the_visitors_place_asks_only_it(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    consultation = await make_consultation()
    assert (await post(client, "/c/parks/q/1", {"answer": "Lights"})).status_code == 303
    assert (await post(client, "/c/parks/q/2", {"answer": "3"})).status_code == 303
    # Staff add a required question and move it to the top: every other question moves down.
    added = await Question.create(
        consultation=consultation,
        position=5,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        max_length=100,
        prompt={"en": "Where do you go after school?"},
    )
    for _ in range(4):
        assert await move_question(added, "up", staff[Role.MODERATOR])
    assert added.position == 1
    # The free text answer is still on its question, now at place 2.
    moved = await client.get("/c/parks/q/2")
    assert "What makes you feel safe?" in moved.text and ">Lights</textarea>" in moved.text
    # At the check page, the new required question is the one asked for.
    check = await client.get("/c/parks/check")
    assert check.status_code == 303 and check.headers["location"] == "/c/parks/q/1?missing=1&change=1"
