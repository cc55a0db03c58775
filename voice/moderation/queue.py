"""The moderation queue: filters, counts per filter, and keyset paging.

Possible disclosures always come first (``screening_rank`` 0 is urgent, 1 concern,
2 none), then the oldest first, so nothing waits longest by accident. Everything is
in ascending (screening_rank, submitted_at, id) order, which the indexes hold, and
paging is by keyset on it, so pages stay fast however deep the queue is. Counts
come from a tally that triggers keep exact (:mod:`voice.moderation.tally`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from voice.clock import DATE_RANGE_MESSAGE, usable_date
from voice.events.models import TakeoverEvent
from voice.feedback.models import (
    SCREENING_RANK,
    Consultation,
    Contribution,
    ContributionKind,
    ScreeningLevel,
    Status,
)
from voice.moderation import tally
from voice.moderation.states import TO_DO, decision_mark_of
from voice.web.forms import record_id

PAGE_SIZE = 50

#: The status filter's choices: "to_do" (received or in review) is the default.
STATUS_CHOICES: dict[str, str] = {
    "to_do": "To do",
    Status.RECEIVED.value: "Received",
    Status.IN_REVIEW.value: "In review",
    Status.APPROVED.value: "Approved",
    Status.REJECTED.value: "Rejected",
    Status.WITHDRAWN.value: "Withdrawn",
    "all": "All",
}
LEVEL_CHOICES: dict[str, str] = {
    ScreeningLevel.URGENT.value: "Urgent",
    ScreeningLevel.CONCERN.value: "Concern",
    ScreeningLevel.NONE.value: "None found",
}
KIND_CHOICES: dict[str, str] = {
    ContributionKind.FEEDBACK.value: "Feedback",
    ContributionKind.TAKEOVER.value: "Takeover event",
    ContributionKind.LIVED_EXPERIENCE.value: "Lived experience",
}


@dataclass(frozen=True)
class Cursor:
    rank: int
    submitted_at: datetime
    id: int

    def encode(self) -> str:
        return f"{self.rank}.{int(self.submitted_at.timestamp() * 1_000_000)}.{self.id}"

    @classmethod
    def decode(cls, raw: str) -> Cursor | None:
        try:
            rank, micros, ident = (int(part) for part in raw.split("."))
        except ValueError:
            return None
        try:
            moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
        except OverflowError:
            return None
        return cls(rank, moment, ident)


@dataclass(frozen=True)
class Filters:
    status: str = "to_do"
    kind: str = ""
    consultation: int | None = None
    event: int | None = None
    level: str = ""
    language: str = ""
    date_from: date | None = None
    date_to: date | None = None
    after: Cursor | None = None
    errors: tuple[tuple[str, str], ...] = field(default=())

    def query_string(self, **overrides: object) -> str:
        """The filters as a URL query (without the cursor unless given)."""
        values: dict[str, object] = {
            "status": self.status,
            "kind": self.kind,
            "consultation": self.consultation or "",
            "event": self.event or "",
            "level": self.level,
            "language": self.language,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        values.update(overrides)
        return urlencode({key: value for key, value in values.items() if value not in ("", None)})

    def without_cursor(self) -> Filters:
        return replace(self, after=None)


def _int_or_none(raw: str | None) -> int | None:
    """A positive id, or None (ids start at 1; 0 would mean "none" in the tally)."""
    return record_id(raw)


def _date(raw: str | None, field_id: str, label: str, errors: list[tuple[str, str]]) -> date | None:
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        errors.append((field_id, f"{label} must be a real date, like 2026-11-22"))
        return None
    if not usable_date(day):
        errors.append((field_id, f"{label} {DATE_RANGE_MESSAGE}"))
        return None
    return day


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Read filters from query parameters; unknown values fall back to the default, bad dates are errors."""
    errors: list[tuple[str, str]] = []
    status = params.get("status", "to_do")
    date_from = _date(params.get("from"), "filter-from", "The 'from' date", errors)
    date_to = _date(params.get("to"), "filter-to", "The 'to' date", errors)
    if date_from and date_to and date_to < date_from:
        errors.append(("filter-to", "The 'to' date must be the same as or after the 'from' date"))
    return Filters(
        status=status if status in STATUS_CHOICES else "to_do",
        kind=params.get("kind", "") if params.get("kind", "") in KIND_CHOICES else "",
        consultation=_int_or_none(params.get("consultation")),
        event=_int_or_none(params.get("event")),
        level=params.get("level", "") if params.get("level", "") in LEVEL_CHOICES else "",
        language=params.get("language", "")[:8],
        date_from=date_from,
        date_to=date_to,
        after=Cursor.decode(params.get("after", "")) if params.get("after") else None,
        errors=tuple(errors),
    )


