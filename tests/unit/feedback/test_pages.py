"""Page contexts shared by the journey and the staff preview (voice/feedback/pages.py)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.datastructures import FormData

from voice.feedback import pages
from voice.feedback.models import Consultation, Question, QuestionKind
from voice.public.services import Localised


def _questions() -> list[Question]:
    return [
        Question(
            id=11,
            position=1,
            kind=QuestionKind.FREE_TEXT,
            required=True,
            max_length=10,
            prompt={"en": "Why?"},
        ),
        Question(
            id=13,
            position=3,
            kind=QuestionKind.SINGLE_CHOICE,
            required=True,
            prompt={"en": "Which?", "ur": "کون سا؟"},
            options=[{"value": "a", "label": {"en": "Apples", "ur": "سیب"}}],
        ),
        Question(
            id=17, position=7, kind=QuestionKind.FREE_TEXT, required=False, prompt={"en": "Anything else?"}
        ),
    ]


async def test_neighbours_follow_positions_not_numbers(app: Starlette) -> None:
    first, middle, last = _questions()
    assert pages.neighbours([first, middle, last], 3) == (first, middle, last)
    assert pages.neighbours([first, middle, last], 1) == (None, first, middle)
    assert pages.neighbours([first, middle, last], 7) == (middle, last, None)
    assert pages.neighbours([first, middle, last], 2) == (None, None, None)


async def test_posted_answer_keeps_the_typing_and_says_how_long_it_is(app: Starlette) -> None:
    question = _questions()[0]
    checked = pages.posted_answer(question, FormData([("answer", "far too long an answer")]))
    assert checked.value == {"text": "far too long an answer"}
    assert pages.answer_error(question, checked) == (
        "Your answer must be 10 characters or fewer. It has 22 now."
    )
    fine = pages.posted_answer(question, FormData([("answer", "short")]))
    assert pages.answer_error(question, fine) is None


async def test_posted_choices_ignore_what_was_not_offered(app: Starlette) -> None:
    question = _questions()[1]
    checked = pages.posted_answer(question, FormData([("answer", "a"), ("answer", "zzz")]))
    assert checked.value["choices"] == ["a"] and pages.answer_error(question, checked) is None
    missing = pages.posted_answer(question, FormData([("answer", "zzz")]))
    assert pages.answer_error(question, missing)


async def test_check_rows_give_answers_in_words_and_the_callers_change_links(app: Starlette) -> None:
    questions = _questions()
    # kept by question id, not place: "q13" is the question at place 3
    answers = {"q11": {"text": "Because"}, "q13": {"choices": ["a"]}, "q17": {"text": "  \n "}}
    rows = pages.check_rows(questions, answers, "ur", lambda question: f"/change/{question.position}")
    assert [row["answer"] for row in rows] == ["Because", "سیب", ""]  # spaces alone: not answered
    # Each prompt carries the language it is really in: English where Urdu is missing.
    assert [row["prompt"] for row in rows] == [
        Localised("Why?", "en"),
        Localised("کون سا؟", "ur"),
        Localised("Anything else?", "en"),
    ]
    assert [row["change_url"] for row in rows] == ["/change/1", "/change/3", "/change/7"]


async def test_next_url_goes_onwards_or_back_to_check(app: Starlette) -> None:
    consultation = Consultation(slug="parks", title={"en": "Parks"})
    first, middle, last = _questions()
    questions = [first, middle, last]
    assert pages.next_url(consultation, questions, first, change=False) == "/c/parks/q/3"
    assert pages.next_url(consultation, questions, last, change=False) == "/c/parks/hear-back"
    assert pages.next_url(consultation, questions, first, change=True) == "/c/parks/check"
