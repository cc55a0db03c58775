from __future__ import annotations

import pytest
from starlette.applications import Starlette

from voice.audit.models import AuditEvent, AuditLogIsAppendOnly
from voice.audit.services import record


async def test_record_and_read_back(app: Starlette) -> None:
    event = await record("test.thing", actor_label="tester", object_type="x", object_id=5, after={"a": 1})
    stored = await AuditEvent.get(id=event.id)
    assert stored.action == "test.thing" and stored.object_id == "5" and stored.after == {"a": 1}
    assert stored.at.tzinfo is not None


async def test_no_update_path(app: Starlette) -> None:
    event = await record("test.thing")
    event.action = "changed"
    with pytest.raises(AuditLogIsAppendOnly):
        await event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.filter(id=event.id).update(action="changed")
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.bulk_update([event], fields=["action"])
    assert (await AuditEvent.get(id=event.id)).action == "test.thing"


async def test_no_delete_path(app: Starlette) -> None:
    event = await record("test.thing")
    with pytest.raises(AuditLogIsAppendOnly):
        await event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.filter(id=event.id).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.all().delete()
    assert await AuditEvent.exists(id=event.id)
