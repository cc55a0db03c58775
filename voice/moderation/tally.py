"""Counts for the moderation queue, from the tally that database triggers keep.

``queue_tally`` holds, for each combination of the queue's filter columns (status,
screening rank, kind, language, consultation, event), how many contributions have
it: once for all time (``month == ""``) and once per calendar month in UTC. The
triggers that keep it exact are installed by migration 0004, in SQLite and in
PostgreSQL alike, so every write path (intake, moderation, purge, bulk loads, even
hand-written SQL) keeps it right in the same transaction.

A date filter is answered from the whole months it covers, plus a direct count of
the contributions in the part-months at either end.

Costs, known and accepted: each write to a contribution's counted columns does two
small upserts more. On PostgreSQL a tally row is locked until its transaction
commits, so writers of contributions alike wait for each other briefly; two
transactions that move contributions in opposite directions at the same moment can
deadlock, and PostgreSQL then cancels one (its moderator sees the error page and
can try again). SQLite has one writer at a time, so neither happens there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Expression, Q, RawSQL
from tortoise.functions import Sum
from tortoise.queryset import QuerySet

from voice.feedback.models import Contribution
from voice.moderation.models import ALL_TIME, QueueTally

#: (status, screening_rank, kind) -> how many contributions.
CountRows = dict[tuple[str, int, str], int]
#: (month, status, screening_rank, kind, language, consultation_key, event_key) -> how many.
Tally = dict[tuple[str, str, int, str, str, int, int], int]


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Split:
    """A date range as whole months (``first_month``..``last_month``) and part-month day spans."""

    first_month: str | None
    last_month: str | None
    whole_months: bool
    spans: tuple[tuple[date | None, date | None], ...]


def split_range(start: date | None, end: date | None) -> Split:
    """Split the inclusive day range [start, end] (either end open) into whole months and the rest."""
    full_start = start if start is None or start.day == 1 else _first_of_next_month(start)
    after_end = None if end is None else end + timedelta(days=1)
    full_end = after_end if after_end is None or after_end.day == 1 else after_end.replace(day=1)
    if full_start is not None and full_end is not None and full_start >= full_end:
        return Split(None, None, False, ((start, end),))
    spans: list[tuple[date | None, date | None]] = []
    if start is not None and full_start is not None and start < full_start:
        spans.append((start, full_start - timedelta(days=1)))
    if end is not None and full_end is not None and full_end <= end:
        spans.append((full_end, end))
    last = None if full_end is None else month_key(full_end - timedelta(days=1))
    first = None if full_start is None else month_key(full_start)
    return Split(first, last, True, tuple(spans))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


async def _grouped(
    query: QuerySet[Any], total: Expression | RawSQL, statuses: Sequence[str] | None
) -> CountRows:
    """``total`` of ``query`` by (status, rank, kind), limited to ``statuses`` (None: all)."""
    if statuses is not None:
        query = query.filter(status__in=list(statuses))
    rows = (
        await query.annotate(total=total)
        .group_by("status", "screening_rank", "kind")
        .values("status", "screening_rank", "kind", "total")
    )
    return {(str(r["status"]), int(r["screening_rank"]), str(r["kind"])): int(r["total"] or 0) for r in rows}


async def _from_tally(
    month_filter: Q, statuses: Sequence[str] | None, shared: dict[str, object]
) -> CountRows:
    return await _grouped(QueueTally.filter(month_filter, **shared), Sum("n"), statuses)


def _span_q(span: tuple[date | None, date | None]) -> Q:
    start, end = span
    query = Q()
    if start is not None:
        query &= Q(submitted_at__gte=_midnight(start))
    if end is not None:
        query &= Q(submitted_at__lt=_midnight(end + timedelta(days=1)))
    return query


async def _direct(
    span: tuple[date | None, date | None], statuses: Sequence[str] | None, shared: dict[str, object]
) -> CountRows:
    """Count contributions themselves, for a part-month at either end of a date filter.

    (One query per span: SQLite reads ``a OR b`` ranges through row lookups, slower than two.)
    """
    query = Contribution.filter(
        _span_q(span), **{BY_COLUMNS[column]: value for column, value in shared.items()}
    )
    return await _grouped(query, RawSQL("COUNT(*)"), statuses)


def _add(into: CountRows, more: CountRows) -> None:
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


def _month_filter(split: Split) -> Q:
    query = Q(month__gt=ALL_TIME)
    if split.first_month is not None:
        query &= Q(month__gte=split.first_month)
    if split.last_month is not None:
        query &= Q(month__lte=split.last_month)
    return query


def _shared(consultation: int | None, event: int | None, language: str) -> dict[str, object]:
    """The tally's columns for the filters that are not counted by (status, rank, kind)."""
    shared: dict[str, object] = {}
    if consultation is not None:
        shared["consultation_key"] = consultation
    if event is not None:
        shared["event_key"] = event
    if language:
        shared["language"] = language
    return shared


