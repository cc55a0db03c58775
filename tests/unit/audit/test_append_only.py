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


async def test_no_back_doors_through_the_manager(app: Starlette) -> None:
    event = await record("test.thing", object_id=1)
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.filter(id=event.id).select_for_update().first()
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.update_or_create(defaults={"action": "changed"}, id=event.id)
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.filter(action="test.thing").order_by("-id").limit(1).update(action="changed")
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.exclude(action="other").delete()
    fetched = await AuditEvent.get(id=event.id)
    fetched.update_from_dict({"action": "changed"})
    with pytest.raises(AuditLogIsAppendOnly):
        await fetched.save()
    stored = await AuditEvent.get(id=event.id)
    assert (stored.action, stored.object_id) == ("test.thing", "1")


async def test_appending_still_works_after_refusals(app: Starlette) -> None:
    first = await record("test.one")
    with pytest.raises(AuditLogIsAppendOnly):
        await AuditEvent.all().delete()
    second = await record("test.two")
    assert second.id > first.id
    assert [e.action for e in await AuditEvent.all().order_by("id")] == ["test.one", "test.two"]
