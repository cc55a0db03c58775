"""The audit log as CSV: same filters, safe to open in a spreadsheet, and itself audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit import services
from voice.audit.models import AuditEvent
from voice.audit.services import CSV_HEADER, record
from voice.clock import FixedClock

T0 = datetime(2026, 11, 22, 14, 3, 5, tzinfo=UTC)


def _rows(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


async def test_csv_download_of_filtered_events(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await record(
        "staff.role_changed",
        actor_id=9,
        actor_label="boss@voice.test",
        object_type="staff_user",
        object_id=3,
        before={"role": "analyst"},
        after={"role": "moderator"},
        at=T0,
    )
    await record(
        "case.opened", object_type="safeguarding_case", object_id=4, after={"level": "urgent"}, at=T0
    )
    app.state.clock = FixedClock(T0 + timedelta(days=1))
    admin = staff[Role.ADMIN]
    await sign_in(client, admin)
    response = await client.get("/staff/audit.csv", params={"action": "staff.role_changed"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="voice-audit-20261123-140305.csv"'
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith("\ufeff".encode())
    rows = _rows(response)
    assert rows[0] == list(CSV_HEADER)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["at_utc"] == "2026-11-22T14:03:05Z"
    assert row["actor_id"] == "9" and row["actor"] == "boss@voice.test"
    assert row["object_type"] == "staff_user" and row["object_id"] == "3"
    assert json.loads(row["before"]) == {"role": "analyst"}
    assert json.loads(row["after"]) == {"role": "moderator"}
    exported = await AuditEvent.filter(action="audit.exported").first()
    assert exported is not None
    assert exported.actor_id == admin.id and exported.at == T0 + timedelta(days=1)
    assert exported.after == {"filters": {"action": "staff.role_changed"}, "format": "csv"}


async def test_csv_has_every_matching_event_newest_first(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "CSV_BATCH", 7)
    for number in range(22):  # more than three batches, the last one part full
        await record("bulk.event", object_id=number, at=T0)
    for number in range(14):  # exactly two batches
        await record("even.event", object_id=number, at=T0)
    await sign_in(client, staff[Role.ADMIN])
    rows = _rows(await client.get("/staff/audit.csv", params={"action": "bulk.event"}))
    assert [row[6] for row in rows[1:]] == [str(n) for n in range(21, -1, -1)]
    rows = _rows(await client.get("/staff/audit.csv", params={"action": "even.event"}))
    assert [row[6] for row in rows[1:]] == [str(n) for n in range(13, -1, -1)]


async def test_csv_guards_against_formula_injection(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    # A failed sign-in records whatever was typed as the email: an attacker controls it.
    await record("signin.failure", actor_label='=HYPERLINK("http://evil.example")', at=T0)
    await record("signin.failure", actor_label="+1+2", object_id="-5", at=T0)
    await record("signin.failure", actor_label="@SUM(A1)", object_type="\tx", at=T0)
    await record("signin.failure", actor_label="plain@voice.test", after={"note": "=1+1"}, at=T0)
    await sign_in(client, staff[Role.ADMIN])
    rows = _rows(await client.get("/staff/audit.csv", params={"action": "signin.failure"}))
    by_label = {row[3]: row for row in rows[1:]}
    assert set(by_label) == {'\'=HYPERLINK("http://evil.example")', "'+1+2", "'@SUM(A1)", "plain@voice.test"}
    assert by_label["'+1+2"][6] == "'-5"
    assert by_label["'@SUM(A1)"][5] == "'\tx"
    assert json.loads(by_label["plain@voice.test"][8]) == {"note": "=1+1"}  # JSON starts with {
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


async def test_csv_with_bad_filters_shows_the_errors(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    await sign_in(client, staff[Role.ADMIN])
    response = await client.get(
        "/staff/audit.csv", params={"from-day": "40", "from-month": "1", "from-year": "2026"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert '<a href="#from-day">From date must be a real date</a>' in response.text
    assert 'value="40"' in response.text
    assert not await AuditEvent.filter(action="audit.exported").exists()


async def test_csv_link_carries_the_filters(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await sign_in(client, staff[Role.ADMIN])
    page = await client.get(
        "/staff/audit",
        params={"action": "signin.success", "from-day": "1", "from-month": "1", "from-year": "2020"},
    )
    assert (
        'href="/staff/audit.csv?action=signin.success&amp;from-day=1&amp;from-month=1&amp;from-year=2020"'
        in page.text
    )
