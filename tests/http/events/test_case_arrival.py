"""A disclosure typed up after a takeover event opens a case that arrives when Voice got the
words, not on the event day; the case page says where and when they were said."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.support.http import CSRF_RE, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services as cases
from voice.clock import UK, FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution, ScreeningLevel
from voice.moderation.models import SafeguardingCase
from voice.settings import Settings

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 11 days after the event, GMT
HELD_ON = date(2026, 11, 12)
BATCH_RE = re.compile(r'name="batch_key" value="([^"]+)"')
KEY_RE = re.compile(r'name="key" value="([^"]+)"')
PASTED = (
    "- The buses are always late so we miss youth club\n"
    "• my step dad hits me when mum is out\n"
    "1. Jo Bloggs at Park High bullies everyone, ring 07700 900456"
)


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(NOW)
    app.state.clock = fixed
    return fixed


async def _form(client: httpx.AsyncClient, path: str) -> dict[str, str]:
    page = await client.get(path)
    fields = {}
    for name, pattern in (("csrf_token", CSRF_RE), ("batch_key", BATCH_RE), ("key", KEY_RE)):
        found = pattern.search(page.text)
        if found:
            fields[name] = found.group(1)
    assert "csrf_token" in fields
    return fields


async def test_a_disclosure_from_a_past_takeover_arrives_now(
    client: httpx.AsyncClient, clock: FixedClock, settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    event = await TakeoverEvent.create(title="Youth Council takes over the board", held_on=HELD_ON)
    await sign_in(client, staff[Role.MODERATOR])
    path = f"/staff/events/{event.id}"
    sent = await client.post(
        f"{path}/comments",
        data={
            **await _form(client, path),
            "comments": PASTED,
            "language": "en",
            "consent": "quote_anonymously",
        },
    )
    assert sent.status_code == 303 and "concerns=1" in sent.headers["location"]
    case = await SafeguardingCase.get()
    said = await Contribution.get(id=case.contribution_id)  # type: ignore[attr-defined]
    # The words keep the event day (reports count them in its year); the case arrived now.
    assert said.submitted_at == datetime.combine(HELD_ON, time(12), tzinfo=UK)
    assert said.screening_level is ScreeningLevel.URGENT
    assert case.opened_at == NOW
    assert not cases.is_overdue(case, NOW, settings)
    assert cases.due_at(case, settings) == NOW + timedelta(hours=1)
    opened = await AuditEvent.get(action="case.opened", object_id=str(case.id))
    assert opened.at == NOW
    assert await cases.overdue_cases(NOW, settings) == []

    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    listed = text_of(await client.get("/staff/cases"))
    assert "Overdue" not in listed and "overdue" not in listed
    assert "Arrived 23 November 2026, 10:00 GMT. Acknowledge by 23 November 2026, 11:00 GMT." in listed
    shown = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "Overdue" not in shown
    assert (
        "Arrived 23 November 2026, 10:00 GMT, when the comments from the event were added to Voice" in shown
    )
    assert "Acknowledge by 23 November 2026, 11:00 GMT (1 hour after it arrived)" in shown
    assert f"Contribution Number {said.id} Said" in shown
    assert "Said At the takeover event “Youth Council takes over the board” on 12 November 2026" in shown

    clock.advance(timedelta(hours=1, minutes=1))  # the time limit still runs, from arrival
    assert "Overdue" in text_of(await client.get(f"/staff/cases/{case.id}"))


async def test_a_disclosure_in_a_story_arrives_now(
    client: httpx.AsyncClient, clock: FixedClock, settings: Settings, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.MODERATOR])
    sent = await client.post(
        "/staff/stories",
        data={
            **await _form(client, "/staff/stories/new"),
            "words": "my step dad hits me when mum is out and i am scared to go home tonight",
            "language": "en",
            "respondent": "young_person",
            "consent": "not_quotable",
        },
    )
    assert sent.status_code == 303
    case = await SafeguardingCase.get()
    assert case.opened_at == NOW and not cases.is_overdue(case, NOW, settings)
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "Said At the takeover" not in shown and "sent 23 November 2026, 10:00 GMT" in shown


async def test_a_case_raised_by_hand_on_a_takeover_comment_arrived_when_it_was_raised(
    client: httpx.AsyncClient, clock: FixedClock, staff: dict[Role, StaffUser]
) -> None:
    """Not "when the comments from the event were added" (found by an exploratory test): a case
    raised by hand later arrives when it is raised, which is the time the page shows."""
    event = await TakeoverEvent.create(title="Youth Council takes over the board", held_on=HELD_ON)
    await sign_in(client, staff[Role.MODERATOR])
    path = f"/staff/events/{event.id}"
    words = {"comments": "- The buses are always late", "language": "en", "consent": "not_quotable"}
    assert (
        await client.post(f"{path}/comments", data={**await _form(client, path), **words})
    ).status_code == 303
    said = await Contribution.get(event_id=event.id)
    clock.advance(timedelta(minutes=2))
    case = await cases.raise_case(
        said.id, by=staff[Role.MODERATOR], note="Ask about home", now=clock.now(), level="concern"
    )
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    shown = text_of(await client.get(f"/staff/cases/{case.id}"))
    assert "Arrived 23 November 2026, 10:02 GMT How it was opened Raised by hand" in shown
    assert "when the comments from the event were added" not in shown