def _status_q(status: str) -> Q:
    if status == "to_do":
        return Q(status__in=list(TO_DO))
    if status == "all":
        return Q()
    return Q(status=status)


def _base(filters: Filters, *, skip: frozenset[str] = frozenset()) -> QuerySet[Contribution]:
    """Contributions matching every filter except those named in ``skip`` (for counts per filter)."""
    query = Contribution.all()
    if "status" not in skip:
        query = query.filter(_status_q(filters.status))
    if filters.kind and "kind" not in skip:
        query = query.filter(kind=filters.kind)
    if filters.consultation is not None:
        query = query.filter(consultation_id=filters.consultation)
    if filters.event is not None:
        query = query.filter(event_id=filters.event)
    if filters.level and "level" not in skip:
        query = query.filter(screening_rank=SCREENING_RANK[ScreeningLevel(filters.level)])
    if filters.language:
        query = query.filter(language=filters.language)
    if filters.date_from:
        query = query.filter(submitted_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=UTC))
    if filters.date_to:
        end = datetime.combine(filters.date_to, time.min, tzinfo=UTC) + timedelta(days=1)
        query = query.filter(submitted_at__lt=end)
    return query


ORDER = ("screening_rank", "submitted_at", "id")


def _within_rank(cursor: Cursor) -> Q:
    """Rows after ``cursor`` among rows of the cursor's own rank."""
    return Q(submitted_at__gt=cursor.submitted_at) | Q(submitted_at=cursor.submitted_at, id__gt=cursor.id)


def _after(cursor: Cursor) -> Q:
    """Rows after ``cursor`` in queue order."""
    return Q(screening_rank__gt=cursor.rank) | (Q(screening_rank=cursor.rank) & _within_rank(cursor))


@dataclass(frozen=True)
class QueueItem:
    """What a queue row shows: read as plain values, not whole contributions."""

    id: int
    status: Status
    screening_level: ScreeningLevel
    screening_rank: int
    kind: ContributionKind
    language: str
    submitted_at: datetime
    consultation_title: str = ""
    event_title: str = ""
    #: The decision the row shows (:func:`voice.moderation.states.decision_mark_of`): an action
    #: from the row is refused when the contribution changed since.
    decision_mark: str = ""


ITEM_COLUMNS = (
    "id",
    "status",
    "screening_level",
    "screening_rank",
    "kind",
    "language",
    "submitted_at",
    "consultation_id",
    "event_id",
    "decided_by_id",
    "decided_at",
)


@dataclass
class Page:
    items: list[QueueItem]
    next_cursor: Cursor | None
    total: int
    status_counts: dict[str, int]
    level_counts: dict[str, int]
    kind_counts: dict[str, int]
    #: Counts per consultation, takeover event (by id) and language, each with every filter but
    #: its own, as the three above are.
    consultation_counts: dict[int, int] = field(default_factory=dict)
    event_counts: dict[int, int] = field(default_factory=dict)
    language_counts: dict[str, int] = field(default_factory=dict)


Counts = tuple[dict[str, int], dict[str, int], dict[str, int]]

CountRows = tally.CountRows


async def counts_for(filters: Filters) -> Counts:
    """Counts per status, per level and per kind, each leaving out its own filter.

    Always live: they come from ``queue_tally``, which database triggers keep exact
    (see :mod:`voice.moderation.tally`), so they cost a read of a few thousand rows
    however many contributions there are.
    """
    return fold_counts(await tally_rows(filters), filters)


