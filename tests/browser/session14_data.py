"""Data for the page states the fourteenth session added, made in the live server's database
through the app's own services: a contribution whose sender asked to hear back, a priority
with a linked contribution that had a safeguarding case (and one without), and a consultation
whose second question takes words.

Run as ``python -m tests.browser.session14_data`` with the live server's environment; it prints
the ids as JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.browser.data_script import run
from voice.accounts.models import StaffUser
from voice.cases.services import raise_case
from voice.clock import uk_date
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consultation, ContactDetail, Contribution, Question, QuestionKind
from voice.moderation import services as moderation
from voice.priorities.models import Priority, reporting_year
from voice.priorities.services import link_contribution


async def _sent(text: str, now: datetime) -> Contribution:
    made = await submit(ContributionIn(answers=(AnswerIn(question_id=None, text=text),), submitted_at=now))
    return made.contribution


async def make() -> dict[str, int | str]:
    now = datetime.now(UTC)
    moderator = await StaffUser.get(email="moderator@voice.test")
    hear_back = await _sent("The skate park lights should stay on later in winter", now)
    await ContactDetail.create(
        contribution=hear_back, method="email", value="skater.kid@example.org", consent_given_at=now
    )
    priority = await Priority.create(
        reporting_year=reporting_year(uk_date(now)),
        position=99,
        title="Safer journeys home",
        owning_agency="West Yorkshire Police",
    )
    for text, with_case in (("More buses after youth club please", False), ("My mate carries bags", True)):
        linked = await _sent(text, now)
        await moderation.approve(linked, by=moderator, now=now, counted=True, quotable=False)
        await linked.refresh_from_db()
        await link_contribution(linked, priority.id, "Said online", moderator, uk_date(now))
        if with_case:
            await raise_case(linked.id, by=moderator, note="Possible exploitation", now=now)
    stale = [await _sent(f"The library is a good place to go after school ({n})", now) for n in (1, 2)]
    slug = f"two-steps-{now.timestamp():.0f}"
    consultation = await Consultation.create(
        slug=slug, title={"en": "Walking home"}, opens_at=now - timedelta(days=1)
    )
    await Question.create(
        consultation=consultation,
        position=1,
        kind=QuestionKind.SINGLE_CHOICE,
        required=True,
        prompt={"en": "Do you walk home?"},
        options=[{"value": "yes", "label": {"en": "Yes"}}, {"value": "no", "label": {"en": "No"}}],
    )
    await Question.create(
        consultation=consultation,
        position=2,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        max_length=500,
        prompt={"en": "What would make it safer?"},
    )
    return {
        "hear_back": hear_back.id,
        "priority": priority.id,
        "stale_phone": stale[0].id,
        "stale_desktop": stale[1].id,
        "slug": slug,
    }


if __name__ == "__main__":
    run(make)