async def count_rows(
    *,
    statuses: Sequence[str] | None,
    consultation: int | None = None,
    event: int | None = None,
    language: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> CountRows:
    """Counts by (status, rank, kind), limited to ``statuses`` (None: all) and the other filters."""
    shared = _shared(consultation, event, language)
    if date_from is None and date_to is None:
        return await _from_tally(Q(month=ALL_TIME), statuses, shared)
    split = split_range(date_from, date_to)
    counts: CountRows = {}
    if split.whole_months:
        _add(counts, await _from_tally(_month_filter(split), statuses, shared))
    for span in split.spans:
        _add(counts, await _direct(span, statuses, shared))
    return {key: n for key, n in counts.items() if n}


#: The columns :func:`count_choices` counts by: the tally's, and the contribution's of the same name.
BY_COLUMNS = {"consultation_key": "consultation_id", "event_key": "event_id", "language": "language"}
#: (consultation or 0, event or 0, language) -> how many.
ChoiceRows = dict[tuple[int, int, str], int]


async def _summed_by_choice(
    query: QuerySet[Any], columns: Sequence[str], total: Expression | RawSQL
) -> ChoiceRows:
    rows = await query.annotate(total=total).group_by(*columns).values(*columns, "total")
    consultation, event, language = columns
    return {
        (int(row[consultation] or 0), int(row[event] or 0), str(row[language])): int(row["total"] or 0)
        for row in rows
    }


async def count_choices(
    *,
    statuses: Sequence[str] | None,
    rank: int | None = None,
    kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> ChoiceRows:
    """Counts by (consultation, event, language), limited to ``statuses`` (None: all), the
    screening rank, kind and dates: every filter but those three, which the caller folds in
    (each choice's count leaves out its own filter). From the tally, as :func:`count_rows`."""
    shared: dict[str, object] = {}
    if statuses is not None:
        shared["status__in"] = list(statuses)
    if rank is not None:
        shared["screening_rank"] = rank
    if kind:
        shared["kind"] = kind
    keys = tuple(BY_COLUMNS)
    parts: list[ChoiceRows] = []
    if date_from is None and date_to is None:
        parts.append(await _summed_by_choice(QueueTally.filter(month=ALL_TIME, **shared), keys, Sum("n")))
    else:
        split = split_range(date_from, date_to)
        if split.whole_months:
            whole = QueueTally.filter(_month_filter(split), **shared)
            parts.append(await _summed_by_choice(whole, keys, Sum("n")))
        for span in split.spans:
            query = Contribution.filter(_span_q(span), **shared)
            parts.append(await _summed_by_choice(query, tuple(BY_COLUMNS.values()), RawSQL("COUNT(*)")))
    counts: ChoiceRows = {}
    for part in parts:
        for key, n in part.items():
            counts[key] = counts.get(key, 0) + n
    return {key: n for key, n in counts.items() if n}


async def recount() -> Tally:
    """What the tally should hold, counted from the contributions (for checks and tests)."""
    expected: Tally = {}
    rows = await Contribution.all().values(
        "status", "screening_rank", "kind", "language", "consultation_id", "event_id", "submitted_at"
    )
    for row in rows:
        moment: datetime = row["submitted_at"]
        rest = (
            str(row["status"]),
            int(row["screening_rank"]),
            str(row["kind"]),
            str(row["language"]),
            int(row["consultation_id"] or 0),
            int(row["event_id"] or 0),
        )
        for month in (ALL_TIME, month_key(moment.astimezone(UTC).date())):
            key = (month, *rest)
            expected[key] = expected.get(key, 0) + 1
    return expected


async def stored() -> Tally:
    """What the tally holds now, leaving out combinations counted down to nothing."""
    rows = await QueueTally.filter(n__not=0).values(
        "month", "status", "screening_rank", "kind", "language", "consultation_key", "event_key", "n"
    )
    return {
        (
            str(r["month"]),
            str(r["status"]),
            int(r["screening_rank"]),
            str(r["kind"]),
            str(r["language"]),
            int(r["consultation_key"]),
            int(r["event_key"]),
        ): int(r["n"])
        for r in rows
    }
