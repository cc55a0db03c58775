"""Writing to the audit log, and reading it back for admins.

Every decision a person makes goes through :func:`record`. Reading uses keyset
paging on the primary key (``id``), newest first, so a page costs the same at
the start of a 100,000-event log as at its end.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from voice.audit.models import AuditEvent

if TYPE_CHECKING:
    from voice.accounts.models import StaffUser

PAGE_SIZE = 50
CSV_BATCH = 1000

#: Actions Voice writes, so the filter offers them before any has happened. Actions
#: already in the log are offered too (see :func:`known_actions`).
KNOWN_ACTIONS: tuple[str, ...] = (
    "audit.exported",
    "audit.viewed",
    "case.opened",
    "contribution.received",
    "password_change.failure",
    "password_change.throttled",
    "retention.case_deleted",
    "retention.drafts_deleted",
    "retention.original_deleted",
    "signin.failure",
    "signin.success",
    "signin.throttled",
    "signout",
    "staff.created",
    "staff.deactivated",
    "staff.password_changed",
    "staff.reactivated",
    "staff.role_changed",
    "staff.temporary_password_set",
)

#: Object types Voice writes (a test keeps this in step with the code). A list in code,
#: not a query: object_type has no index, and a DISTINCT over it reads the whole log.
KNOWN_OBJECT_TYPES: tuple[str, ...] = (
    "area",
    "audit_log",
    "consultation",
    "contribution",
    "influence_action",
    "journey_draft",
    "priority",
    "question",
    "redaction",
    "safeguarding_case",
    "staff_user",
    "takeover_event",
    "theme",
)

CSV_HEADER: tuple[str, ...] = (
    "id",
    "at_utc",
    "actor_id",
    "actor",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
)

#: A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


async def record(
    action: str,
    *,
    by: StaffUser | None = None,
    actor_id: int | None = None,
    actor_label: str = "system",
    object_type: str = "",
    object_id: str | int = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    client_hash: str = "",
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event. ``by`` is the staff member acting (sets the actor's id and label)."""
    if by is not None:
        actor_id, actor_label = by.id, by.email
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


def fingerprint(snapshot: Mapping[str, Any]) -> str:
    """A short digest of a snapshot (what the log keeps of something). An edit page carries it,
    so a save made from a page opened before someone else's save is caught, not put back over
    theirs."""
    state = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(state.encode()).hexdigest()[:16]


async def was_deleted(action: str, object_type: str, object_id: int) -> bool:
    """Whether the log records ``object_type`` number ``object_id`` deleted by ``action``. A
    delete sent again (a double click, a second tab) finds it gone, which is what was asked;
    a number never used is still not found."""
    return await AuditEvent.exists(action=action, object_type=object_type, object_id=str(object_id))


