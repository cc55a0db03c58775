"""Data for the live browser-test server: one account per role, areas, a closed
consultation and screened contributions (some possible disclosures).

Run as ``python -m tests.browser.seed`` with the live server's environment.
Everything goes through the same services the app uses (intake screens each text).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from tortoise import Tortoise

from tests.support.http import PASSWORD
from voice.accounts.models import Role
from voice.accounts.services import create_staff
from voice.db import tortoise_config
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.journey import standing_consultation
from voice.feedback.models import (
    Area,
    Consent,
    Consultation,
    ContributionKind,
    Question,
    QuestionKind,
    Source,
)
from voice.moderation.services import approve
from voice.priorities.models import InfluenceAction, Priority, reporting_year
from voice.settings import load_settings

#: role -> email of the account the browser tests sign in with.
ACCOUNTS: dict[Role, str] = {
    Role.ADMIN: "admin@voice.test",
    Role.MODERATOR: "moderator@voice.test",
    Role.SAFEGUARDING_LEAD: "lead@voice.test",
    Role.ANALYST: "analyst@voice.test",
}

CLOSED_SLUG = "last-summer"

#: Approved contributions, one per viewport, that the priorities test links to a priority.
APPROVED: dict[str, str] = {
    "phone": "Youth clubs should open on Sundays",
    "desktop": "Youth clubs should open in the school holidays",
}

WORDS: tuple[tuple[str, str], ...] = (
    ("en", "The park near school needs more lights at night"),
    ("en", "my dad hits me when he is drunk and i am scared to go home tonight"),
    ("en", "Call me on 07700 900123 if you want to know more about the youth club"),
    ("en", "Buses are too expensive for young people"),
    ("en", "i get bullied every day on the way home and nobody helps"),
    ("ur", "میرے بیٹے کے اسکول نے ہماری بہت مدد کی، شکریہ"),
    ("pl", "Potrzebujemy więcej zajęć dla młodzieży po szkole"),
    ("en", "Teachers should listen more when we say something is wrong"),
)


async def seed() -> None:
    now = datetime.now(UTC)
    accounts = {
        role: await create_staff(
            email=email, display_name=role.value.replace("_", " ").title(), role=role, password=PASSWORD
        )
        for role, email in ACCOUNTS.items()
    }
    for position, name in enumerate(("Chapeltown", "Harehills", "Armley"), start=1):
        await Area.create(code=name.lower(), name=name, position=position)
    closed = await Consultation.create(
        slug=CLOSED_SLUG,
        title={"en": "Summer holidays", "ur": "گرمیوں کی چھٹیاں"},
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=30),
        languages=["en", "ur", "pl", "ar", "ro"],
    )
    await Question.create(
        consultation=closed, position=1, kind=QuestionKind.FREE_TEXT, prompt={"en": "What did you do?"}
    )
    standing = await standing_consultation()
    question = await standing.questions.all().order_by("position").first()
    assert question is not None
    for offset, (language, text) in enumerate(WORDS):
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=question.id, text=text),),
                submitted_at=now - timedelta(minutes=30 * offset),
                language=language,
                consultation_id=standing.id,
            )
        )
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="More youth workers on takeover day, please"),),
            submitted_at=now - timedelta(hours=6),
            kind=ContributionKind.TAKEOVER,
            source=Source.EVENT,
        )
    )
    for text in APPROVED.values():
        made = await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=question.id, text=text),),
                submitted_at=now,
                consent=Consent.QUOTE_ANONYMOUSLY,
            )
        )
        await approve(made.contribution, by=accounts[Role.MODERATOR], now=now, counted=True, quotable=True)
    # The child-friendly report then has something in every part.
    await Priority.create(
        reporting_year=reporting_year(now.date()),
        position=1,
        title="Seeded goal",
        child_friendly_title="Clubs you can get to",
        owning_agency="Leeds City Council",
    )
    await InfluenceAction.create(
        reporting_year=reporting_year(now.date()),
        you_said="Clubs should open at weekends.",
        we_did="<p>Two clubs now open on <strong>Sundays</strong>.</p>",
        agency="Leeds City Council",
        happened_on=now.date(),
    )


async def main() -> None:
    await Tortoise.init(config=tortoise_config(load_settings()))
    try:
        await seed()
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main())
