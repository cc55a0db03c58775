""" "You said" may not repeat a personal detail hidden from the words it rests on (exploratory
testing, nineteenth session): a worker could retype "Jessica Smith told us to ring 07700
900000" from the original, and the report for young people printed it. The form refuses it
now, and a change recorded before is kept off the report's "You said"."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.http.priorities.test_change_dates import said
from tests.http.priorities.test_changes_that_lost_their_words import WE_DID, _recorded
from tests.http.priorities.test_priorities import NOW, make_priority, moderator, post
from tests.http.priorities.test_you_said_words import WHEN, _form, _themed
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Answer, Contribution
from voice.moderation import services as moderation
from voice.moderation.models import Redaction, RedactionState
from voice.priorities.models import InfluenceAction, PriorityLink
from voice.priorities.services import repeats_detail

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py

WORDS = "my name is Jessica Smith and my number is 07700 900000, the bus stop needs a light"
HINT = "it includes personal details hidden from the words it rests on"


async def _with_details(by: StaffUser, *, accept: bool = True) -> Contribution:
    """Approved words whose name and phone number screening suggested hiding (accepted, or not
    decided yet, as a bulk approval leaves them: still hidden from readers)."""
    made = await said(WORDS, WHEN, by)
    redactions = await Redaction.filter(answer__contribution_id=made.id)
    assert {r.kind for r in redactions} >= {"name", "phone"}
    if accept:
        await Redaction.filter(answer__contribution_id=made.id).update(state=RedactionState.ACCEPTED)
    return made


async def _report(client: httpx.AsyncClient) -> str:
    return text_of(await client.get("/report"))


@pytest.mark.parametrize("accept", [True, False], ids=["accepted", "suggested"])
async def test_you_said_cannot_repeat_a_hidden_detail(
    client: httpx.AsyncClient, moderator: StaffUser, accept: bool
) -> None:
    words = await _with_details(moderator, accept=accept)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    path = f"/staff/priorities/{priority.id}/changes/new"
    typed = "jessica SMITH told us to ring 07700900000"
    refused = await post(client, path, _form(typed, [words], []))
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert summary_links(refused) == [
        (
            "#you_said",
            f"What young people said includes personal details hidden from contribution {words.id} "
            "([name], [phone number]). Leave them out",
        )
    ]
    assert value_of(refused, "you_said") == typed  # nothing typed is lost
    assert not await InfluenceAction.exists()
    own = "A young person asked for a light at the bus stop"
    assert (await post(client, path, _form(own, [words], []))).status_code == 303
    assert f"You said: {own}" in await _report(client)


async def test_a_dismissed_suggestion_may_be_repeated(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """A moderator decided it is not a personal detail (a place called "Jessica Smith Park")."""
    words = await _with_details(moderator)
    await Redaction.filter(answer__contribution_id=words.id, kind="name").update(
        state=RedactionState.DISMISSED
    )
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    path = f"/staff/priorities/{priority.id}/changes/new"
    assert (await post(client, path, _form("Jessica Smith asked for lights", [words], []))).status_code == 303


async def test_a_hidden_detail_in_a_chosen_theme_counts(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _with_details(moderator)
    theme = await _themed("Buses", moderator, words)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, theme=theme)
    refused = await post(
        client, f"/staff/priorities/{priority.id}/changes/new", _form("Ring 07700 900 000", [], [theme])
    )
    assert refused.status_code == 400
    assert f"hidden from contribution {words.id} ([phone number])" in refused.text


async def test_an_old_change_repeating_a_hidden_detail_loses_its_you_said(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    await _recorded(priority, "Jessica Smith told us to ring 07700 900000", [words])
    report = await _report(client)
    assert WE_DID in report and "Jessica" not in report and "07700" not in report
    assert HINT in text_of(await client.get(f"/staff/priorities/{priority.id}"))


async def test_an_old_change_through_a_theme_counts_details_sent_by_then(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    first = await said("The bus stop by the park is dark", WHEN, moderator)
    theme = await _themed("Buses", moderator, first)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, theme=theme)
    action = await _recorded(priority, "Jessica Smith asked for lights", [], [theme])
    later = await said(WORDS, action.created_at + timedelta(minutes=5), moderator)
    await moderation.set_themes(later, [theme.id], by=moderator, now=NOW)
    assert "You said: Jessica Smith asked for lights" in await _report(client)
    await InfluenceAction.filter(id=action.id).update(created_at=action.created_at + timedelta(hours=1))
    assert "Jessica" not in await _report(client)


async def test_once_retention_deleted_the_original_nothing_is_left_to_compare(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """The original words are gone, so the hidden words cannot be known; the redacted form never
    held them."""
    words = await _with_details(moderator)
    await Answer.filter(contribution_id=words.id).update(text=None)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    await _recorded(priority, "A light at the bus stop", [words])
    assert "You said: A light at the bus stop" in await _report(client)


@pytest.mark.parametrize(
    ("you_said", "detail", "expected"),
    [
        ("Jessica Smith told us", "Jessica Smith", True),
        ("JESSICA-smith told us", "Jessica Smith", True),  # case and punctuation
        ("Jessica told us", "Jessica Smith", False),  # of a detail of no known kind, only the whole
        ("Smithson told us", "Smith", False),  # whole words only
        ("ring 07700900000", "07700 900000", True),  # digits however spaced
        ("ring 0770 090 0000", "07700 900000", True),
        ("in 2026 we met 14 times", "14", True),  # a short number as a word
        ("in 2026 we met 140 times", "14", False),
        ("email kid1@example.com", "kid1@example.com", True),
        ("We will put lights in by June", "Will", False),  # an everyday word taken for a name
        ("Will told us about the lights", "Will", True),  # written as the name was
        ("We hope to open it", "Hope", False),
        ("ring ٠٧٧٠٠٩٠٠٠٠٠", "07700 900000", True),  # Arabic-Indic digits
        ("ring ０７７００ ９０００００", "07700 900000", True),  # full-width digits
        ("Jes\u200bsica Smith asked", "Jessica Smith", True),  # a zero-width space inside
        ("Jess\u00adica Smith asked", "Jessica Smith", True),  # a soft hyphen inside
        ("ring 07700\u2013900000", "07700 900000", True),  # an en dash between the digits
        ("Mary\u2011Jane rang", "Mary-Jane", True),  # a non-breaking hyphen in the name
        ("ring us", "", False),
    ],
)
def test_what_counts_as_repeating_a_detail(you_said: str, detail: str, expected: bool) -> None:
    assert repeats_detail(you_said, detail) is expected


async def test_what_changed_cannot_repeat_a_hidden_detail_either(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    form = {
        **_form("A light at the bus stop", [words], []),
        "we_did": "We rang <strong>Jessica Smith</strong>.",
    }
    refused = await post(client, f"/staff/priorities/{priority.id}/changes/new", form)
    assert refused.status_code == 400
    assert summary_links(refused) == [
        (
            "#we_did",
            f"What changed includes personal details hidden from contribution {words.id} ([name]). "
            "Leave them out",
        )
    ]
    assert not await InfluenceAction.exists()


async def test_an_old_change_whose_what_changed_repeats_a_hidden_detail_is_not_on_the_report(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    action = await _recorded(priority, "A light at the bus stop", [words])
    await InfluenceAction.filter(id=action.id).update(we_did="<p>We rang Jessica Smith.</p>")
    report = await _report(client)
    assert "Jessica" not in report and "A light at the bus stop" not in report
    assert "We are checking what changed." in report
    staff_page = text_of(await client.get(f"/staff/priorities/{priority.id}"))
    assert (
        "It is not on the report for young people: what changed includes personal details hidden"
        in staff_page
    )
    await sign_in(client, staff[Role.ANALYST])
    analysts = text_of(await client.get(f"/staff/priorities/{priority.id}"))
    assert "Jessica" not in analysts
    assert "We did: not shown here, as it includes personal details hidden" in analysts
    figures = text_of(await client.get("/staff/figures"))
    assert 'Changes recorded ("You said, we did")0 (1 more not counted' in figures


async def test_what_changed_cannot_hide_a_detail_behind_a_tag(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """The reader sees "Jessica Smith" in "Jess<strong>ica</strong> Smith"; so does the check."""
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    form = {
        **_form("A light at the bus stop", [words], []),
        "we_did": "We rang Jess<strong>ica</strong> Smith.",
    }
    refused = await post(client, f"/staff/priorities/{priority.id}/changes/new", form)
    assert refused.status_code == 400
    assert (
        f"What changed includes personal details hidden from contribution {words.id} ([name])" in refused.text
    )
