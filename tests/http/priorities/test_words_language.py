"""Young people's words on a priority's pages carry their own language and direction."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.feedback.models import Contribution, ScreeningLevel
from voice.moderation import services as moderation
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.priorities.models import InfluenceAction, Priority
from voice.priorities.services import link_contribution

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # reporting year 2026 to 2027
ARABIC = "نحتاج إلى أماكن آمنة للشباب في المساء"
URDU = "ہمیں شام کو محفوظ جگہوں کی ضرورت ہے"
ENGLISH = "We need safe places in the evening"


@pytest.fixture
async def moderator(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    app.state.clock = FixedClock(NOW)
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def _linked(priority: Priority, text: str, language: str, by: StaffUser) -> Contribution:
    contribution = await make_contribution(text, language=language)
    await moderation.approve(contribution, by=by, now=NOW, counted=True, quotable=False)
    await contribution.refresh_from_db()
    await link_contribution(contribution, priority.id, "Said at youth club", by, NOW.date())
    return contribution


def _holding(root: Element, tag: str, text: str) -> Element:
    found = [element for element in root.iter(tag) if "".join(element.itertext()).strip() == text]
    assert len(found) == 1, f"no single <{tag}> holds {text!r}"
    return found[0]


async def test_evidence_quotes_carry_lang_and_dir(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Safe places", owning_agency="Leeds City Council"
    )
    for text, language in ((ARABIC, "ar"), (URDU, "ur"), (ENGLISH, "en")):
        await _linked(priority, text, language, moderator)

    page = parse((await client.get(f"/staff/priorities/{priority.id}")).text)
    for text, language in ((ARABIC, "ar"), (URDU, "ur"), (ENGLISH, "en")):
        quote = _holding(page, "blockquote", text)
        assert (quote.get("lang"), quote.get("dir")) == (language, "auto")

    form = parse((await client.get(f"/staff/priorities/{priority.id}/changes/new")).text)
    for text, language in ((ARABIC, "ar"), (URDU, "ur"), (ENGLISH, "en")):
        words = _holding(form, "span", text)
        assert (words.get("lang"), words.get("dir")) == (language, "auto")


@pytest.mark.parametrize("status", ["open", "closed"])
async def test_a_possible_disclosure_linked_to_a_priority_keeps_its_words_off_the_page(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser], status: str
) -> None:
    """Analysts and partners read priority pages: the words of a contribution that had a
    safeguarding case never show there (the public report leaves them out too)."""
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Exploitation", owning_agency="West Yorkshire Police"
    )
    words = "older lads at the bus station keep asking my mate to carry packages for money"
    disclosure = await _linked(priority, words, "en", moderator)
    await _linked(priority, ENGLISH, "en", moderator)
    await SafeguardingCase.create(
        contribution=disclosure,
        level="urgent",
        original_text=words,
        reasons=["test"],
        opened_at=NOW,
        status=CaseStatus.OPEN if status == "open" else CaseStatus.CLOSED,
    )
    await sign_in(client, staff[Role.ANALYST])
    html = (await client.get(f"/staff/priorities/{priority.id}")).text
    assert "carry packages" not in html
    assert f"Contribution {disclosure.id}" in html
    # Analysts see nothing of safeguarding cases, not even that one was raised.
    assert "Its words are not shown here." in html and "safeguarding case" not in html
    assert ENGLISH in html  # other linked words still show
    await sign_in(client, staff[Role.MODERATOR])
    html = (await client.get(f"/staff/priorities/{priority.id}")).text
    assert "carry packages" not in html
    assert "Its words are not shown here: a safeguarding case was raised for it." in html


async def test_the_words_stay_off_after_retention_deletes_the_case(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    """Retention deletes a closed case's record; the contribution's screening level stays up,
    and that is enough to keep its words off the page (as the public report does)."""
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Exploitation", owning_agency="West Yorkshire Police"
    )
    words = "older lads at the bus station keep asking my mate to carry packages for money"
    disclosure = await _linked(priority, words, "en", moderator)
    await Contribution.filter(id=disclosure.id).update(screening_level=ScreeningLevel.URGENT)
    await SafeguardingCase.filter(contribution_id=disclosure.id).delete()  # as `voice purge` does
    await sign_in(client, staff[Role.ANALYST])
    html = (await client.get(f"/staff/priorities/{priority.id}")).text
    assert "carry packages" not in html
    assert "Its words are not shown here." in html


@pytest.mark.parametrize("reason", ["disclosure", "withdrawn"])
async def test_analysts_read_you_said_only_where_the_report_shows_it(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser], reason: str
) -> None:
    """Found by an exploratory test (2026-11-24): the page hid a possible disclosure's words from
    an analyst, then showed the same words a few lines below as a change's "You said", which a
    worker had typed in to sum up what was said. The report leaves that "You said" out; so does
    the page now, for analysts and partners. Staff who moderate still see it."""
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Exploitation", owning_agency="West Yorkshire Police"
    )
    words = "older lads at the bus station keep asking my mate to carry packages for money"
    evidence = await _linked(priority, words, "en", moderator)
    if reason == "disclosure":
        await Contribution.filter(id=evidence.id).update(screening_level=ScreeningLevel.URGENT)
    else:
        await moderation.withdraw(evidence, by=moderator, now=NOW, note="They asked us to")
    said = "Lads at the bus station ask young people to carry packages"
    action = await InfluenceAction.create(
        priority=priority, reporting_year=2026, you_said=said, we_did="<p>Patrols</p>", happened_on=NOW.date()
    )
    await action.contributions.add(evidence)
    await sign_in(client, staff[Role.ANALYST])
    html = (await client.get(f"/staff/priorities/{priority.id}")).text
    assert said not in html
    assert "A change (“You said” is not shown here)" in html and "Patrols" in html
    await sign_in(client, staff[Role.MODERATOR])
    assert f"You said: {said}" in (await client.get(f"/staff/priorities/{priority.id}")).text


async def test_analysts_read_you_said_of_an_ordinary_change(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Safe places", owning_agency="Leeds City Council"
    )
    evidence = await _linked(priority, ENGLISH, "en", moderator)
    action = await InfluenceAction.create(
        priority=priority,
        reporting_year=2026,
        you_said="More places",
        we_did="<p>Clubs</p>",
        happened_on=NOW.date(),
    )
    await action.contributions.add(evidence)
    await sign_in(client, staff[Role.ANALYST])
    assert "You said: More places" in (await client.get(f"/staff/priorities/{priority.id}")).text
