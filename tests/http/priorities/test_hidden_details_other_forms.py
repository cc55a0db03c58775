"""A hidden personal detail written another way is still the detail (exploratory testing,
twenty-second session): "Kayden's" for a hidden "Kayden", the first name alone of a hidden
"Jamie Smith", a UK number with +44, a detail in a link's address. "Record what changed"
refuses them, and a change recorded before is kept off the report."""

from __future__ import annotations

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, text_of
from tests.http.priorities.test_changes_that_lost_their_words import _recorded
from tests.http.priorities.test_priorities import make_priority, moderator, post
from tests.http.priorities.test_you_said_hidden_details import _with_details
from tests.http.priorities.test_you_said_words import _form
from voice.accounts.models import StaffUser
from voice.priorities.models import InfluenceAction, PriorityLink
from voice.priorities.services import readable_words, repeats_detail

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py


@pytest.mark.parametrize(
    ("said", "detail", "kind", "expected"),
    [
        ("Kayden's lane is dark", "Kayden", "name", True),  # a possessive
        ("Kayden\u2019s lane is dark", "Kayden", "name", True),  # with a curly apostrophe
        ("We lit the lane by Oakfield's shop", "Oakfield", "address", True),
        ("We lit Elm Road's lights", "Elm Road", "address", True),
        ("Sean O'Brien's mum rang", "Sean O'Brien", "name", True),
        ("Jamie said the bus stop is scary", "Jamie Smith", "name", True),  # part of a name
        ("Smith asked us for lights", "Jamie Smith", "name", True),
        ("Parkside has new lights", "Parkside Academy", "school", True),  # part of a school
        ("Harehills has a new club", "14 Harehills Lane", "address", True),  # part of an address
        ("ring +44 7700 900123", "07700 900123", "phone", True),  # +44 for the 0
        ("ring 447700900123", "07700 900123", "phone", True),
        # everyday words of a detail only count in its run of words
        ("Young people asked for lights", "Jamie Young", "name", False),
        ("We will fix it", "Will Brown", "name", False),
        ("The brown bins are emptied", "Jamie Brown", "name", False),
        ("Kirkstall Road got lights", "Elm Road", "address", False),
        ("Every Academy now teaches it", "Parkside Academy", "school", False),
        ("We met 14 times", "14 Harehills Lane", "address", False),
        ("jamie.smith@example.com rang", "jamie.smith@example.com", "email", True),
        ("We wrote to Jamie", "jamie.smith@example.com", "email", False),  # an email only whole
        ("Kayleigh said", "Kay Smith", "name", False),  # whole words only
    ],
)
def test_a_detail_written_another_way(said: str, detail: str, kind: str, expected: bool) -> None:
    assert repeats_detail(said, detail, kind) is expected


def test_link_addresses_are_read_too() -> None:
    html = '<p><a href="mailto:jamie.smith@example.com">We wrote</a> <a href="https://m.example/Elm%20Road">x</a></p>'
    words = readable_words(html)
    assert "mailto:jamie.smith@example.com" in words and "https://m.example/Elm Road" in words
    assert repeats_detail(words, "jamie.smith@example.com", "email")
    assert repeats_detail(words, "Elm Road", "address")
    assert not repeats_detail(readable_words("<p>We wrote back</p>"), "jamie.smith@example.com", "email")


async def _refused(
    client: httpx.AsyncClient, priority_id: int, form: dict[str, object]
) -> list[tuple[str, str]]:
    refused = await post(client, f"/staff/priorities/{priority_id}/changes/new", form)
    assert refused.status_code == 400
    return summary_links(refused)


async def test_a_possessive_or_a_first_name_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _with_details(moderator)  # hides "Jessica Smith" and "07700 900000"
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    hidden = f"includes personal details hidden from contribution {words.id} ([name]). Leave them out"
    assert await _refused(client, priority.id, _form("Jessica's bus stop is dark", [words], [])) == [
        ("#you_said", f"What young people said {hidden}")
    ]
    assert await _refused(client, priority.id, _form("Jessica said the bus stop is dark", [words], [])) == [
        ("#you_said", f"What young people said {hidden}")
    ]
    form = {
        **_form("A light at the bus stop", [words], []),
        "we_did": "We wrote back to Smith\u2019s family.",
    }
    assert await _refused(client, priority.id, form) == [("#we_did", f"What changed {hidden}")]
    phone = {**_form("A light at the bus stop", [words], []), "we_did": "We rang +44 7700 900000."}
    [(field, message)] = await _refused(client, priority.id, phone)
    assert field == "#we_did" and "([phone number])" in message
    assert not await InfluenceAction.exists()


async def test_a_detail_in_a_link_address_is_refused(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    for link in (
        '<a href="https://m.example/call/07700900000">We rang back</a>',
        '<a href="https://m.example/Jessica-Smith">Read</a>',
    ):
        form = {**_form("A light at the bus stop", [words], []), "we_did": link}
        [(field, message)] = await _refused(client, priority.id, form)
        assert field == "#we_did" and f"hidden from contribution {words.id}" in message
    assert not await InfluenceAction.exists()


async def test_an_old_change_with_a_detail_in_a_link_is_not_on_the_report(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = await _with_details(moderator)
    priority = await make_priority()
    await PriorityLink.create(priority=priority, contribution=words)
    action = await _recorded(priority, "A light at the bus stop", [words])
    linked = '<p>We <a href="https://m.example/jessica-smith">wrote back</a>.</p>'
    await InfluenceAction.filter(id=action.id).update(we_did=linked)
    report = await client.get("/report")
    assert "jessica" not in report.text.casefold() and "wrote back" not in text_of(report)
    assert "We are checking what changed." in text_of(report)
