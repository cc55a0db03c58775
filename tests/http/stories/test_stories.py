"""Lived-experience stories that staff write down, with JavaScript off."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.support.contributions import URGENT_TEXT, make_contribution
from tests.support.http import CSRF_RE, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Consent, Contribution, ContributionKind, Respondent, ScreeningLevel, Source

KEY_RE = re.compile(r'name="key" value="([^"]+)"')


@pytest.fixture
async def moderator(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def fields(client: httpx.AsyncClient) -> dict[str, str]:
    page = await client.get("/staff/stories/new")
    token, key = CSRF_RE.search(page.text), KEY_RE.search(page.text)
    assert token is not None and key is not None
    return {"csrf_token": token.group(1), "key": key.group(1)}


async def test_add_a_story(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    form = await client.get("/staff/stories/new")
    assert title(form) == "Add a lived-experience story – Voice"
    data = {
        **await fields(client),
        "words": "  When I left care nobody told me how to pay bills.\r\nI had to ask my friend Jade. ",
        "language": "en",
        "respondent": "young_person",
        "age_band": "16_18",
        "consent": "quote_anonymously",
    }
    sent = await client.post("/staff/stories", data=data)
    assert sent.status_code == 303
    found = re.fullmatch(r"/staff/moderation/(\d+)\?done=entered", sent.headers["location"])
    assert found is not None
    story = await Contribution.get(id=int(found.group(1)))
    assert story.kind is ContributionKind.LIVED_EXPERIENCE and story.source is Source.STAFF
    assert story.consent is Consent.QUOTE_ANONYMOUSLY and story.respondent is Respondent.YOUNG_PERSON
    assert story.age_band == "16_18" and story.entered_by_id == moderator.id  # type: ignore[attr-defined]
    item = await client.get(sent.headers["location"])
    assert f"Story added as contribution {story.id}." in text_of(item)
    assert "Give the person who told it their receipt code (below)" in text_of(item)
    assert f"{story.receipt_code} (they can follow what happens at /track)" in text_of(item)
    assert (
        "[name]" in item.text or "Jade" in item.text
    )  # the original shows on the item page, with its suggestions
    audit = await AuditEvent.get(action="contribution.entered")
    assert audit.object_id == str(story.id) and "words" not in (audit.after or {})
    again = await client.post("/staff/stories", data=data)  # a double click adds it once
    assert again.headers["location"] == sent.headers["location"]
    assert await Contribution.filter(kind=ContributionKind.LIVED_EXPERIENCE).count() == 1
    assert await AuditEvent.filter(action="contribution.entered").count() == 1


async def test_a_disclosure_in_a_story_is_screened(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    data = {
        **await fields(client),
        "words": URGENT_TEXT,
        "language": "en",
        "respondent": "young_person",
        "consent": "not_quotable",
    }
    sent = await client.post("/staff/stories", data=data)
    story = await Contribution.get(id=int(sent.headers["location"].split("/")[-1].split("?")[0]))
    assert story.screening_level is ScreeningLevel.URGENT


async def test_errors_keep_what_was_typed(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    data = {
        **await fields(client),
        "words": "",
        "language": "xx",
        "respondent": "",
        "age_band": "99",
        "consent": "",
    }
    wrong = await client.post("/staff/stories", data=data)
    assert wrong.status_code == 400 and title(wrong) == "Error: Add a lived-experience story – Voice"
    assert summary_links(wrong) == [
        ("#words", "Enter their story, in their words"),
        ("#language", "Choose the language it was told in"),
        ("#respondent", "Choose who told it"),
        ("#age_band", "Choose an age group from the list"),
        ("#consent", "Choose what they agreed to about quoting their words"),
    ]
    long_story = "word " * 1001
    too_long = await client.post(
        "/staff/stories",
        data={
            **data,
            "words": long_story,
            "language": "ur",
            "respondent": "parent_carer",
            "age_band": "",
            "consent": "not_quotable",
        },
    )
    assert summary_links(too_long) == [
        ("#words", "The story must be 5,000 characters or fewer; it has 5,004")
    ]
    assert value_of(too_long, "words") == long_story
    assert await Contribution.all().count() == 0


async def test_another_story_from_the_same_form_is_added(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    base = {**await fields(client), "language": "en", "respondent": "young_person", "consent": "not_quotable"}
    first = await client.post("/staff/stories", data={**base, "words": "My first story about school."})
    second = await client.post("/staff/stories", data={**base, "words": "A different story about home\x00."})
    assert first.headers["location"] != second.headers["location"]
    stories = await Contribution.filter(kind=ContributionKind.LIVED_EXPERIENCE).order_by("id")
    assert [(await s.answers.all())[0].text for s in stories] == [
        "My first story about school.",
        "A different story about home.",
    ]


async def test_only_a_story_shows_its_receipt_code_to_staff(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """A young person sending feedback online has their own code; staff need a story's, to give it
    to the person who told it."""
    online = await make_contribution("The park needs more lights")
    page = await client.get(f"/staff/moderation/{online.id}")
    assert page.status_code == 200
    assert online.receipt_code not in page.text and "Receipt code" not in page.text


async def test_the_consent_hint_says_names_are_never_shown_beside_quotes(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """"Can be quoted with a first name" records what was agreed; nothing in Voice shows a name
    beside a quote, and the form says so (an exploratory test found the choice did nothing)."""
    page = text_of(await client.get("/staff/stories/new"))
    assert "Voice never shows a name beside a quote" in page
