"""A required name or title typed with only characters that show nothing (zero-width spaces,
joiners, a Hangul filler, a byte order mark) is missing, and so is a You said or a We did
of them, on every staff form (exploratory
testing, twentieth session). Before, a consultation title, an event's name, a priority's
titles, a theme, an area and a staff name of U+200B were saved: an invisible heading, a blank
option, an empty bullet on the public report. Each form now says what is missing, the GOV.UK
way, and keeps everything else typed."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links, title, value_of
from tests.http.consultations.test_consultations import VALID
from tests.http.priorities.test_priorities import make_priority
from tests.http.priorities.test_you_said_words import _form
from tests.support.contributions import make_contribution
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import Area, Consultation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority

#: Characters that draw nothing, as pasted from a game's "blank name" or a web page.
INVISIBLE = ["\u200b", "\u200b\u200c\u200d", "\ufeff \u2060", "\u3164", " \u200b "]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
async def admin(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    app.state.clock = FixedClock(NOW)
    await sign_in(client, staff[Role.ADMIN])
    return staff[Role.ADMIN]


async def _post(client: httpx.AsyncClient, path: str, form_page: str, data: dict[str, str]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await csrf_token(client, form_page), **data})


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_priority_titles(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    typed = {
        "reporting_year": "2026",
        "title": blank,
        "owning_agency": "Police",
        "child_friendly_title": blank,
    }
    refused = await _post(client, "/staff/priorities", "/staff/priorities/new", typed)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert ("#title", "Enter the priority's title") in summary_links(refused)
    assert value_of(refused, "owning_agency") == "Police"
    assert not await Priority.exists()
    # An invisible title for young people is no title: the report falls back to the staff one.
    saved = await _post(
        client, "/staff/priorities", "/staff/priorities/new", {**typed, "title": "Keeping safe online"}
    )
    assert saved.status_code == 303
    assert (await Priority.get()).child_friendly_title == ""


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_consultation_title(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    typed = {**VALID, "title_en": blank}
    refused = await _post(client, "/staff/consultations", "/staff/consultations/new", typed)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert ("#title_en", "Enter a title in English") in summary_links(refused)
    assert value_of(refused, "intro_en") == VALID["intro_en"]
    assert not await Consultation.filter(slug=VALID["slug"]).exists()


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_area_name(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    refused = await _post(client, "/staff/areas", "/staff/areas", {"name": blank, "code": ""})
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    # Only the name is wrong: no second message about a code nobody typed.
    assert summary_links(refused) == [("#name", "Enter the area's name")]
    assert not await Area.exists()


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_event_name(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    page = await client.get("/staff/events/new")
    data = {"title": blank, "held_on": "2026-11-12", "venue": "Civic Hall"}
    for field in ("form_key", "batch_key"):
        marker = f'name="{field}" value="'
        if marker in page.text:
            data[field] = page.text.split(marker, 1)[1].split('"', 1)[0]
    refused = await _post(client, "/staff/events", "/staff/events/new", data)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert ("#title", "Enter the event's name") in summary_links(refused)
    assert value_of(refused, "venue") == "Civic Hall"
    assert not await TakeoverEvent.exists()


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_staff_name(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    typed = {"email": "new.person@voice.test", "display_name": blank, "role": "moderator", "password": ""}
    refused = await _post(client, "/staff/accounts/new", "/staff/accounts/new", typed)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert ("#display_name", "Enter their full name") in summary_links(refused)
    assert value_of(refused, "email") == "new.person@voice.test"
    assert not await StaffUser.filter(email="new.person@voice.test").exists()


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_theme_name(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    item = await make_contribution("The buses are late")
    path = f"/staff/moderation/{item.id}"
    refused = await _post(client, f"{path}/themes", path, {"new_theme": blank})
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert summary_links(refused) == [("#new-theme", "Enter a theme name")]
    assert not await Theme.exists()
    assert await item.themes.all().count() == 0


@pytest.mark.parametrize("blank", INVISIBLE)
async def test_you_said_and_we_did(client: httpx.AsyncClient, admin: StaffUser, blank: str) -> None:
    priority = await make_priority()
    path = f"/staff/priorities/{priority.id}/changes/new"
    typed = {**_form(blank, [], []), "we_did": f"<p>{blank}</p>", "agency": "Leeds City Council"}
    refused = await _post(client, path, path, typed)
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    links = summary_links(refused)
    assert ("#you_said", "Enter what young people said") in links
    assert ("#we_did", "Enter what changed because of it") in links
    assert value_of(refused, "agency") == "Leeds City Council"
    assert not await InfluenceAction.exists()
