"""The queue tally: triggers keep it exact on every write; counts from it match counting rows."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette

from tests.support.contributions import BASE_TIME, CONCERN_TEXT, URGENT_TEXT, make_contribution
from tests.support.queue_data import matches_shared_filters, queue_rows, random_filters, seed_queue
from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.models import (
    SCREENING_RANK,
    Consultation,
    Contribution,
    ContributionKind,
    ScreeningLevel,
    Source,
    Status,
)
from voice.moderation import services, tally
from voice.moderation.queue import Filters, counted_statuses, load_page, tally_rows
from voice.moderation.tally import CountRows, split_range

NOW = BASE_TIME + timedelta(days=1)


async def _assert_exact() -> None:
    assert await tally.stored() == await tally.recount()


# --- split_range --------------------------------------------------------------------------


def _days(start: date, end: date) -> set[date]:
    return {start + timedelta(days=i) for i in range((end - start).days + 1)}


def _covered(split: tally.Split, low: date, high: date) -> list[date]:
    """Every day in [low, high] that the split covers, once per time it covers it."""
    days: list[date] = []
    for day in sorted(_days(low, high)):
        month = tally.month_key(day)
        if (
            split.whole_months
            and (split.first_month is None or month >= split.first_month)
            and (split.last_month is None or month <= split.last_month)
        ):
            days.append(day)
        for start, end in split.spans:
            if (start is None or day >= start) and (end is None or day <= end):
                days.append(day)
    return days


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(start=st.none() | DAYS, end=st.none() | DAYS)
def test_split_covers_each_day_of_the_range_exactly_once(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        start, end = end, start
    split = split_range(start, end)
    low, high = date(2023, 12, 1), date(2028, 1, 31)
    wanted = _days(start or low, end or high)
    covered = _covered(split, low, high)
    assert sorted(covered) == sorted(wanted)


def test_split_examples() -> None:
    whole = split_range(date(2025, 6, 1), date(2025, 12, 31))
    assert (whole.first_month, whole.last_month, whole.spans) == ("2025-06", "2025-12", ())
    ragged = split_range(date(2025, 6, 10), date(2026, 1, 20))
    assert (ragged.first_month, ragged.last_month) == ("2025-07", "2025-12")
    assert ragged.spans == ((date(2025, 6, 10), date(2025, 6, 30)), (date(2026, 1, 1), date(2026, 1, 20)))
    inside = split_range(date(2025, 6, 10), date(2025, 6, 20))
    assert not inside.whole_months and inside.spans == ((date(2025, 6, 10), date(2025, 6, 20)),)
    open_start = split_range(None, date(2025, 2, 14))
    assert (open_start.first_month, open_start.last_month) == (None, "2025-01")
    assert open_start.spans == ((date(2025, 2, 1), date(2025, 2, 14)),)


# --- the triggers -------------------------------------------------------------------------


async def test_every_write_path_keeps_the_tally_exact(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    moderator = staff[Role.MODERATOR]
    consultation = await Consultation.create(slug="parks", title={"en": "Parks"})
    event = await TakeoverEvent.create(title="Takeover", held_on=date(2026, 11, 12))
    first = await make_contribution("Parks are dirty", consultation_id=consultation.id)
    second = await make_contribution(URGENT_TEXT, language="ur", minutes=30)
    third = await make_contribution(CONCERN_TEXT, kind=ContributionKind.TAKEOVER, event_id=event.id)
    await _assert_exact()
    assert await tally.stored() != {}

    await services.start_review(first, by=moderator, now=NOW)
    await services.approve(first, by=moderator, now=NOW, counted=True, quotable=False)
    await _assert_exact()
    await services.reopen(first, by=moderator, now=NOW)
    await _assert_exact()

    # Updates made outside the services (another tool, plain SQL) are caught too.
    await Contribution.filter(id=second.id).update(
        kind=ContributionKind.LIVED_EXPERIENCE,
        language="pl",
        submitted_at=datetime(2025, 3, 9, 23, 30, tzinfo=UTC),
    )
    await Contribution.filter(id=third.id).update(screening_rank=2, event_id=None)
    await _assert_exact()
    await Contribution.filter(id=third.id).update(language="pl")  # no counted change from a same-value save
    await (await Contribution.get(id=first.id)).save()
    await _assert_exact()

    await consultation.delete()  # the contribution's consultation is set to none
    await _assert_exact()
    await Contribution.filter(id=second.id).delete()
    await _assert_exact()


async def test_bulk_loads_are_counted(app: Starlette) -> None:
    await Contribution.bulk_create(
        [
            Contribution(
                kind=ContributionKind.FEEDBACK,
                source=Source.ONLINE,
                status=Status.APPROVED if i % 3 else Status.RECEIVED,
                receipt_code=f"BULK-{i:04d}",
                language="en" if i % 2 else "ar",
                submitted_at=datetime(2025, 1 + i % 12, 28, 23, 59, tzinfo=UTC),
                screening_level=ScreeningLevel.NONE,
                screening_rank=SCREENING_RANK[ScreeningLevel.NONE],
            )
            for i in range(40)
        ]
    )
    await _assert_exact()
    total = sum(n for key, n in (await tally.stored()).items() if key[0] == "")
    assert total == 40


# --- counts from the tally against counting the rows --------------------------------------


async def _reference(filters: Filters) -> CountRows:
    statuses = counted_statuses(filters.status)
    counts: CountRows = {}
    for row in await queue_rows():
        if (statuses is None or row["status"] in statuses) and matches_shared_filters(row, filters):
            key = (str(row["status"]), int(row["screening_rank"]), str(row["kind"]))
            counts[key] = counts.get(key, 0) + 1
    return counts


async def test_counts_from_the_tally_match_counting_every_row(app: Starlette) -> None:
    rng = random.Random(2026)
    consultations, events = await seed_queue(rng, 600)
    await _assert_exact()
    for _ in range(150):
        filters = random_filters(rng, consultations, events)
        assert await tally_rows(filters) == await _reference(filters), filters


async def test_page_counts_are_live_after_any_change(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    first = await make_contribution("Buses")
    assert (await load_page(Filters())).status_counts["to_do"] == 1
    await make_contribution("Parks", minutes=1)
    assert (await load_page(Filters())).status_counts["to_do"] == 2
    await services.approve(first, by=staff[Role.MODERATOR], now=NOW, counted=True, quotable=False)
    page = await load_page(Filters(status="all"))
    assert page.status_counts["to_do"] == 1 and page.status_counts["approved"] == 1
    # A change made by another worker or tool shows at once: there is no cache to expire.
    await Contribution.filter(id=first.id).update(status="rejected")
    page = await load_page(Filters(status="all"))
    assert page.status_counts["rejected"] == 1 and page.status_counts["approved"] == 0