async def recent(limit: int = 50, action: str | None = None) -> list[AuditEvent]:
    query = AuditEvent.all()
    if action:
        query = query.filter(action=action)
    return await query.order_by("-id").limit(limit)


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show. Empty strings and None mean "any"."""

    action: str = ""
    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_dict(self) -> dict[str, str]:
        """The filters in use, for the audit entry that records who looked."""
        values = {
            "action": self.action,
            "actor": self.actor,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in values.items() if value}


def _filtered(chosen: AuditFilter) -> Any:
    query = AuditEvent.all()
    if chosen.action:
        query = query.filter(action=chosen.action)
    if chosen.actor:
        query = query.filter(actor_label__icontains=chosen.actor)
    if chosen.object_type:
        query = query.filter(object_type=chosen.object_type)
    if chosen.object_id:
        query = query.filter(object_id=chosen.object_id)
    if chosen.date_from:
        query = query.filter(at__gte=datetime.combine(chosen.date_from, time.min, UTC))
    if chosen.date_to:
        query = query.filter(at__lt=datetime.combine(chosen.date_to + timedelta(days=1), time.min, UTC))
    return query


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    #: Id to page from for newer events ("Previous"), or None on the newest page.
    newer_than: int | None
    #: Id to page from for older events ("Next"), or None on the oldest page.
    older_than: int | None


async def events_page(
    chosen: AuditFilter, *, before: int | None = None, after: int | None = None, limit: int = PAGE_SIZE
) -> AuditPage:
    """One page of matching events, newest first.

    ``before=id`` gives the page of events older than ``id`` (Next); ``after=id``
    the page of events newer than ``id`` (Previous); neither, the newest page.
    """
    query = _filtered(chosen)
    if after is not None:
        rows: list[AuditEvent] = await query.filter(id__gt=after).order_by("id").limit(limit)
        rows.reverse()
    else:
        if before is not None:
            query = query.filter(id__lt=before)
        rows = await query.order_by("-id").limit(limit)
    if not rows:
        return AuditPage([], None, None)
    newest, oldest = rows[0].id, rows[-1].id
    has_newer = await _filtered(chosen).filter(id__gt=newest).order_by("id").exists()
    has_older = await _filtered(chosen).filter(id__lt=oldest).order_by("-id").exists()
    return AuditPage(rows, newest if has_newer else None, oldest if has_older else None)


#: The columns the CSV export reads, in :data:`CSV_HEADER` order.
_CSV_FIELDS = ("id", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "before", "after")


async def iter_rows(chosen: AuditFilter, batch: int | None = None) -> AsyncIterator[list[tuple[Any, ...]]]:
    """Every matching event as a tuple of :data:`_CSV_FIELDS`, newest first, in batches.

    Keyset paging on id keeps memory flat; plain tuples skip building model objects.
    """
    size = batch or CSV_BATCH
    last: int | None = None
    while True:
        query = _filtered(chosen)
        if last is not None:
            query = query.filter(id__lt=last)
        rows: list[tuple[Any, ...]] = await query.order_by("-id").limit(size).values_list(*_CSV_FIELDS)
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = int(rows[-1][0])


async def known_actions() -> list[str]:
    """Actions to offer in the filter: those Voice writes and any already in the log.

    Cheap: ``action`` is indexed, so the DISTINCT reads the index only.
    """
    values = await AuditEvent.all().order_by("action").distinct().values_list("action", flat=True)
    return sorted(set(KNOWN_ACTIONS) | {str(value) for value in values if value})


def known_object_types() -> list[str]:
    return list(KNOWN_OBJECT_TYPES)


# Showing and exporting events


def format_when(moment: datetime) -> str:
    """Like ``2026-11-22 14:03 UTC``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def iso_utc(moment: datetime) -> str:
    """Like ``2026-11-22T14:03:05Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def readable_value(value: Any) -> str:
    if value is None:
        return "(none)"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return value if value else "(empty)"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def readable(values: dict[str, Any] | None) -> list[tuple[str, str]]:
    """A before/after dict as (key, readable value) pairs, keys in order."""
    if not values:
        return []
    if not isinstance(values, dict):
        return [("value", readable_value(values))]
    return [(str(key).replace("_", " "), readable_value(values[key])) for key in sorted(values)]


def csv_safe(value: str) -> str:
    """Stop a spreadsheet running a cell as a formula (CSV injection): prefix a quote."""
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _json_cell(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def csv_row(row: tuple[Any, ...]) -> list[str]:
    """One CSV row from a tuple of :data:`_CSV_FIELDS`."""
    event_id, at, actor_id, actor_label, action, object_type, object_id, before, after = row
    cells = [
        str(event_id),
        iso_utc(at),
        "" if actor_id is None else str(actor_id),
        actor_label,
        action,
        object_type,
        object_id,
        _json_cell(before),
        _json_cell(after),
    ]
    return [csv_safe(cell) for cell in cells]


def csv_lines(rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


async def csv_chunks(chosen: AuditFilter) -> AsyncIterator[str]:
    """The CSV file for matching events: a header row, then one row per event, newest first."""
    yield "\ufeff" + csv_lines([CSV_HEADER])  # the BOM makes spreadsheets read UTF-8
    async for rows in iter_rows(chosen):
        yield csv_lines(csv_row(row) for row in rows)
