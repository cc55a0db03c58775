"""What the child-friendly report rests on: changes whose words were taken back, quotes that
must not vanish or repeat, and takeover meetings that really gave us words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.applications import Starlette

from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Answer, Consent, Contribution, RejectionReason, Respondent, Source
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority
from voice.priorities.services import ActionEvidence, action_evidence, actions_for
from voice.reports import services
from voice.reports.services import QUOTES, child_report

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # reporting year 2026 to 2027
TODAY = NOW.date()


@pytest.fixture
async def moderator(app: Starlette, staff: dict[Role, StaffUser]) -> StaffUser:
    return staff[Role.MODERATOR]


async def words(
    text: str,
    by: StaffUser,
    *,
    when: datetime = NOW - timedelta(days=10),
    quotable: bool = False,
    event_id: int | None = None,
) -> Contribution:
    """Approved words from a young person who agreed to be quoted without a name."""
    made = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text=text),),
                submitted_at=when,
                source=Source.EVENT if event_id is not None else Source.ONLINE,
                consent=Consent.QUOTE_ANONYMOUSLY,
                respondent=Respondent.YOUNG_PERSON,
                event_id=event_id,
            )
        )
    ).contribution
    await moderation.approve(made, by=by, now=NOW, counted=True, quotable=quotable)
    await made.refresh_from_db()
    return made


async def change(
    you_said: str,
    *,
    contributions: tuple[Contribution, ...] = (),
    themes: tuple[Theme, ...] = (),
    happened_on: date = date(2026, 11, 20),
) -> InfluenceAction:
    priority = await Priority.get_or_none(reporting_year=2026) or await Priority.create(
        reporting_year=2026, position=1, title="Getting about", owning_agency="Council"
    )
    action = await InfluenceAction.create(
        priority=priority,
        reporting_year=2026,
        you_said=you_said,
        we_did="<p>Cheaper fares for under 18s.</p>",
        agency="Council",
        happened_on=happened_on,
    )
    if contributions:
        await action.contributions.add(*contributions)
    if themes:
        await action.themes.add(*themes)
    return action


async def reject_after_all(contribution: Contribution, by: StaffUser) -> None:
    """Approved words can be rejected only after they are put back in review."""
    await moderation.reopen(contribution, by=by, now=NOW)
    await moderation.reject(contribution, by=by, now=NOW, reason=RejectionReason.DUPLICATE, note="")


async def shown_changes() -> list[tuple[str, str]]:
    return [(item.you_said, item.we_did) for item in (await child_report(2026, TODAY)).changes]


# --- "You said, we did" once the words are taken back ------------------------


async def test_a_change_resting_only_on_withdrawn_words_leaves_the_report(moderator: StaffUser) -> None:
    said = await words("The buses cost too much for us", moderator)
    await change("The buses cost too much for us", contributions=(said,))
    assert await shown_changes() == [
        ("The buses cost too much for us", "<p>Cheaper fares for under 18s.</p>")
    ]
    await moderation.withdraw(said, by=moderator, now=NOW, note="Asked by phone")
    assert await shown_changes() == []


@pytest.mark.parametrize("how", ["rejected", "back in review"])
async def test_words_no_longer_approved_take_the_change_with_them(moderator: StaffUser, how: str) -> None:
    said = await words("The buses cost too much for us", moderator)
    await change("The buses cost too much for us", contributions=(said,))
    if how == "rejected":
        await reject_after_all(said, moderator)
    else:
        await moderation.reopen(said, by=moderator, now=NOW)
    assert await shown_changes() == []
    # Approved again, it stands again.
    await said.refresh_from_db()
    if how == "rejected":
        await moderation.reopen(said, by=moderator, now=NOW)
    await moderation.approve(said, by=moderator, now=NOW, counted=True, quotable=False)
    assert [you_said for you_said, _ in await shown_changes()] == ["The buses cost too much for us"]


async def test_one_of_two_withdrawn_keeps_the_change_but_not_its_words(moderator: StaffUser) -> None:
    """ "You said" may be the withdrawn person's own words: it goes, what changed stays."""
    kept = await words("Buses are dear", moderator)
    gone = await words("My bus pass costs more than my phone", moderator)
    await change("My bus pass costs more than my phone", contributions=(kept, gone))
    await moderation.withdraw(gone, by=moderator, now=NOW, note="Asked by email")
    assert await shown_changes() == [("", "<p>Cheaper fares for under 18s.</p>")]


