"""The moderation queue: filters, counts per filter, and keyset paging.

Possible disclosures always come first (``screening_rank`` 0 is urgent, 1 concern,
2 none), then the oldest first, so nothing waits longest by accident. Everything is
in ascending (screening_rank, submitted_at, id) order, which the indexes hold, and
paging is by keyset on it, so pages stay fast however deep the queue is. Counts
group by columns that are in those indexes.
"""

from __future__ import annotations

import time as _time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from tortoise.expressions import Q, RawSQL
from tortoise.queryset import QuerySet

from voice.feedback.models import SCREENING_RANK, Contribution, ContributionKind, ScreeningLevel, Status
from voice.moderation.states import TO_DO

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
    if raw and raw.isdigit():
        return int(raw)
    return None


def _date(raw: str | None, field_id: str, label: str, errors: list[tuple[str, str]]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        errors.append((field_id, f"{label} must be a real date, like 2026-11-22"))
        return None


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


def _after(cursor: Cursor) -> Q:
    return (
        Q(screening_rank__gt=cursor.rank)
        | Q(screening_rank=cursor.rank, submitted_at__gt=cursor.submitted_at)
        | Q(screening_rank=cursor.rank, submitted_at=cursor.submitted_at, id__gt=cursor.id)
    )


@dataclass
class Page:
    items: list[Contribution]
    next_cursor: Cursor | None
    total: int
    status_counts: dict[str, int]
    level_counts: dict[str, int]
    kind_counts: dict[str, int]


Counts = tuple[dict[str, int], dict[str, int], dict[str, int]]


class CountCache:
    """Counts per filter, kept for a few seconds.

    Counting means reading every matching index entry (100,000 of them for "all"),
    while the page's rows come from a short index read. The rows are always live;
    the counts are reused for ``ttl`` seconds, and a moderation decision in this
    process clears them at once (another worker's decisions show within ``ttl``).
    """

    def __init__(self, ttl: float = 10.0) -> None:
        self.ttl = ttl
        self._entries: dict[tuple[object, ...], tuple[float, Counts]] = {}

    def get(self, key: tuple[object, ...]) -> Counts | None:
        found = self._entries.get(key)
        if found is None or _time.monotonic() - found[0] > self.ttl:
            return None
        return found[1]

    def put(self, key: tuple[object, ...], counts: Counts) -> None:
        if len(self._entries) > 500:
            self._entries.clear()
        self._entries[key] = (_time.monotonic(), counts)

    def clear(self) -> None:
        self._entries.clear()


COUNTS = CountCache()


def _cache_key(filters: Filters) -> tuple[object, ...]:
    return (
        filters.status,
        filters.kind,
        filters.consultation,
        filters.event,
        filters.level,
        filters.language,
        filters.date_from,
        filters.date_to,
    )


async def counts_for(filters: Filters) -> Counts:
    key = _cache_key(filters)
    cached = COUNTS.get(key)
    if cached is None:
        cached = await _counts(filters)
        COUNTS.put(key, cached)
    return cached


async def _counts(filters: Filters) -> Counts:
    """Counts per status, per level and per kind, each leaving out its own filter.

    Two GROUP BYs whose columns lead an index, so both databases answer from the
    index in its own order: statuses (every status, the other filters applied),
    then (status, screening_rank, kind) within the chosen statuses, from which the
    level and kind counts are sums.
    """
    status_query = _base(filters, skip=frozenset({"status"}))
    counted = counted_statuses(filters.status)
    if counted is not None:
        status_query = status_query.filter(status__in=counted)
    status_rows = await status_query.annotate(n=RawSQL("COUNT(*)")).group_by("status").values("status", "n")
    by_status = {str(row["status"]): int(row["n"]) for row in status_rows}
    rows = (
        await _base(filters, skip=frozenset({"level", "kind"}))
        .annotate(n=RawSQL("COUNT(*)"))
        .group_by("status", "screening_rank", "kind")
        .values("status", "screening_rank", "kind", "n")
    )
    wanted_rank = SCREENING_RANK[ScreeningLevel(filters.level)] if filters.level else None
    rank_level = {rank: level.value for level, rank in SCREENING_RANK.items()}
    by_level: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for row in rows:
        rank, kind, n = int(row["screening_rank"]), str(row["kind"]), int(row["n"])
        if not filters.kind or kind == filters.kind:
            by_level[rank_level[rank]] = by_level.get(rank_level[rank], 0) + n
        if wanted_rank is None or rank == wanted_rank:
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


def _key(item: Contribution) -> tuple[int, datetime, int]:
    return (item.screening_rank, item.submitted_at, item.id)


async def _rows(filters: Filters, limit: int) -> list[Contribution]:
    """The next ``limit`` rows in queue order.

    "To do" is two statuses; asking for each separately and merging lets the
    (status, screening_rank, submitted_at) index hand rows over already in order,
    instead of sorting every waiting contribution for each page.
    """
    statuses = [status.value for status in TO_DO] if filters.status == "to_do" else [filters.status]
    found: list[Contribution] = []
    for status in statuses:
        query = _base(replace(filters, status=status))
        if filters.after is not None:
            query = query.filter(_after(filters.after))
        found += await query.order_by(*ORDER).limit(limit)
    return sorted(found, key=_key)[:limit]


async def load_page(filters: Filters, page_size: int = PAGE_SIZE) -> Page:
    rows = await _rows(filters, page_size + 1)
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = Cursor(last.screening_rank, last.submitted_at, last.id)
    await Contribution.fetch_for_list(rows, "consultation", "event")
    by_status, level_counts, kind_counts = await counts_for(filters)
    status_counts = _status_counts(by_status, filters.status)
    return Page(
        items=list(rows),
        next_cursor=next_cursor,
        total=status_counts.get(filters.status, 0),
        status_counts=status_counts,
        level_counts={key: level_counts.get(key, 0) for key in LEVEL_CHOICES},
        kind_counts={key: kind_counts.get(key, 0) for key in KIND_CHOICES},
    )


async def next_to_do(filters: Filters, after: Contribution) -> Contribution | None:
    """The next contribution still to do after ``after`` in queue order (for "save and next")."""
    to_do = replace(filters, status="to_do", after=None)
    cursor = Cursor(after.screening_rank, after.submitted_at, after.id)
    found = await _base(to_do).filter(_after(cursor)).exclude(id=after.id).order_by(*ORDER).first()
    if found is None:  # wrap round to the top of the queue
        found = await _base(to_do).exclude(id=after.id).order_by(*ORDER).first()
    return found
