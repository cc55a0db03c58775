"""No route changes or deletes an audit event: the log only ever grows."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.routing import Route

from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.audit.services import record


def test_audit_routes_only_read(app: Starlette) -> None:
    audit_routes = [r for r in app.routes if isinstance(r, Route) and r.path.startswith("/staff/audit")]
    assert {r.path for r in audit_routes} == {"/staff/audit", "/staff/audit.csv"}
    for route in audit_routes:
        assert (route.methods or set()) <= {"GET", "HEAD"}, route.path


async def _snapshot() -> list[tuple[object, ...]]:
    return [
        (e.id, e.at, e.actor_id, e.actor_label, e.action, e.object_type, e.object_id, e.before, e.after)
        for e in await AuditEvent.all().order_by("id")
    ]


async def test_using_the_log_only_appends(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> None:
    await record("case.opened", object_type="safeguarding_case", object_id=1, after={"level": "urgent"})
    await sign_in(client, staff[Role.ADMIN])
    before = await _snapshot()
    token = await csrf_token(client, "/staff/audit")
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/staff/audit", "/staff/audit.csv"):
            response = await client.request(method, path, data={"csrf_token": token})
            assert response.status_code == 405, (method, path)
    await client.get("/staff/audit", params={"action": "case.opened"})
    await client.get("/staff/audit.csv")
    after = await _snapshot()
    assert after[: len(before)] == before  # nothing earlier changed or went
    assert [row[4] for row in after[len(before) :]] == ["audit.viewed", "audit.viewed", "audit.exported"]