async def tally_rows(filters: Filters) -> CountRows:
    """Counts by (status, rank, kind) for the counted statuses, with every filter but those three."""
    return await tally.count_rows(
        statuses=counted_statuses(filters.status),
        consultation=filters.consultation,
        event=filters.event,
        language=filters.language,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


async def choice_counts(filters: Filters) -> tuple[dict[int, int], dict[int, int], dict[str, int]]:
    """Counts per consultation, per takeover event (no consultation or event is 0) and per
    language, each leaving out its own filter: one grouped read of the tally, folded here."""
    statuses = [status.value for status in TO_DO] if filters.status == "to_do" else [filters.status]
    rows = await tally.count_choices(
        statuses=None if filters.status == "all" else statuses,
        rank=SCREENING_RANK[ScreeningLevel(filters.level)] if filters.level else None,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    by_consultation: dict[int, int] = {}
    by_event: dict[int, int] = {}
    by_language: dict[str, int] = {}
    for (consultation, event, language), n in rows.items():
        consultation_ok = filters.consultation is None or consultation == filters.consultation
        event_ok = filters.event is None or event == filters.event
        language_ok = not filters.language or language == filters.language
        if event_ok and language_ok:
            by_consultation[consultation] = by_consultation.get(consultation, 0) + n
        if consultation_ok and language_ok:
            by_event[event] = by_event.get(event, 0) + n
        if consultation_ok and event_ok:
            by_language[language] = by_language.get(language, 0) + n
    return by_consultation, by_event, by_language


_TO_DO_VALUES = frozenset(status.value for status in TO_DO)


def _in_status(status: str, selected: str) -> bool:
    if selected == "to_do":
        return status in _TO_DO_VALUES
    return selected == "all" or status == selected


def fold_counts(rows: CountRows, filters: Filters) -> Counts:
    """Turn (status, rank, kind) counts into the three counts per filter choice."""
    wanted_rank = SCREENING_RANK[ScreeningLevel(filters.level)] if filters.level else None
    rank_level = {rank: level.value for level, rank in SCREENING_RANK.items()}
    by_status: dict[str, int] = {}
    by_level: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for (status, rank, kind), n in rows.items():
        kind_ok = not filters.kind or kind == filters.kind
        rank_ok = wanted_rank is None or rank == wanted_rank
        if kind_ok and rank_ok:
            by_status[status] = by_status.get(status, 0) + n
        if not _in_status(status, filters.status):
            continue
        if kind_ok:
            by_level[rank_level[rank]] = by_level.get(rank_level[rank], 0) + n
        if rank_ok:
            by_kind[kind] = by_kind.get(kind, 0) + n
    return by_status, by_level, by_kind


def counted_statuses(selected: str) -> list[str] | None:
    """The statuses whose counts are worth reading: the waiting ones and the chosen one.

    Decided contributions pile up (most of 100,000); counting them on every page would
    mean reading the whole index. ``None`` means every status (the "All" view).
    """
    if selected == "all":
        return None
    wanted = [status.value for status in TO_DO]
    if selected not in wanted and selected != "to_do":
        wanted.append(selected)
    return wanted


def _status_counts(by_status: dict[str, int], selected: str) -> dict[str, int]:
    """Counts per status choice; a choice missing from the result was not counted."""
    counted = counted_statuses(selected)
    keys = [key for key in STATUS_CHOICES if key not in ("to_do", "all")]
    counts = {key: by_status.get(key, 0) for key in keys if counted is None or key in counted}
    counts["to_do"] = sum(by_status.get(status.value, 0) for status in TO_DO)
    if counted is None:
        counts["all"] = sum(by_status.values())
    return counts


Row = dict[str, Any]


def _key(row: Row) -> tuple[int, datetime, int]:
    return (int(row["screening_rank"]), row["submitted_at"], int(row["id"]))


async def _rows(filters: Filters, limit: int) -> list[Row]:
    """The next ``limit`` rows in queue order, as plain values.

    One short query per (status, rank), rank by rank, stopping once the page is
    full: each is an equality on the leading columns of an index that holds rows in
    submitted order, so no query sorts or skips more than a page, whatever the
    other filters (a date range included). "To do" is two statuses, merged.
    """
    statuses = [status.value for status in TO_DO] if filters.status == "to_do" else [filters.status]
    every_rank = sorted(SCREENING_RANK.values())
    ranks = [SCREENING_RANK[ScreeningLevel(filters.level)]] if filters.level else every_rank
    cursor = filters.after
    found: list[Row] = []
    for rank in ranks:
        need = limit - len(found)
        if need <= 0:
            break
        if cursor is not None and rank < cursor.rank:
            continue
        batch: list[Row] = []
        for status in statuses:
            query = _base(replace(filters, status=status, level="")).filter(screening_rank=rank)
            if cursor is not None and rank == cursor.rank:
                query = query.filter(_within_rank(cursor))
            batch += await query.order_by(*ORDER).limit(need).values(*ITEM_COLUMNS)
        found += sorted(batch, key=_key)[:need]
    return found


async def _titles(rows: list[Row]) -> tuple[dict[int, str], dict[int, str]]:
    """The consultation and event titles the rows name, by id."""
    consultation_ids = {row["consultation_id"] for row in rows if row["consultation_id"]}
    event_ids = {row["event_id"] for row in rows if row["event_id"]}
    consultations: dict[int, str] = {}
    events: dict[int, str] = {}
    if consultation_ids:
        for found in await Consultation.filter(id__in=consultation_ids).values("id", "slug", "title"):
            title = found["title"] if isinstance(found["title"], dict) else {}
            consultations[int(found["id"])] = str(title.get("en") or found["slug"])
    if event_ids:
        for found in await TakeoverEvent.filter(id__in=event_ids).values("id", "title"):
            events[int(found["id"])] = str(found["title"])
    return consultations, events


def _item(row: Row, consultations: dict[int, str], events: dict[int, str]) -> QueueItem:
    return QueueItem(
        id=int(row["id"]),
        status=Status(row["status"]),
        screening_level=ScreeningLevel(row["screening_level"]),
        screening_rank=int(row["screening_rank"]),
        kind=ContributionKind(row["kind"]),
        language=str(row["language"]),
        submitted_at=row["submitted_at"],
        consultation_title=consultations.get(row["consultation_id"] or 0, ""),
        event_title=events.get(row["event_id"] or 0, ""),
        decision_mark=decision_mark_of(Status(row["status"]), row["decided_by_id"], row["decided_at"]),
    )


async def item_for(contribution_id: int) -> QueueItem | None:
    """One contribution as its queue row (after an action on it, for the row's htmx swap)."""
    rows = await Contribution.filter(id=contribution_id).values(*ITEM_COLUMNS)
    if not rows:
        return None
    consultations, events = await _titles(rows)
    return _item(rows[0], consultations, events)


async def load_page(filters: Filters, page_size: int = PAGE_SIZE) -> Page:
    rows = await _rows(filters, page_size + 1)
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        rank, submitted_at, ident = _key(rows[-1])
        next_cursor = Cursor(rank, submitted_at, ident)
    consultations, events = await _titles(rows)
    by_status, level_counts, kind_counts = await counts_for(filters)
    status_counts = _status_counts(by_status, filters.status)
    by_consultation, by_event, by_language = await choice_counts(filters)
    return Page(
        items=[_item(row, consultations, events) for row in rows],
        next_cursor=next_cursor,
        total=status_counts.get(filters.status, 0),
        status_counts=status_counts,
        level_counts={key: level_counts.get(key, 0) for key in LEVEL_CHOICES},
        kind_counts={key: kind_counts.get(key, 0) for key in KIND_CHOICES},
        consultation_counts=by_consultation,
        event_counts=by_event,
        language_counts=by_language,
    )


async def next_to_do(filters: Filters, after: Contribution) -> Contribution | None:
    """The next contribution still to do after ``after`` in queue order (for "save and next")."""
    to_do = replace(filters, status="to_do", after=None)
    cursor = Cursor(after.screening_rank, after.submitted_at, after.id)
    found = await _base(to_do).filter(_after(cursor)).exclude(id=after.id).order_by(*ORDER).first()
    if found is None:  # wrap round to the top of the queue
        found = await _base(to_do).exclude(id=after.id).order_by(*ORDER).first()
    return found
