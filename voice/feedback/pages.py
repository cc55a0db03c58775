"""What each page of the journey shows, for the journey itself and for the staff preview.

The public journey (``voice.feedback.routes``) and the preview of a consultation
(``voice.consultations.routes``) build their pages here, so a young person and the staff
member previewing see the same words, errors and links. Plain values in, template context out:
no Request, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.datastructures import FormData

from voice.feedback import journey, lengths
from voice.feedback.models import Consultation, Question, QuestionKind
from voice.public.services import Localised, localised_with_lang, optional_text, questions_shown_in
from voice.web.i18n import _, current_locale


def neighbours(
    questions: Sequence[Question], position: int
) -> tuple[Question | None, Question | None, Question | None]:
    """The question before the one at ``position``, that question, and the one after."""
    for index, question in enumerate(questions):
        if question.position == position:
            before = questions[index - 1] if index > 0 else None
            after = questions[index + 1] if index + 1 < len(questions) else None
            return before, question, after
    return None, None, None


#: A question page's form names the question it showed, so an answer is saved to that question
#: even if staff moved questions while it was being typed (its place in the URL may now hold
#: another question).
QUESTION_FIELD = "question"


class Gone:
    """The question a page showed was deleted while it was being answered."""


GONE = Gone()


def posted_question(questions: Sequence[Question], position: int, posted: object) -> Question | Gone | None:
    """The question a posted page showed: the one it names, else the one at ``position``.

    ``GONE`` when the page names a question that no longer exists; None when neither is found.
    """
    if isinstance(posted, str) and posted.isascii() and posted.isdigit():
        wanted = int(posted)
        return next((question for question in questions if question.id == wanted), GONE)
    return neighbours(questions, position)[1]


def answer_error(question: Question, checked: journey.Checked) -> str | None:
    """The words for ``checked.error``: "too long" says how long the answer is now."""
    if checked.error != "too_long":
        return checked.error
    return _("Your answer must be %(max)d characters or fewer. It has %(now)d now.") % {
        "max": question.max_length,
        "now": lengths.reported_length(checked.value["text"].strip()),
    }


def recheck(question: Question, value: dict[str, Any]) -> str | None:
    """The error, if any, for an answer kept unchecked (see ``journey.keep_unsent``)."""
    choices = value.get("choices", [])
    text = value.get("text")
    return answer_error(
        question,
        journey.check_answer(
            question,
            text if isinstance(text, str) else None,
            [item for item in choices if isinstance(item, str)] if isinstance(choices, list) else [],
        ),
    )


def back_url(consultation: Consultation, questions: Sequence[Question], question: Question) -> str:
    """Where a question page's Back link goes outside "Change": the question before, or the start."""
    before, _this, _after = neighbours(questions, question.position)
    base = f"/c/{consultation.slug}"
    return f"{base}/q/{before.position}" if before is not None else base


def question_context(
    consultation: Consultation,
    questions: Sequence[Question],
    question: Question,
    value: dict[str, Any],
    change: bool,
    error: str | None,
) -> dict[str, Any]:
    """One question page. Its links are the journey's; the preview maps them to its own."""
    locale = current_locale()
    base = f"/c/{consultation.slug}"
    back = f"{base}/check" if change else back_url(consultation, questions, question)
    field_id = "answer" if question.kind == QuestionKind.FREE_TEXT else "answer-1"
    prompt = localised_with_lang(question.prompt, locale)
    optional = not journey.is_required(question)
    return {
        "heading": prompt.text + " " + _("(optional)") if optional else prompt.text,
        # The heading's parts: staff's words (marked with their language if they fell back to
        # another) and "(optional)" in the page's language.
        "prompt": prompt,
        "optional": optional,
        "has_errors": bool(error),
        "consultation_title": localised_with_lang(consultation.title, locale),
        "questions_in": questions_shown_in(consultation, locale),
        "hint": optional_text(question.hint, locale, prompt.lang),
        "kind": question.kind.value,
        "multiple": journey.is_multiple(question),
        # An optional one-answer question can be un-answered without JavaScript.
        "can_clear": optional and not journey.is_multiple(question),
        "options": journey.options_of(question, locale),
        "text": value.get("text", ""),
        "chosen": list(value.get("choices", [])),
        "declined": bool(value.get("declined")),
        "max_length": question.max_length,
        "action": f"{base}/q/{question.position}" + ("?change=1" if change else ""),
        "question_field": QUESTION_FIELD,
        "question_id": question.id,
        "back_url": back,
        "change": change,
        "field_id": field_id,
        "errors": [(field_id, error)] if error else [],
        "error": error,
        "number": list(questions).index(question) + 1,
        "count": len(questions),
    }


def hear_back_context(
    consultation: Consultation,
    questions: Sequence[Question],
    contact: dict[str, str],
    change: bool,
    error: str | None,
) -> dict[str, Any]:
    """The "Do you want to hear back?" page."""
    base = f"/c/{consultation.slug}"
    back = f"{base}/check" if change else (f"{base}/q/{questions[-1].position}" if questions else base)
    wants = contact.get("wants")
    on_contact = wants == "yes" or (wants == "no" and bool(contact.get("value")))
    field_id = "contact" if on_contact else "hear-back-no"
    return {
        "action": f"{base}/hear-back" + ("?change=1" if change else ""),
        "back_url": back,
        "wants": contact.get("wants", ""),
        "contact": contact.get("value", ""),
        "share": contact.get("share", "no"),
        "errors": [(field_id, error)] if error else [],
        "error": error,
        "error_on_contact": bool(error) and field_id == "contact",
    }


def check_rows(
    questions: Sequence[Question],
    answers: dict[str, Any],
    locale: str,
    change_url: Callable[[Question], str],
) -> list[dict[str, Any]]:
    """The rows of "Check your answers": each question, its answer in words, and its Change link."""
    return [
        {
            "prompt": localised_with_lang(question.prompt, locale),
            "answer": journey.answer_summary(question, answers.get(journey.answer_key(question)), locale),
            "words": _marked_words(question, answers.get(journey.answer_key(question)), locale),
            "change_url": change_url(question),
        }
        for question in questions
    ]


def _marked_words(question: Question, value: dict[str, Any] | None, locale: str) -> list[Localised]:
    """The options chosen, one by one, when any of them is in another language than the page's
    (staff did not translate it), so each can carry its own ``lang``; else none (the answer's
    words are printed as they are)."""
    words = journey.chosen_words(question, value, locale)
    return words if any(word.lang != locale for word in words) else []


def posted_answer(question: Question, form: FormData) -> journey.Checked:
    """Check the ``answer`` field(s) of a posted question page."""
    text = form.get("answer")
    return journey.check_answer(
        question,
        text if isinstance(text, str) else None,
        [item for item in form.getlist("answer") if isinstance(item, str)],
    )


def next_url(
    consultation: Consultation, questions: Sequence[Question], question: Question, change: bool
) -> str:
    """Where an accepted answer goes: back to the check page after a Change, else onwards."""
    base = f"/c/{consultation.slug}"
    if change:
        return f"{base}/check"
    _before, _this, after = neighbours(questions, question.position)
    return f"{base}/q/{after.position}" if after is not None else f"{base}/hear-back"
