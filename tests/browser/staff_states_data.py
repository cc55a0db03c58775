"""Data for the staff states this session's pages added, made in the live server's database
through the app's own services: a contribution that only chose answers (with a case raised by
hand), a takeover comment, and a professional's words.

Run as ``python -m tests.browser.staff_states_data`` with the live server's environment; it
prints the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.accounts.models import StaffUser
from voice.cases.services import raise_case
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import (
    Answer,
    Consent,
    Consultation,
    ContributionKind,
    Question,
    QuestionKind,
    Respondent,
)


async def make() -> dict[str, int]:
    now = datetime.now(UTC)
    consultation = await Consultation.create(
        slug=f"states-{now.timestamp():.0f}", title={"en": "Feeling safe"}, opens_at=now - timedelta(days=1)
    )
    rating = await Question.create(
        consultation=consultation,
        position=1,
        kind=QuestionKind.RATING,
        required=True,
        prompt={"en": "How safe do you feel in your area?"},
        options=[
            {"value": "not_safe", "label": {"en": "Not safe"}, "emoji": None},
            {"value": "very_safe", "label": {"en": "Very safe"}, "emoji": None},
        ],
    )
    chose = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=rating.id, text=None, choices=("not_safe",)),),
                submitted_at=now,
                consultation_id=consultation.id,
                age_band="11_15",
                respondent=Respondent.YOUNG_PERSON,
            )
        )
    ).contribution
    assert await Answer.filter(contribution=chose, choices=["not_safe"]).exists()
    moderator = await StaffUser.get(email="moderator@voice.test")
    case = await raise_case(chose.id, by=moderator, note="Chose not safe", now=now, level="urgent")
    event = await TakeoverEvent.create(title="Board takeover", held_on=(now - timedelta(days=3)).date())
    takeover = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text="More youth workers please"),),
                submitted_at=now - timedelta(days=3),
                received_at=now,
                kind=ContributionKind.TAKEOVER,
                event_id=event.id,
            )
        )
    ).contribution
    professional = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text="The family would like more help at weekends"),),
                submitted_at=now,
                respondent=Respondent.PROFESSIONAL,
                consent=Consent.QUOTE_ANONYMOUSLY,  # agreed, but a professional's words are never quoted
            )
        )
    ).contribution
    return {
        "case": case.id,
        "consultation": consultation.id,
        "question": rating.id,
        "takeover": takeover.id,
        "professional": professional.id,
    }


if __name__ == "__main__":
    run(make)
