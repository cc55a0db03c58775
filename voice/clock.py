"""What time it is, in one place, so tests can move time forward.

The app keeps a :class:`Clock` on ``app.state.clock``; services take ``now`` as a
plain value, and routes read it from the clock. Tests swap in a
:class:`FixedClock` and call :meth:`FixedClock.advance`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

#: Dates staff may type (filters, consultation dates). Outside these, date arithmetic and
#: the databases' date types break (year 1 minus a day, year 9999 plus a day).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_RANGE_MESSAGE = "must be between 2000 and 2099"


#: How long the same staff action repeated by the same person counts as a double click
#: (it leads to what the first click made, instead of making a second).
REPEAT_WINDOW = timedelta(minutes=2)

#: Voice's people live by UK time: reporting years, "today" on staff forms.
UK = ZoneInfo("Europe/London")


def usable_date(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def uk_date(moment: datetime) -> date:
    """The date in the UK at ``moment`` (just after midnight in summer is still the day before in UTC)."""
    return moment.astimezone(UK).date()


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment


def app_now(state: object) -> datetime:
    """The time from the clock kept on ``app.state`` (``request.app.state``)."""
    clock: Clock = getattr(state, "clock")  # noqa: B009 - Starlette's State is dynamic
    return clock.now()