async def test_a_theme_with_approved_words_from_by_then_still_holds_the_change(moderator: StaffUser) -> None:
    theme = await Theme.create(name="Transport")
    other = await words("Night buses please", moderator, when=NOW - timedelta(days=20))
    await moderation.set_themes(other, [theme.id], by=moderator, now=NOW)
    said = await words("The buses cost too much for us", moderator)
    await change("The buses cost too much for us", contributions=(said,), themes=(theme,))
    await moderation.withdraw(said, by=moderator, now=NOW, note="Asked by phone")
    assert await shown_changes() == [("", "<p>Cheaper fares for under 18s.</p>")]
    # The theme's words taken back too: nothing approved is left under the change.
    await moderation.withdraw(other, by=moderator, now=NOW, note="Asked by phone")
    assert await shown_changes() == []


async def test_a_theme_only_counts_with_words_from_on_or_before_the_day(moderator: StaffUser) -> None:
    theme = await Theme.create(name="Transport")
    first = await words("Night buses please", moderator, when=NOW - timedelta(days=20))
    await moderation.set_themes(first, [theme.id], by=moderator, now=NOW)
    later = await words("More night buses", moderator, when=NOW - timedelta(days=1))
    await moderation.set_themes(later, [theme.id], by=moderator, now=NOW)
    await change("Buses at night", themes=(theme,), happened_on=date(2026, 11, 10))
    assert [you_said for you_said, _ in await shown_changes()] == ["Buses at night"]
    # Words from after the change (21 November) cannot be what it happened because of.
    await moderation.withdraw(first, by=moderator, now=NOW, note="Asked by phone")
    assert await shown_changes() == []


async def test_a_change_recorded_without_evidence_is_still_shown(moderator: StaffUser) -> None:
    """Only a change that lost its words goes; one entered with none (outside the form) has none to lose."""
    await change("Board members should visit us.")
    assert [you_said for you_said, _ in await shown_changes()] == ["Board members should visit us."]


async def test_staff_counts_say_what_left(moderator: StaffUser) -> None:
    kept = await words("Buses are dear", moderator)
    withdrawn = await words("Bus passes cost too much", moderator)
    rejected = await words("Fares are unfair", moderator)
    reopened = await words("Tickets cost a lot", moderator)
    action = await change("Buses cost too much", contributions=(kept, withdrawn, rejected, reopened))
    untouched = await change("Buses are dear", contributions=(kept,))
    await moderation.withdraw(withdrawn, by=moderator, now=NOW, note="Asked by phone")
    await reject_after_all(rejected, moderator)
    await moderation.reopen(reopened, by=moderator, now=NOW)
    found = await action_evidence([action, untouched])
    assert found[action.id] == ActionEvidence(4, 1, 2, 0, 0)
    assert found[action.id].approved == 1 and found[action.id].public
    assert not found[action.id].you_said_public
    assert found[untouched.id] == ActionEvidence(1, 0, 0, 0, 0) and found[untouched.id].you_said_public
    priority = await Priority.get(reporting_year=2026)
    rows = {row.action.id: row for row in await actions_for(priority)}
    assert (rows[action.id].contributions, rows[action.id].evidence.gone) == (4, 3)
    assert await action_evidence([]) == {}


# --- quotes ---------------------------------------------------------------


async def test_quotes_fill_from_older_words_when_the_newest_had_names_taken_out(moderator: StaffUser) -> None:
    """More redacted words than the first page of quotable ones must not hide the clean ones."""
    for n in range(QUOTES + 1):
        await words(
            f"Clean words number {n} about the park",
            moderator,
            when=NOW - timedelta(days=30 + n),
            quotable=True,
        )
    for n in range(25):
        newer = await words(
            f"Sam says the youth club {n} is great", moderator, when=NOW - timedelta(days=2), quotable=True
        )
        # A moderator took the name out: the redacted words differ from the original.
        await Answer.filter(contribution_id=newer.id).update(redacted_text=f"The youth club {n} is great")
    for n in range(5):
        marked = await words(f"Old words {n}", moderator, when=NOW - timedelta(days=3), quotable=True)
        # After retention the original is gone, but the mark shows something was taken out.
        await Answer.filter(contribution_id=marked.id).update(text=None, redacted_text=f"[name] said {n}")
    quotes = (await child_report(2026, TODAY)).quotes
    assert [quote.text for quote in quotes] == [
        f"Clean words number {n} about the park" for n in range(QUOTES)
    ]


