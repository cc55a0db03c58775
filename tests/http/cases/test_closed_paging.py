"""The cases list reaches every closed case, page by page, without JavaScript; any case is found by number."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import sign_in
from tests.support.pages import parse
from tests.unit.cases.factory import START, make_case
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.clock import FixedClock
from voice.moderation.models import CaseStatus, SafeguardingCase

PAGE = 50


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(START + timedelta(days=30))
    app.state.clock = fixed
    return fixed


def _case_links(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'<a href="/staff/cases/(\d+)">Case \d+</a>', html)]


def _closed_section(html: str) -> str:
    return html.split('id="closed-heading"', 1)[1]


def _next_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next"', html)
    return found.group(1).replace("&amp;", "&") if found else None


async def _closed_cases(count: int) -> list[SafeguardingCase]:
    """``count`` closed cases, newest first as the list shows them. Pairs share an arrival time,
    so paging must break ties by number and never skip or repeat one."""
    made = [
        await make_case("concern", at=START - timedelta(hours=n // 2), status=CaseStatus.CLOSED)
        for n in range(count)
    ]
    return sorted(made, key=lambda case: (case.opened_at, case.id), reverse=True)


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_every_closed_case_is_reachable_by_following_older_links(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, role: Role
) -> None:
    closed = await _closed_cases(2 * PAGE + 7)
    still_open = await make_case("urgent", at=START)
    await sign_in(client, staff[role])

    first = await client.get("/staff/cases")
    assert first.status_code == 200
    assert "Closed cases (107)" in first.text
    assert _case_links(_closed_section(first.text)) == [case.id for case in closed[:PAGE]]
    assert "Showing closed cases 1 to 50 of 107" in first.text
    assert f"/staff/cases/{closed[PAGE].id}" not in first.text  # the 51st is on the next page

    seen: list[int] = []
    pages = [first.text]
    url = _next_link(first.text)
    while url is not None:
        assert len(pages) < 10, "paging does not end"
        page = await client.get(url)
        assert page.status_code == 200
        pages.append(page.text)
        url = _next_link(page.text)
    for html in pages:
        seen += _case_links(_closed_section(html))
        # The open cases stay in view on every page.
        assert f"/staff/cases/{still_open.id}" in html.split('id="closed-heading"', 1)[0]
    assert seen == [case.id for case in closed]  # each once, newest first, the 51st and later too
    assert len(pages) == 3
    assert "Showing closed cases 51 to 100 of 107" in pages[1]
    assert "Showing closed cases 101 to 107 of 107" in pages[2]
    # Later pages link back to the newest closed cases.
    root = parse(pages[2])
    paging = [nav for nav in root.iter("nav") if nav.get("aria-label") == "Closed cases pages"]
    assert len(paging) == 1
    assert [(a.get("href"), "".join(a.itertext())) for a in paging[0].iter("a")] == [
        ("/staff/cases#closed-heading", "Newest closed cases")
    ]


async def test_a_cursor_that_makes_no_sense_shows_the_newest_closed_cases(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    closed = await _closed_cases(3)
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    for junk in ("nonsense", "1.2.3", "1.-5", "1.99999999999999999999", "99999999999999999999999.1", ""):
        page = await client.get("/staff/cases", params={"closed_after": junk})
        assert page.status_code == 200, junk
        assert _case_links(_closed_section(page.text)) == [case.id for case in closed], junk


async def test_find_a_case_by_its_number(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    closed = await _closed_cases(PAGE + 5)
    oldest = closed[-1]
    lead = staff[Role.SAFEGUARDING_LEAD]
    await sign_in(client, lead)
    found = await client.get("/staff/cases", params={"number": f" {oldest.id} "})
    assert found.status_code == 303 and found.headers["location"] == f"/staff/cases/{oldest.id}"
    page = await client.get(found.headers["location"])
    assert page.status_code == 200
    assert await AuditEvent.filter(action="case.viewed", object_id=str(oldest.id), actor_id=lead.id).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter a case number, like 12"),
        ("99999", "There is no case 99999. Check the number"),
        ("", "Enter a case number, like 12"),
        # Too many digits for any case: still a number, with no case (it was "Enter a number").
        ("99999999999", "There is no case 99999999999. Check the number"),
        ("000099999999999", "There is no case 99999999999. Check the number"),
        ("0", "Enter a case number, like 12"),
        ("1_000", "Enter a case number, like 12"),
        ("9" * 5000, "There is no case with that number. Check the number"),  # int() refuses it
    ],
)
async def test_finding_a_case_that_is_not_there_says_so_and_keeps_the_number(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, typed: str, message: str
) -> None:
    await _closed_cases(2)
    await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    page = await client.get("/staff/cases", params={"number": typed})
    assert page.status_code == 400
    root = parse(page.text)
    title = root.find(".//title")
    assert title is not None and "".join(title.itertext()).startswith("Error: Safeguarding cases")
    summary = page.text.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert f'<a href="#case-number">{message}</a>' in summary
    [field] = [i for i in root.iter("input") if i.get("id") == "case-number"]
    assert field.get("value", "") == typed and field.get("aria-invalid") == "true"
    assert "case-number-error" in (field.get("aria-describedby") or "")
    assert len(_case_links(_closed_section(page.text))) == 2  # the list is still there
