"""A reporting year runs from 1 April to 31 March, UK time."""

from __future__ import annotations

from datetime import UTC, datetime

from voice.priorities.models import usable_year, year_bounds


def test_bounds_follow_uk_time() -> None:
    start, end = year_bounds(2026)
    # 1 April is in British Summer Time: midnight there is 23:00 UTC the day before.
    assert start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert end == datetime(2027, 3, 31, 23, 0, tzinfo=UTC)


def test_usable_years() -> None:
    assert usable_year(2000) and usable_year(2098)
    assert not usable_year(1999) and not usable_year(2099)
