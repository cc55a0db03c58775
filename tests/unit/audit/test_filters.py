"""Reading the audit log's filters: GOV.UK date errors, nothing typed lost."""

from __future__ import annotations

from datetime import date

import pytest

from voice.audit.filters import page_cursor, parse_filters
from voice.audit.services import AuditFilter

ACTIONS = ["case.opened", "signin.success"]


def _dates(prefix: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def test_empty_means_everything() -> None:
    form = parse_filters({}, ACTIONS)
    assert not form.has_errors
    assert form.chosen == AuditFilter()
    assert form.query_items() == []


def test_good_filters() -> None:
    params = {
        "action": "case.opened",
        "actor": "  Lee@ ",
        "object_type": "contribution",
        "object_id": "12",
        **_dates("from", "1", "02", "2026"),
        **_dates("to", "1", "2", "2026"),
    }
    form = parse_filters(params, ACTIONS)
    assert not form.has_errors
    assert form.chosen == AuditFilter(
        "case.opened", "Lee@", "contribution", "12", date(2026, 2, 1), date(2026, 2, 1)
    )
    assert form.chosen.as_dict() == {
        "action": "case.opened",
        "actor": "Lee@",
        "object_type": "contribution",
        "object_id": "12",
        "date_from": "2026-02-01",
        "date_to": "2026-02-01",
    }
    assert ("from-month", "02") in form.query_items()


@pytest.mark.parametrize(
    ("parts", "message", "wrong"),
    [
        (("", "2", "2026"), "From date must include a day", ("day",)),
        (("1", "", ""), "From date must include a month and year", ("month", "year")),
        (("30", "2", "2026"), "From date must be a real date", ("day", "month", "year")),
        (("1", "13", "2026"), "From date must be a real date", ("day", "month", "year")),
        (("1", "Feb", "2026"), "From date must be a real date", ("month",)),
        (("１", "2", "2026"), "From date must be a real date", ("day",)),  # full-width digit
        (("1", "2", "226"), "From date must have 4 numbers in the year", ("year",)),
    ],
)
def test_date_errors(parts: tuple[str, str, str], message: str, wrong: tuple[str, ...]) -> None:
    form = parse_filters(_dates("from", *parts), ACTIONS)
    assert form.has_errors
    assert form.dates["from"].error == message
    assert form.dates["from"].wrong == wrong
    assert form.errors == [(f"from-{wrong[0]}", message)]
    assert form.dates["from"].values == dict(zip(("day", "month", "year"), parts, strict=True))
    assert form.chosen == AuditFilter()  # nothing is filtered on while there are errors


def test_to_before_from() -> None:
    form = parse_filters({**_dates("from", "2", "1", "2026"), **_dates("to", "1", "1", "2026")}, ACTIONS)
    assert form.errors == [("to-day", "To date must be the same as or after the from date")]


def test_errors_in_page_order() -> None:
    params = {
        "action": "x",
        "object_type": "y",
        **_dates("from", "", "1", ""),
        **_dates("to", "99", "1", "2026"),
    }
    form = parse_filters(params, ACTIONS)
    assert [field for field, _ in form.errors] == ["action", "from-day", "to-day"]
    assert form.values["action"] == "x"  # kept to show again
    assert form.values["object_type"] == "y"


def test_any_object_type_is_accepted() -> None:
    form = parse_filters({"object_type": "something_new"}, ACTIONS)
    assert not form.has_errors and form.chosen.object_type == "something_new"


def test_long_values_are_cut() -> None:
    form = parse_filters({"actor": "a" * 1000}, ACTIONS)
    assert len(form.chosen.actor) == 254


@pytest.mark.parametrize(
    ("raw", "expected"), [("12", 12), ("", None), ("-3", None), ("1.5", None), ("x", None), ("9" * 30, None)]
)
def test_page_cursor(raw: str, expected: int | None) -> None:
    assert page_cursor({"before": raw}, "before") == expected


def test_a_short_year_says_which_date() -> None:
    """Both dates have a year: the message names the one that is wrong (twentieth session)."""
    form = parse_filters({**_dates("from", "1", "2", "2026"), **_dates("to", "3", "2", "26")}, ACTIONS)
    assert form.errors == [("to-year", "To date must have 4 numbers in the year")]
