"""The queue: disclosures first then oldest, every filter, counts per filter, keyset paging."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from starlette.applications import Starlette

from tests.support.contributions import BASE_TIME, CONCERN_TEXT, URGENT_TEXT, make_contribution
from tests.support.queue_data import matches_shared_filters, queue_rows, random_filters, seed_queue
from voice.accounts.models import Role, StaffUser
from voice.events.models import TakeoverEvent
from voice.feedback.models import SCREENING_RANK, Consultation, Contribution, ContributionKind, ScreeningLevel
from voice.moderation import services
from voice.moderation.queue import Cursor, Filters, load_page, next_to_do, parse_filters

NOW = BASE_TIME + timedelta(days=1)


async def _ids(filters: Filters, page_size: int = 50) -> list[int]:
    return [item.id for item in (await load_page(filters, page_size)).items]


async def test_disclosures_first_then_oldest(app: Starlette) -> None:
    plain_old = await make_contribution("Buses cost too much", minutes=0)
    concern = await make_contribution(CONCERN_TEXT, minutes=5)
    urgent = await make_contribution(URGENT_TEXT, minutes=10)
    plain_new = await make_contribution("More lights in the park", minutes=15)
    assert await _ids(Filters()) == [urgent.id, concern.id, plain_old.id, plain_new.id]


async def test_filters_and_counts(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    consultation = await Consultation.create(slug="parks", title={"en": "Parks"})
    event = await TakeoverEvent.create(title="Takeover", held_on=date(2026, 11, 12))
    a = await make_contribution("Parks are dirty", language="en", consultation_id=consultation.id)
    b = await make_contribution("Parki są brudne", language="pl", minutes=60 * 24 * 3)
    c = await make_contribution(URGENT_TEXT, kind=ContributionKind.TAKEOVER, event_id=event.id, minutes=30)
    await services.approve(b, by=staff[Role.MODERATOR], now=NOW, counted=True, quotable=False)

    assert await _ids(Filters()) == [c.id, a.id]
    assert await _ids(Filters(status="approved")) == [b.id]
    assert await _ids(Filters(status="all")) == [c.id, a.id, b.id]
    assert await _ids(Filters(status="all", language="pl")) == [b.id]
    assert await _ids(Filters(kind="takeover")) == [c.id]
    assert await _ids(Filters(consultation=consultation.id)) == [a.id]
    assert await _ids(Filters(event=event.id)) == [c.id]
    assert await _ids(Filters(level="urgent")) == [c.id]
    assert await _ids(Filters(status="all", date_from=date(2026, 11, 23))) == [b.id]
    assert await _ids(Filters(status="all", date_to=date(2026, 11, 20))) == [c.id, a.id]

    page = await load_page(Filters(level="urgent"))
    assert page.total == 1
    # Each count leaves out its own filter, so the choices show what picking them would give.
    assert page.level_counts == {"urgent": 1, "concern": 0, "none": 1}
    assert page.status_counts["to_do"] == 1
    # Decided statuses are only counted when chosen (or for "All"): they are most of the table.
    assert "approved" not in page.status_counts and "all" not in page.status_counts
    approved = await load_page(Filters(status="approved"))
    assert approved.status_counts["approved"] == 1 and approved.total == 1
    assert page.kind_counts == {"feedback": 0, "takeover": 1, "lived_experience": 0}
    everything = await load_page(Filters(status="all"))
    assert everything.status_counts["all"] == 3 and everything.status_counts["received"] == 2


async def test_keyset_paging_visits_each_item_once(app: Starlette) -> None:
    made = [await make_contribution(f"Idea {n}", minutes=n % 4) for n in range(11)]
    made.append(await make_contribution(URGENT_TEXT, minutes=99))
    seen: list[int] = []
    filters = Filters()
    while True:
        page = await load_page(filters, page_size=5)
        seen += [item.id for item in page.items]
        if page.next_cursor is None:
            break
        filters = Filters(after=Cursor.decode(page.next_cursor.encode()))
    assert sorted(seen) == sorted(item.id for item in made)
    assert len(seen) == len(set(seen)) and seen[0] == made[-1].id


def test_parse_filters_falls_back_and_reports_bad_dates() -> None:
    filters = parse_filters(
        {"status": "nonsense", "kind": "x", "level": "bad", "consultation": "abc", "after": "1.2"}
    )
    assert (filters.status, filters.kind, filters.level, filters.consultation, filters.after) == (
        "to_do",
        "",
        "",
        None,
        None,
    )
    bad = parse_filters({"from": "2026-13-01", "to": "yesterday"})
    assert [field for field, _ in bad.errors] == ["filter-from", "filter-to"]
    backwards = parse_filters({"from": "2026-11-22", "to": "2026-11-01"})
    assert backwards.errors and backwards.date_from == date(2026, 11, 22)
    assert (
        parse_filters({"level": "urgent", "from": "2026-11-01"}).query_string()
        == "status=to_do&level=urgent&from=2026-11-01"
    )


def test_cursor_round_trip_and_garbage() -> None:
    cursor = Cursor(2, BASE_TIME + timedelta(microseconds=7), 42)
    assert Cursor.decode(cursor.encode()) == cursor
    assert Cursor.decode("x.y.z") is None and Cursor.decode("1.99999999999999999999999.3") is None


async def test_next_to_do_follows_queue_order_and_wraps(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    first = await make_contribution(URGENT_TEXT, minutes=1)
    second = await make_contribution("Buses", minutes=2)
    third = await make_contribution("Parks", minutes=3)
    assert (await next_to_do(Filters(), first)) is not None
    following = await next_to_do(Filters(), first)
    assert following is not None and following.id == second.id
    await services.approve(second, by=staff[Role.MODERATOR], now=NOW, counted=True, quotable=False)
    fresh = await Contribution.get(id=second.id)
    after_second = await next_to_do(Filters(), fresh)
    assert after_second is not None and after_second.id == third.id
    wrapped = await next_to_do(Filters(), third)
    assert wrapped is not None and wrapped.id == first.id


async def test_paging_through_any_filters_gives_exactly_the_matching_rows_in_queue_order(
    app: Starlette,
) -> None:
    rng = random.Random(7)
    consultations, events = await seed_queue(rng, 400)
    rows = await queue_rows()
    for _ in range(40):
        filters = random_filters(rng, consultations, events)
        wanted_rank = SCREENING_RANK[ScreeningLevel(filters.level)] if filters.level else None
        expected = [
            row["id"]
            for row in sorted(rows, key=lambda row: (row["screening_rank"], row["submitted_at"], row["id"]))
            if (
                filters.status == "all"
                or row["status"] == filters.status
                or (filters.status == "to_do" and row["status"] in ("received", "in_review"))
            )
            and (not filters.kind or row["kind"] == filters.kind)
            and (wanted_rank is None or row["screening_rank"] == wanted_rank)
            and matches_shared_filters(row, filters)
        ]
        seen: list[int] = []
        current = filters
        while True:
            page = await load_page(current, page_size=7)
            seen += [item.id for item in page.items]
            if page.next_cursor is None:
                break
            current = replace(filters, after=page.next_cursor)
        assert seen == expected, filters
        assert page.total == len(expected), filters
