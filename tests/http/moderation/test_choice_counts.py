"""The queue's consultation, takeover event and language filters show how many contributions
each choice gives, with the other filters applied, on the full page and in the htmx fragment."""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

import httpx
import pytest

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.models import Consultation, ContributionKind


@pytest.fixture
async def moderator(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


def _options(root: Element, select_id: str) -> list[str]:
    select = root.find(f".//select[@id='{select_id}']")
    assert select is not None
    return [" ".join("".join(option.itertext()).split()) for option in select.iter("option")]


async def test_each_choice_shows_its_count(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    parks = await Consultation.create(slug="parks", title={"en": "Parks"})
    event = await TakeoverEvent.create(title="Board takeover", held_on=date(2026, 11, 12))
    await make_contribution("The park is dirty", consultation_id=parks.id)
    await make_contribution("Swings are broken", consultation_id=parks.id, language="ur", minutes=1)
    await make_contribution(
        "More youth workers", kind=ContributionKind.TAKEOVER, event_id=event.id, minutes=2
    )

    root = parse((await client.get("/staff/moderation")).text)
    assert _options(root, "filter-consultation") == ["Any", "Parks (2)"]
    assert _options(root, "filter-event") == ["Any", "Board takeover (12 Nov 2026) (1)"]
    languages = _options(root, "filter-language")
    assert languages == ["Any", "English (2)", "اردو (1)", "Polski (0)", "العربية (0)", "Română (0)"]

    # With a language chosen, the other filters count within it; its own still counts them all.
    fragment = await client.get("/staff/moderation?language=ur", headers={"HX-Request": "true"})
    root = parse(fragment.text, fragment=True)
    assert _options(root, "filter-consultation") == ["Any", "Parks (1)"]
    assert _options(root, "filter-event") == ["Any", "Board takeover (12 Nov 2026) (0)"]
    assert any(
        item.startswith("English") and item.endswith("(2)") for item in _options(root, "filter-language")
    )
