"""What "You said" may repeat (exploratory testing, eighteenth session).

- Words reached through a theme that may be a disclosure keep "You said" off the report for
  young people, as words chosen one by one already did.
- "You said" may not copy the words of someone who did not agree to be quoted, whether their
  contribution was chosen or is in a chosen theme.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.http.priorities.test_change_dates import said
from tests.http.priorities.test_priorities import NOW, make_priority, moderator, post
from voice.accounts.models import StaffUser
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, ScreeningLevel
from voice.moderation import services as moderation
from voice.moderation.models import SafeguardingCase, Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink
from voice.priorities.services import quotes

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py

WHEN = datetime(2026, 11, 10, 18, 0, tzinfo=UTC)
DISCLOSURE = "My stepdad hits me when he has been drinking and I am scared to go home"
PLAIN = "There is nowhere safe to wait for the bus after dark"


def _form(
    you_said: str, contributions: list[Contribution], themes: list[Theme]
) -> dict[str, str | list[str]]:
    return {
        "you_said": you_said,
        "we_did": "New lights at the bus stops on Roundhay Road.",
        "agency": "",
        "happened_on": "2026-11-20",
        "contributions": [str(c.id) for c in contributions],
        "themes": [str(t.id) for t in themes],
    }


async def _quotable(text: str, by: StaffUser) -> Contribution:
    made = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text=text),),
                submitted_at=WHEN,
                consent=Consent.QUOTE_ANONYMOUSLY,
            )
        )
    ).contribution
    await moderation.approve(made, by=by, now=NOW, counted=True, quotable=False)
    return made


async def _themed(name: str, by: StaffUser, *contributions: Contribution) -> Theme:
    theme = await Theme.create(name=name)
    for item in contributions:
        await moderation.set_themes(item, [theme.id], by=by, now=NOW)
    return theme


async def _report(client: httpx.AsyncClient) -> str:
    response = await client.get("/report")
    assert response.status_code == 200
    return text_of(response)


# --- possible disclosures in a theme ----------------------------------------------------


async def test_a_disclosure_in_a_theme_keeps_you_said_off_the_report(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    plain = await _quotable(PLAIN, moderator)
    flagged = await said(DISCLOSURE, WHEN, moderator)
    assert flagged.screening_level is not ScreeningLevel.NONE
    theme = await _themed("Feeling safe", moderator, plain, flagged)
    await PriorityLink.create(priority=priority, theme=theme)
    path = f"/staff/priorities/{priority.id}/changes/new"

    form = (await client.get(path)).text
    assert "1 may be a disclosure: the report for young people will not show" in form

    you_said = "Young people told us they do not feel safe waiting for buses"
    assert (await post(client, path, _form(you_said, [], [theme]))).status_code == 303
    report = await _report(client)
    assert "New lights at the bus stops on Roundhay Road." in report  # what changed still shows
    assert you_said not in report
    staff = (await client.get(f"/staff/priorities/{priority.id}")).text
    assert "words it rests on, in its themes, may be a disclosure" in staff


async def test_a_theme_without_disclosures_shows_you_said(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    theme = await _themed("Buses", moderator, await _quotable(PLAIN, moderator))
    await PriorityLink.create(priority=priority, theme=theme)
    path = f"/staff/priorities/{priority.id}/changes/new"
    assert "may be a disclosure" not in (await client.get(path)).text
    you_said = "Young people told us they do not feel safe waiting for buses"
    assert (await post(client, path, _form(you_said, [], [theme]))).status_code == 303
    assert f"You said: {you_said}" in await _report(client)


async def test_a_disclosure_sent_after_the_change_was_recorded_does_not_hide_it(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Staff cannot have written words that came later: only words there by then count."""
    priority = await make_priority()
    theme = await _themed("Feeling safe", moderator, await _quotable(PLAIN, moderator))
    await PriorityLink.create(priority=priority, theme=theme)
    you_said = "Young people told us they do not feel safe waiting for buses"
    path = f"/staff/priorities/{priority.id}/changes/new"
    assert (await post(client, path, _form(you_said, [], [theme]))).status_code == 303
    recorded = (await InfluenceAction.get()).created_at
    later = await said(DISCLOSURE, recorded + timedelta(minutes=5), moderator)
    await moderation.set_themes(later, [theme.id], by=moderator, now=NOW)
    assert f"You said: {you_said}" in await _report(client)
    await InfluenceAction.all().update(created_at=recorded + timedelta(hours=1))
    assert you_said not in await _report(client)


# --- words their authors did not agree to have quoted -----------------------------------


async def _priority_with(client: httpx.AsyncClient, *chosen: Contribution) -> Priority:
    priority = await make_priority()
    for item in chosen:
        await PriorityLink.create(priority=priority, contribution=item)
    return priority


