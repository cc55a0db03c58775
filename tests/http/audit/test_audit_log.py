"""The audit log page: newest first, readable, filtered, paged, and itself audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.audit.services import record
from voice.clock import FixedClock

T0 = datetime(2026, 11, 22, 14, 3, 5, tzinfo=UTC)


def _actions_shown(html: str) -> list[str]:
    return re.findall(r'<span class="audit-action">([^<]+)</span>', html)


async def _admin(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    await sign_in(client, staff[Role.ADMIN])
    return staff[Role.ADMIN]


async def test_lists_newest_first_with_readable_details(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await record(
        "case.opened", object_type="safeguarding_case", object_id=7, after={"level": "urgent"}, at=T0
    )
    await record(
        "staff.role_changed",
        actor_id=staff[Role.ADMIN].id,
        actor_label="admin@voice.test",
        object_type="staff_user",
        object_id=3,
        before={"role": "analyst"},
        after={"role": "moderator", "is_active": True},
        at=T0 + timedelta(hours=1),
    )
    await _admin(client, staff)
    response = await client.get("/staff/audit")
    assert response.status_code == 200
    html = response.text
    shown = _actions_shown(html)
    assert shown[0] == "signin.success"  # the admin just signed in: newest first
    assert shown.index("staff.role_changed") < shown.index("case.opened")
    assert '<time datetime="2026-11-22T14:03:05Z">2026-11-22 14:03 UTC</time>' in html
    assert '<time datetime="2026-11-22T15:03:05Z">2026-11-22 15:03 UTC</time>' in html
    assert '<span class="audit-key">role:</span> analyst' in html
    assert '<span class="audit-key">role:</span> moderator' in html
    assert '<span class="audit-key">is active:</span> yes' in html
    assert "safeguarding_case 7" in html
    assert f"admin@voice.test (staff ID {staff[Role.ADMIN].id})" in html
    assert 'href="/staff/audit.csv"' in html


async def test_viewing_is_audited_with_the_filters(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(T0)
    admin = await _admin(client, staff)
    await client.get("/staff/audit", params={"action": "signin.success", "actor": "admin"})
    viewed = await AuditEvent.filter(action="audit.viewed").first()
    assert viewed is not None
    assert viewed.actor_id == admin.id and viewed.actor_label == admin.email
    assert viewed.at == T0
    assert viewed.after == {"filters": {"action": "signin.success", "actor": "admin"}, "events_shown": 1}


async def test_filter_by_action_offers_known_actions(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await record("case.opened", object_type="safeguarding_case", object_id=1, at=T0)
    await record("something.custom", at=T0)
    await _admin(client, staff)
    html = (await client.get("/staff/audit", params={"action": "case.opened"})).text
    assert _actions_shown(html) == ["case.opened"]
    assert '<option value="case.opened" selected>case.opened</option>' in html
    assert '<option value="staff.deactivated">' in html  # known before it ever happens
    assert '<option value="something.custom">' in html  # anything already in the log


async def test_filter_by_actor_object_and_dates(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    # Written in time order, as the log always is (it is listed by the order written).
    await record("x.old", actor_label="lee@voice.test", at=T0 - timedelta(days=3))
    await record("x.one", actor_label="lee@voice.test", object_type="contribution", object_id=5, at=T0)
    await record("x.two", actor_label="sam@voice.test", object_type="contribution", object_id=6, at=T0)
    await record("x.three", actor_label="lee@voice.test", object_type="safeguarding_case", object_id=5, at=T0)
    await record("x.new", actor_label="lee@voice.test", at=T0 + timedelta(days=3))
    await _admin(client, staff)

    async def shown(**params: str) -> list[str]:
        response = await client.get("/staff/audit", params=params)
        assert response.status_code == 200, response.text
        return [a for a in _actions_shown(response.text) if a.startswith("x.")]

    assert await shown(actor="LEE@") == ["x.new", "x.three", "x.one", "x.old"]
    assert await shown(object_type="contribution") == ["x.two", "x.one"]
    assert await shown(object_type="contribution", object_id="5") == ["x.one"]
    assert await shown(object_id="5") == ["x.three", "x.one"]
    day = {"from-day": "22", "from-month": "11", "from-year": "2026"}
    to_day = {"to-day": "22", "to-month": "11", "to-year": "2026"}
    assert await shown(**day, **to_day) == ["x.three", "x.two", "x.one"]
    assert await shown(**day) == ["x.new", "x.three", "x.two", "x.one"]
    assert await shown(**to_day) == ["x.three", "x.two", "x.one", "x.old"]
    assert await shown(actor="sam", **day, **to_day) == ["x.two"]


async def test_bad_dates_show_govuk_errors_and_keep_what_was_typed(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await _admin(client, staff)
    cases = [
        (
            {"from-day": "31", "from-month": "2", "from-year": "2026"},
            "From date must be a real date",
            "from-day",
        ),
        ({"from-day": "3", "from-year": "2026"}, "From date must include a month", "from-month"),
        ({"to-year": "2026"}, "To date must include a day and month", "to-day"),
        ({"to-day": "3", "to-month": "x", "to-year": "2026"}, "To date must be a real date", "to-month"),
        (
            {"from-day": "3", "from-month": "4", "from-year": "26"},
            "From date must have 4 numbers in the year",
            "from-year",
        ),
        (
            {"to-day": "31", "to-month": "12", "to-year": "9999"},
            "To date must be between 2000 and 2099",
            "to-year",
        ),
        (
            {"from-day": "1", "from-month": "1", "from-year": "0001"},
            "From date must be between 2000 and 2099",
            "from-year",
        ),
        (
            {
                "from-day": "5",
                "from-month": "4",
                "from-year": "2026",
                "to-day": "4",
                "to-month": "4",
                "to-year": "2026",
            },
            "To date must be the same as or after the from date",
            "to-day",
        ),
    ]
    for params, message, first_field in cases:
        response = await client.get("/staff/audit", params={**params, "actor": "kept@voice.test"})
        assert response.status_code == 400, params
        html = response.text
        assert "<title>Error: Audit log" in html
        assert "data-error-summary" in html
        assert f'<a href="#{first_field}">{message}</a>' in html, params
        assert f'<span class="visually-hidden">Error:</span> {message}' in html
        assert 'value="kept@voice.test"' in html
        for name, value in params.items():
            assert f'name="{name}" type="text" inputmode="numeric" value="{value}"' in html
        assert f'id="{first_field}" name="{first_field}"' in html
        assert "audit-event" not in html  # no events under wrong filters
        assert not await AuditEvent.filter(action="audit.viewed").exists()


async def test_unknown_action_is_an_error(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await _admin(client, staff)
    response = await client.get("/staff/audit", params={"action": "no.such", "object_type": "nothing"})
    assert response.status_code == 400
    assert '<a href="#action">Choose an action from the list</a>' in response.text
    assert '<option value="no.such" selected>no.such</option>' in response.text  # nothing lost
    assert '<option value="nothing" selected>nothing</option>' in response.text
    assert '<option value="safeguarding_case">' in response.text


async def test_htmx_gets_the_page_fragment(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await _admin(client, staff)
    response = await client.get(
        "/staff/audit", params={"action": "signin.success"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="audit-page"')
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]
    bad = await client.get("/staff/audit", params={"to-year": "2026"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    assert 'data-page-title="Error: Audit log – Voice"' in bad.text


async def test_paging_newest_first_keeps_filters(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    for number in range(120):
        await record("bulk.event", object_type="thing", object_id=number, at=T0 + timedelta(minutes=number))
    await _admin(client, staff)
    first = await client.get("/staff/audit", params={"action": "bulk.event"})
    ids = re.findall(r"thing (\d+)</dd>", first.text)
    assert ids == [str(n) for n in range(119, 69, -1)]
    assert 'rel="prev"' not in first.text
    next_url = re.search(r'<a href="([^"]+)" rel="next">', first.text)
    assert next_url is not None
    href = next_url.group(1).replace("&amp;", "&")
    assert "action=bulk.event" in href
    second = await client.get(href)
    assert re.findall(r"thing (\d+)</dd>", second.text) == [str(n) for n in range(69, 19, -1)]
    third_href = re.search(r'<a href="([^"]+)" rel="next">', second.text)
    assert third_href is not None
    third = await client.get(third_href.group(1).replace("&amp;", "&"))
    assert re.findall(r"thing (\d+)</dd>", third.text) == [str(n) for n in range(19, -1, -1)]
    assert 'rel="next"' not in third.text
    back = re.search(r'<a href="([^"]+)" rel="prev">', third.text)
    assert back is not None
    again = await client.get(back.group(1).replace("&amp;", "&"))
    assert re.findall(r"thing (\d+)</dd>", again.text) == [str(n) for n in range(69, 19, -1)]
    assert 'rel="prev"' in again.text and 'rel="next"' in again.text


async def test_nonsense_cursor_is_ignored(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await _admin(client, staff)
    response = await client.get("/staff/audit", params={"before": "abc", "after": "-1"})
    assert response.status_code == 200
    assert "signin.success" in response.text


async def test_no_events_message(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await _admin(client, staff)
    response = await client.get("/staff/audit", params={"object_id": "no-such-object"})
    assert response.status_code == 200
    assert "No events match these filters." in response.text


async def test_others_are_refused(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    for role in (Role.MODERATOR, Role.SAFEGUARDING_LEAD, Role.ANALYST):
        await sign_in(client, staff[role])
        assert (await client.get("/staff/audit")).status_code == 403
        assert (await client.get("/staff/audit.csv")).status_code == 403
    assert not await AuditEvent.filter(action__in=["audit.viewed", "audit.exported"]).exists()
