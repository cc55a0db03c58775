"""A case's history on its page: each view stays in the audit log, but a run of views by one
person is one line, so decisions are not lost among "Case viewed" lines (left over from the
sixteenth session)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from voice.audit.models import AuditEvent
from voice.cases.display import history_rows

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _event(minute: int, action: str, who: str, actor: int | None = None) -> AuditEvent:
    return AuditEvent(at=START + timedelta(minutes=minute), action=action, actor_label=who, actor_id=actor)


def test_a_run_of_views_by_one_person_is_one_line_with_first_and_last_time() -> None:
    events = [
        _event(0, "case.opened", "system"),
        _event(5, "case.viewed", "Lead"),
        _event(6, "case.viewed", "Lead"),
        _event(9, "case.viewed", "Lead"),
        _event(10, "case.acknowledged", "Lead"),
        _event(11, "case.viewed", "Lead"),
    ]
    rows = history_rows(events)
    assert [(row.label, row.event.at, row.last_at) for row in rows] == [
        ("Case opened by screening", START, None),
        ("Case viewed 3 times", START + timedelta(minutes=5), START + timedelta(minutes=9)),
        ("Acknowledged", START + timedelta(minutes=10), None),
        ("Case viewed", START + timedelta(minutes=11), None),
    ]


def test_views_by_different_people_stay_apart() -> None:
    events = [
        _event(1, "case.viewed", "Lead"),
        _event(2, "case.viewed", "Admin"),
        _event(3, "case.viewed", "Admin"),
        _event(4, "case.viewed", "Lead"),
    ]
    assert [(row.label, row.event.actor_label) for row in history_rows(events)] == [
        ("Case viewed", "Lead"),
        ("Case viewed 2 times", "Admin"),
        ("Case viewed", "Lead"),
    ]


def test_no_events_no_rows() -> None:
    assert history_rows([]) == []


def test_two_people_with_the_same_name_stay_apart() -> None:
    events = [_event(1, "case.viewed", "Sam Lead", 1), _event(2, "case.viewed", "Sam Lead", 2)]
    assert [row.label for row in history_rows(events)] == ["Case viewed", "Case viewed"]
