"""Words withdrawn while their safeguarding case is open. Found by exploratory testing in the
twenty-second session: the case page did not say so, and the moderator withdrawing them was
not told the case stays open. A withdrawal never ends a safeguarding concern, so the case is
left as it is; the lead is told, and the moderator is told before withdrawing."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.cases.services import raise_case
from voice.feedback.models import Contribution
from voice.moderation import services
from voice.moderation.models import CaseStatus, SafeguardingCase

WORDS = "I do not feel safe at home with my uncle"
WARNING = "It has an open safeguarding case."


async def case_for(item: Contribution, moderator: StaffUser) -> SafeguardingCase:
    """The case screening opened for the words, or one raised by hand."""
    found = await SafeguardingCase.get_or_none(contribution_id=item.id)
    return found or await raise_case(item.id, by=moderator, note="Sounds unsafe", now=datetime.now(UTC))


def withdrawn_row(html: str) -> str:
    for row in parse(html).iter("div"):
        if row.get("class") == "summary-row" and "".join(row[0].itertext()).strip() == "Withdrawn":
            return " ".join("".join(row[1].itertext()).split())
    return ""


async def test_the_moderator_is_told_and_the_case_says_it_was_withdrawn(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution(WORDS)
    other = await make_contribution("The park needs lights")
    now = datetime.now(UTC)
    case = await case_for(item, staff[Role.MODERATOR])
    await sign_in(client, staff[Role.MODERATOR])
    page = await client.get(f"/staff/moderation/{item.id}")
    assert page.status_code == 200 and WARNING in page.text
    assert WARNING not in (await client.get(f"/staff/moderation/{other.id}")).text
    await services.withdraw(item, by=staff[Role.MODERATOR], now=now, note="Her mum rang")
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = await client.get(f"/staff/cases/{case.id}")
    assert shown.status_code == 200
    row = withdrawn_row(shown.text)
    assert row.startswith("The person who sent it asked for it to be taken out (")
    assert "a withdrawal does not end a safeguarding concern" in row
    assert "Her mum rang" not in shown.text  # who asked stays with the moderators
    assert WORDS in shown.text  # the lead keeps the words
    assert (await SafeguardingCase.get(id=case.id)).status is CaseStatus.OPEN


async def test_a_case_whose_words_stand_says_nothing_of_withdrawal(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution(WORDS)
    case = await case_for(item, staff[Role.MODERATOR])
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = await client.get(f"/staff/cases/{case.id}")
    assert shown.status_code == 200 and withdrawn_row(shown.text) == ""