async def test_you_said_cannot_copy_words_not_to_be_quoted(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    private = await said(PLAIN, WHEN, moderator)  # consent: not to be quoted
    priority = await _priority_with(client, private)
    path = f"/staff/priorities/{priority.id}/changes/new"
    form = (await client.get(path)).text
    assert "(they did not agree to be quoted: say what they said in your own words)" in form

    copied = "Someone said: there is NOWHERE safe to wait for the bus!"
    refused = await post(client, path, _form(copied, [private], []))
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert summary_links(refused) == [
        (
            "#you_said",
            f"What young people said copies the words of contribution {private.id}. "
            "They did not agree to be quoted, so say it in your own words",
        )
    ]
    # Nothing typed or ticked is lost.
    assert value_of(refused, "you_said") == copied
    assert f'value="{private.id}" checked' in refused.text
    assert not await InfluenceAction.exists()
    # In their own words it is recorded, and shown.
    own = "Waiting for buses after dark feels unsafe"
    assert (await post(client, path, _form(own, [private], []))).status_code == 303
    assert f"You said: {own}" in await _report(client)


async def test_words_not_to_be_quoted_in_a_chosen_theme_count_too(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    private = await said(PLAIN, WHEN, moderator)
    theme = await _themed("Buses", moderator, private)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, theme=theme)
    path = f"/staff/priorities/{priority.id}/changes/new"
    refused = await post(client, path, _form(PLAIN, [], [theme]))
    assert refused.status_code == 400
    assert f"copies the words of contribution {private.id}." in refused.text


async def test_words_agreed_to_be_quoted_may_be_repeated(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    agreed = await _quotable(PLAIN, moderator)
    priority = await _priority_with(client, agreed)
    path = f"/staff/priorities/{priority.id}/changes/new"
    assert "did not agree to be quoted" not in (await client.get(path)).text
    assert (await post(client, path, _form(PLAIN, [agreed], []))).status_code == 303


@pytest.mark.parametrize(
    ("you_said", "words", "expected"),
    [
        ("nowhere safe to wait for the bus", PLAIN, True),  # five words in a row and more
        ("There’s NOWHERE safe, to wait", "theres nowhere safe to wait at all", True),  # case, apostrophes
        ("Nowhere safe to wait", PLAIN, True),  # all of a four-word "You said"
        ("Safe to wait", PLAIN, False),  # three words are not a quote
        ("Buses: nowhere safe at night to wait", PLAIN, False),  # the same words, not in a row
        ("", PLAIN, False),
    ],
)
def test_what_counts_as_a_quote(you_said: str, words: str, expected: bool) -> None:
    assert quotes(you_said, words) is expected


async def test_each_remove_link_names_its_own_change(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    """Two changes on one day had links with the same name ("Remove the change of 2026-11-20")."""
    agreed = await _quotable(PLAIN, moderator)
    priority = await _priority_with(client, agreed)
    path = f"/staff/priorities/{priority.id}/changes/new"
    for you_said in ("Buses feel unsafe after dark", "The bus stop has no light"):
        assert (await post(client, path, _form(you_said, [agreed], []))).status_code == 303
    page = (await client.get(f"/staff/priorities/{priority.id}")).text
    names = re.findall(r'>Remove<span class="visually-hidden">([^<]*)</span></a>', page)
    assert sorted(names) == [
        " the change “Buses feel unsafe after dark” of 20 November 2026",
        " the change “The bus stop has no light” of 20 November 2026",
    ]


async def test_a_case_raised_on_unflagged_words_in_a_theme_counts_too(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Screening rated them none, but a safeguarding case was raised (its level kept none here,
    as when retention has deleted the record that raised it)."""
    priority = await make_priority()
    plain = await _quotable(PLAIN, moderator)
    other = await _quotable("The buses never come on time in the morning", moderator)
    assert other.screening_level is ScreeningLevel.NONE
    await SafeguardingCase.create(contribution=other, level="concern", original_text="x", opened_at=WHEN)
    theme = await _themed("Buses", moderator, plain, other)
    await PriorityLink.create(priority=priority, theme=theme)
    path = f"/staff/priorities/{priority.id}/changes/new"
    assert "1 may be a disclosure" in (await client.get(path)).text
    you_said = "Young people told us they do not feel safe waiting for buses"
    assert (await post(client, path, _form(you_said, [], [theme]))).status_code == 303
    assert you_said not in await _report(client)


async def test_the_list_says_which_priorities_have_no_title_for_young_people(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """The report falls back to the staff title ("MASH thresholds"), so the list says so."""
    await make_priority()  # has one: "Safe online"
    await Priority.create(
        reporting_year=2026, position=2, title="Strengthen MASH thresholds", owning_agency="Council"
    )
    page = text_of(await client.get("/staff/priorities"))
    assert "1 of these priorities has no title for young people." in page
    assert "Not written yet: the young people's report shows the title above, word for word" in page
    assert "Safe online" in page
    await Priority.filter(position=2).update(child_friendly_title="Getting help quickly")
    assert "no title for young people" not in text_of(await client.get("/staff/priorities"))
