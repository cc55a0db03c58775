"""A story or takeover comments made only of characters that show nothing (zero-width spaces,
direction marks) were stored as blank contributions (exploratory testing, nineteenth session).
The public journey already refused such answers; staff forms now do too."""

from __future__ import annotations

import httpx
import pytest

from tests.http.consultations.conftest import summary_links, title
from tests.http.stories.test_stories import fields, moderator
from voice.accounts.models import StaffUser
from voice.events.services import split_comments
from voice.feedback.models import Contribution

__all__ = ["moderator"]


async def _story(client: httpx.AsyncClient, words: str) -> dict[str, str]:
    """The story form, filled in as a young person's story of ``words``."""
    return {
        **await fields(client),
        "words": words,
        "language": "en",
        "respondent": "young_person",
        "age_band": "",
        "consent": "quote_anonymously",
    }


INVISIBLE = ["\u200b", "\u202e", "\u200b\u202e", " \u2060 ", "\u2800", "\u3164", "\ufeff"]


@pytest.mark.parametrize("words", INVISIBLE)
async def test_a_story_of_invisible_characters_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser, words: str
) -> None:
    data = await _story(client, words)
    refused = await client.post("/staff/stories", data=data)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert summary_links(refused) == [("#words", "Enter their story, in their words")]
    assert 'value="young_person" checked' in refused.text
    assert not await Contribution.exists()


def test_comment_lines_of_invisible_characters_are_dropped_like_blank_ones() -> None:
    pasted = "\n".join(["Buses are late", *INVISIBLE, "- \u200b", "Lights \u200bplease"])
    assert split_comments(pasted) == ["Buses are late", "Lights \u200bplease"]


@pytest.mark.parametrize("words", [".", "-", "...", " - ", "?!", "…"])
async def test_a_story_of_marks_alone_is_refused(
    client: httpx.AsyncClient, moderator: StaffUser, words: str
) -> None:
    """A story of only "." or "-" was saved (exploratory testing, twenty-first session)."""
    data = await _story(client, words)
    refused = await client.post("/staff/stories", data=data)
    assert refused.status_code == 400
    assert summary_links(refused) == [("#words", "Enter their story, in their words")]
    assert not await Contribution.exists()


@pytest.mark.parametrize("words", ["ok.", "5", "نعم", "是"])
async def test_a_short_story_with_a_letter_or_number_is_kept(
    client: httpx.AsyncClient, moderator: StaffUser, words: str
) -> None:
    data = await _story(client, words)
    assert (await client.post("/staff/stories", data=data)).status_code == 303
    assert await Contribution.exists()
