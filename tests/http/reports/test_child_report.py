"""The child-friendly annual report: what counts, what is left out, and every language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import page, text_of, title
from tests.support.contributions import PHONE_TEXT, URGENT_TEXT
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, ContributionKind, Respondent, Source
from voice.moderation import services as moderation
from voice.priorities.models import InfluenceAction, Priority

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # reporting year 2026 to 2027


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(NOW)
    app.state.clock = fixed
    return fixed


async def contribution(
    text: str,
    by: StaffUser,
    *,
    when: datetime = NOW - timedelta(days=10),
    language: str = "en",
    kind: ContributionKind = ContributionKind.FEEDBACK,
    counted: bool = True,
    quotable: bool = False,
    approve: bool = True,
    respondent: Respondent = Respondent.YOUNG_PERSON,
) -> Contribution:
    made = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text=text),),
                submitted_at=when,
                kind=kind,
                source=Source.ONLINE,
                language=language,
                consent=Consent.QUOTE_ANONYMOUSLY,
                respondent=respondent,
            )
        )
    ).contribution
    if approve:
        await moderation.approve(made, by=by, now=NOW, counted=counted, quotable=quotable)
    return made


async def test_an_empty_year(client: httpx.AsyncClient, clock: FixedClock) -> None:
    response = await client.get("/report")
    assert response.status_code == 200
    assert title(response) == "What you told us in 2026 to 2027 – Voice"
    shown = text_of(response)
    assert "This year is not over yet." in shown
    assert "We have not counted this yet." in shown and "We have not written this part yet." in shown
    assert "In your own words" not in shown


async def test_a_finished_year_with_nothing_in_it_does_not_say_not_yet(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    """For a year that is over, "not counted yet" would be untrue to a child."""
    response = await client.get("/report/2025")
    assert response.status_code == 200
    shown = text_of(response)
    assert "This year is not over yet." not in shown
    assert "We have no figures for this year." in shown
    assert shown.count("Nothing was written here for this year.") == 2
    assert "not counted this yet" not in shown and "not written this part yet" not in shown


async def test_what_counts(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    by = staff[Role.MODERATOR]
    await Priority.create(
        reporting_year=2026,
        position=1,
        title="Neglect",
        child_friendly_title="Getting help early",
        owning_agency="X",
    )
    await Priority.create(reporting_year=2026, position=2, title="Exploitation", owning_agency="Police")
    await Priority.create(reporting_year=2025, position=1, title="Last year's goal", owning_agency="X")
    await contribution("Youth clubs are good", by, quotable=True)
    await contribution("Klub młodzieżowy jest super", by, language="pl")
    await contribution("When I left care nobody helped", by, kind=ContributionKind.LIVED_EXPERIENCE)
    await contribution("میرے بیٹے کے اسکول نے مدد کی", by, language="ur", quotable=True)
    await contribution(PHONE_TEXT, by, quotable=True)  # had a phone number taken out: never quoted
    await contribution("Not counted in figures", by, counted=False)
    await contribution("Still waiting to be read", by, approve=False)
    await contribution("Last year's words", by, when=datetime(2026, 3, 30, tzinfo=UTC), quotable=True)
    await contribution("Not to be quoted", by, quotable=False)
    for_a_family = await contribution(
        "A worker wrote this for a family", by, respondent=Respondent.PROFESSIONAL
    )
    # Moderation no longer lets a professional's words be quotable; any marked so before that
    # are still left out of the report.
    await Contribution.filter(id=for_a_family.id).update(quotable=True)
    await contribution(URGENT_TEXT, by, quotable=True)  # a possible disclosure is never quoted
    board = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 6, 1), participants=14)
    took_over = await contribution(
        "More youth workers please", by, when=datetime(2026, 6, 1, 10, tzinfo=UTC), counted=False
    )
    await Contribution.filter(id=took_over.id).update(event_id=board.id)  # only events we heard from count
    await TakeoverEvent.create(title="Nothing heard yet", held_on=date(2026, 7, 1), participants=20)
    await TakeoverEvent.create(title="Old takeover", held_on=date(2026, 3, 1), participants=9)
    await InfluenceAction.create(
        reporting_year=2026,
        you_said="Board members should visit us.",
        we_did="<p>They now visit a youth group <strong>each term</strong>.</p>",
        agency="LSCP",
        happened_on=date(2026, 10, 1),
    )
    response = await client.get("/report")
    shown = text_of(response)
    assert "You sent us 7 messages." in shown  # approved and counted, this year, not the worker's
    assert "1 person told us about their own life." in shown
    assert "You spoke to us in 3 languages." in shown
    assert "Young people took over 1 meeting of our leaders. 14 young people took part." in shown
    assert "Getting help early" in shown and "Exploitation" in shown and "Neglect" not in shown
    assert "Last year's goal" not in shown
    assert "You said: Board members should visit us." in shown
    assert "<strong>each term</strong>" in response.text
    quotes = [" ".join("".join(q.itertext()).split()) for q in page(response).iter("blockquote")]
    assert sorted(quotes) == sorted(["Youth clubs are good", "میرے بیٹے کے اسکول نے مدد کی"])
    urdu_quote = next(q for q in page(response).iter("blockquote") if q.get("lang") == "ur")
    assert urdu_quote.get("dir") == "rtl"
    assert "07700" not in shown and "Not to be quoted" not in response.text
    assert "A worker wrote this" not in response.text and "hits me" not in response.text
    assert 'href="/report/2025"' in response.text


async def test_in_urdu(client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]) -> None:
    await Priority.create(reporting_year=2026, position=1, title="Safe online", owning_agency="X")
    response = await client.get("/report", headers={"Accept-Language": "ur"})
    root = page(response)
    assert root.get("dir") == "rtl" and root.get("lang") == "ur"
    assert title(response) == "آپ نے 2026–2027 میں ہمیں کیا بتایا – Voice"
    goal = next(item for item in root.iter("span") if "".join(item.itertext()) == "Safe online")
    assert goal.get("lang") == "en" and goal.get("dir") == "ltr"  # what staff wrote is in English


@pytest.mark.parametrize("lang", ["en", "ur", "pl", "ar", "ro"])
async def test_every_language(client: httpx.AsyncClient, clock: FixedClock, lang: str) -> None:
    response = await client.get("/report", headers={"Accept-Language": lang})
    assert response.status_code == 200 and page(response).get("lang") == lang


async def test_years(client: httpx.AsyncClient, clock: FixedClock) -> None:
    await Priority.create(reporting_year=2025, position=1, title="Last year's goal", owning_agency="X")
    latest = await client.get("/report")
    assert title(latest) == "What you told us in 2025 to 2026 – Voice"  # the newest year with anything
    assert "This year is not over yet." not in text_of(latest)
    assert "Last year's goal" in text_of(latest)
    this_year = await client.get("/report/2026")
    assert this_year.status_code == 200 and "This year is not over yet." in text_of(this_year)
    for future_or_silly in ("/report/2027", "/report/1999", "/report/99999"):
        assert (await client.get(future_or_silly)).status_code == 404, future_or_silly


async def test_home_links_to_the_report(client: httpx.AsyncClient) -> None:
    home = await client.get("/")
    assert 'href="/report"' in home.text
