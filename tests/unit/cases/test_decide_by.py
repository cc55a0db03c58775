"""A decision on what happens next is due by the end of the first working day after a case
arrives (UK time; Friday, Saturday and Sunday arrivals are due by the end of Monday)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from voice.cases.services import decide_by, decide_by_day, decision_overdue
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase


def case_at(moment: datetime, **values: object) -> SafeguardingCase:
    return SafeguardingCase(**{"level": "urgent", "opened_at": moment, "status": CaseStatus.OPEN, **values})


@pytest.mark.parametrize(
    ("arrived", "last_day"),
    [
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), date(2026, 11, 24)),  # Monday: Tuesday
        (datetime(2026, 11, 26, 23, 30, tzinfo=UTC), date(2026, 11, 27)),  # Thursday night: Friday
        (datetime(2026, 11, 27, 16, 0, tzinfo=UTC), date(2026, 11, 30)),  # Friday: Monday
        (datetime(2026, 11, 28, 12, 0, tzinfo=UTC), date(2026, 11, 30)),  # Saturday: Monday
        (datetime(2026, 11, 29, 12, 0, tzinfo=UTC), date(2026, 11, 30)),  # Sunday: Monday
        # 23:30 UTC on Sunday 28 June is 00:30 on Monday in the UK (summer time): Tuesday.
        (datetime(2026, 6, 28, 23, 30, tzinfo=UTC), date(2026, 6, 30)),
    ],
)
def test_the_first_working_day_after_it_arrived(arrived: datetime, last_day: date) -> None:
    case = case_at(arrived)
    assert decide_by_day(case) == last_day
    # The deadline is midnight at the end of that day, UK time.
    end = decide_by(case)
    assert end > arrived
    assert not decision_overdue(case, end - timedelta(microseconds=1))
    assert decision_overdue(case, end)


def test_in_summer_the_day_ends_at_uk_midnight() -> None:
    case = case_at(datetime(2026, 6, 22, 10, 0, tzinfo=UTC))  # Monday
    assert decide_by(case) == datetime(2026, 6, 23, 23, 0, tzinfo=UTC)  # 00:00 Wednesday, BST


def test_a_decision_or_closing_ends_the_deadline() -> None:
    late = datetime(2026, 12, 31, tzinfo=UTC)
    arrived = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert decision_overdue(case_at(arrived), late)
    assert not decision_overdue(case_at(arrived, decision=CaseDecision.NO_FURTHER_ACTION), late)
    assert not decision_overdue(case_at(arrived, status=CaseStatus.CLOSED), late)