async def test_quotes_page_through_words_that_are_too_long_or_repeated(moderator: StaffUser) -> None:
    same_moment = NOW - timedelta(days=2)
    for n in range(services.QUOTE_PAGE + 3):  # more than a page, all sent at the same moment
        await words(f"Too long {n} " + "words " * 60, moderator, when=same_moment, quotable=True)
    await words("The buses are too expensive", moderator, when=NOW - timedelta(days=5), quotable=True)
    await words("the buses are  too EXPENSIVE", moderator, when=NOW - timedelta(days=6), quotable=True)
    await words("The buses are too expensive", moderator, when=NOW - timedelta(days=7), quotable=True)
    await words("The park is dark at night", moderator, when=NOW - timedelta(days=8), quotable=True)
    quotes = (await child_report(2026, TODAY)).quotes
    assert [quote.text for quote in quotes] == ["The buses are too expensive", "The park is dark at night"]


async def test_quotes_keep_to_the_limit_and_the_newest(moderator: StaffUser) -> None:
    for n in range(services.QUOTE_PAGE + 5):
        await words(f"Quote {n}", moderator, when=NOW - timedelta(days=1, minutes=n), quotable=True)
    quotes = (await child_report(2026, TODAY)).quotes
    assert [quote.text for quote in quotes] == [f"Quote {n}" for n in range(QUOTES)]


# --- takeover meetings ---------------------------------------------------------


async def test_only_takeovers_that_gave_approved_words_are_counted(moderator: StaffUser) -> None:
    heard = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 6, 1), participants=14)
    await TakeoverEvent.create(title="Made by mistake", held_on=date(2026, 6, 2), participants=30)
    waiting = await TakeoverEvent.create(title="Not typed up", held_on=date(2026, 7, 1), participants=8)
    withdrawn = await TakeoverEvent.create(title="Taken back", held_on=date(2026, 8, 1), participants=5)
    await words("More youth workers", moderator, when=datetime(2026, 6, 1, 11, tzinfo=UTC), event_id=heard.id)
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="Not read yet"),),
            submitted_at=datetime(2026, 7, 1, 11, tzinfo=UTC),
            source=Source.EVENT,
            event_id=waiting.id,
        )
    )
    taken = await words(
        "Please take this out", moderator, when=datetime(2026, 8, 1, 11, tzinfo=UTC), event_id=withdrawn.id
    )
    await moderation.withdraw(taken, by=moderator, now=NOW, note="Asked at the meeting")
    report = await child_report(2026, TODAY)
    assert (report.takeover_events, report.takeover_people) == (1, 14)
    # The board's figures still count every event recorded.
    assert await services.takeovers_in(2026) == (4, 57)


async def test_words_taken_back_from_a_theme_take_you_said_with_them(moderator: StaffUser) -> None:
    """A change through a theme may quote one of its words as "You said": when those are
    withdrawn, the report keeps what changed (other words still stand) but not "You said"."""
    theme = await Theme.create(name="Transport")
    mine = await words("My bus pass costs more than my phone", moderator, when=NOW - timedelta(days=5))
    other = await words("Buses are too dear", moderator, when=NOW - timedelta(days=4))
    for said in (mine, other):
        await moderation.set_themes(said, [theme.id], by=moderator, now=NOW)
    await change("My bus pass costs more than my phone", themes=(theme,))
    assert [you_said for you_said, _ in await shown_changes()] == ["My bus pass costs more than my phone"]
    await moderation.withdraw(mine, by=moderator, now=NOW, note="Asked by phone")
    assert await shown_changes() == [("", "<p>Cheaper fares for under 18s.</p>")]
