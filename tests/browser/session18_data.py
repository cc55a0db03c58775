"""Data for the eighteenth session's browser tests, made in the live server's database through
the app's own models, one consultation per test and viewport (each open, offered in English and
Urdu):

- ``sent-again-<viewport>``: one free-text question, to send a possible disclosure and see its
  receipt shown again;
- ``untranslated-<viewport>``: a "choose all that apply" question whose options staff left
  partly in English only, and an age question (about you, so optional: "Prefer not to say");
- ``track_code``: the receipt code of a contribution sent a moment ago, to follow on /track;
- ``priority``: this year's priority with no title for young people, a theme linked to it that
  holds a possible disclosure, and a contribution linked to it whose author did not agree to be
  quoted (the change form marks both).

Run as ``python -m tests.browser.session18_data`` with the live server's environment; it prints
the slugs as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.browser.data_script import run
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.journey import AGE_BANDS
from voice.feedback.models import Consent, Consultation, Contribution, Question, QuestionKind, Status
from voice.moderation.models import Theme
from voice.priorities.models import Priority, PriorityLink, reporting_year

VIEWPORTS = ("phone", "desktop")

#: The options of the "choose all that apply" question: one translated, two left in English.
PLACES: tuple[dict[str, Any], ...] = (
    {"value": "roundhay", "label": {"en": "Roundhay Park"}},
    {"value": "library", "label": {"en": "The library", "ur": "لائبریری"}},
    {"value": "potternewton", "label": {"en": "Potternewton Park"}},
)


async def _open(slug: str, title: dict[str, str]) -> Consultation:
    return await Consultation.create(
        slug=slug,
        title=title,
        opens_at=datetime.now(UTC) - timedelta(days=1),
        closes_at=datetime.now(UTC) + timedelta(days=30),
        languages=["en", "ur"],
    )


async def make() -> dict[str, str]:
    made: dict[str, str] = {}
    for name in VIEWPORTS:
        sent = await _open(f"sent-again-{name}", {"en": "Feeling safe at home", "ur": "گھر میں محفوظ"})
        await Question.create(
            consultation=sent,
            position=1,
            kind=QuestionKind.FREE_TEXT,
            required=True,
            max_length=2000,
            prompt={
                "en": "What would help you feel safe?",
                "ur": "آپ کو محفوظ محسوس کرنے میں کیا مدد کرے گا؟",
            },
        )
        made[f"sent_again_{name}"] = sent.slug

        untranslated = await _open(f"untranslated-{name}", {"en": "Places to go", "ur": "جانے کی جگہیں"})
        await Question.create(
            consultation=untranslated,
            position=1,
            kind=QuestionKind.MULTIPLE_CHOICE,
            required=True,
            prompt={"en": "Where do you go after school?", "ur": "آپ اسکول کے بعد کہاں جاتے ہیں؟"},
            options=[{**option, "label": dict(option["label"])} for option in PLACES],
        )
        await Question.create(
            consultation=untranslated,
            position=2,
            kind=QuestionKind.AGE_BAND,
            required=False,
            prompt={"en": "How old are you?", "ur": "آپ کی عمر کیا ہے؟"},
            options=[{**band, "label": dict(band["label"]), "emoji": None} for band in AGE_BANDS],
        )
        made[f"untranslated_{name}"] = untranslated.slug
    words = (AnswerIn(question_id=None, text="More lights in the park please"),)
    sent_now = await submit(ContributionIn(answers=words, submitted_at=datetime.now(UTC)))
    made["track_code"] = sent_now.contribution.receipt_code
    made["priority"] = await _priority_with_marked_words()
    return made


async def _approved(text: str, consent: Consent) -> Contribution:
    words = (AnswerIn(question_id=None, text=text),)
    made = (
        await submit(ContributionIn(answers=words, submitted_at=datetime.now(UTC), consent=consent))
    ).contribution
    await Contribution.filter(id=made.id).update(status=Status.APPROVED)
    return made


async def _priority_with_marked_words() -> int:
    priority = await Priority.create(
        reporting_year=reporting_year(datetime.now(UTC).date()),
        position=99,
        title="Strengthen multi-agency thresholds",
        owning_agency="Leeds City Council",
    )
    private = await _approved("There is nowhere safe to wait for the bus after dark", Consent.NOT_QUOTABLE)
    flagged = await _approved("my step dad hits me and i dont want to go home", Consent.QUOTE_ANONYMOUSLY)
    theme = await Theme.create(name="Feeling safe at home")
    await flagged.themes.add(theme)
    await PriorityLink.create(priority=priority, contribution=private)
    await PriorityLink.create(priority=priority, theme=theme)
    return priority.id


if __name__ == "__main__":
    run(make)
