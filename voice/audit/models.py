"""The append-only audit log."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.manager import Manager
from tortoise.models import Model
from tortoise.queryset import QuerySet


class AuditLogIsAppendOnly(RuntimeError):
    """Raised on any attempt to change or delete an audit event."""


class _AppendOnlyQuerySet(QuerySet[Any]):
    def update(self, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    def delete(self) -> Any:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    def select_for_update(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("audit events are never locked for update")


class _AppendOnlyManager(Manager):
    def get_queryset(self) -> QuerySet[Any]:
        return _AppendOnlyQuerySet(self._model)


# One thing a person (or Voice itself) did. Never updated, never deleted.
class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    actor_id = fields.IntField(null=True, db_index=True)
    actor_label = fields.CharField(max_length=254, default="system")
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=64, default="")
    object_id = fields.CharField(max_length=64, default="")
    before: fields.JSONField[Any] = fields.JSONField(null=True)
    after: fields.JSONField[Any] = fields.JSONField(null=True)
    client_hash = fields.CharField(max_length=64, default="")

    class Meta:
        table = "audit_event"
        ordering = ["-id"]
        indexes = (("object_type", "object_id"),)
        manager = _AppendOnlyManager()

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._saved_in_db:
            await super().save(*args, **kwargs)
            return
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    async def delete(self, using_db: BaseDBAsyncClient | None = None) -> None:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")
