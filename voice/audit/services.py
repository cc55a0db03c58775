"""Writing to the audit log. Every decision a person makes goes through :func:`record`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from voice.audit.models import AuditEvent


async def record(
    action: str,
    *,
    actor_id: int | None = None,
    actor_label: str = "system",
    object_type: str = "",
    object_id: str | int = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    client_hash: str = "",
    at: datetime | None = None,
) -> AuditEvent:
    return await AuditEvent.create(
        at=at or datetime.now(UTC),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before,
        after=after,
        client_hash=client_hash,
    )


async def recent(limit: int = 50, action: str | None = None) -> list[AuditEvent]:
    query = AuditEvent.all()
    if action:
        query = query.filter(action=action)
    return await query.order_by("-id").limit(limit)
