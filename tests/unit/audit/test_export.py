"""Showing and exporting audit events: UTC times, readable values, CSV that cannot run formulas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from voice.audit.services import csv_lines, csv_safe, format_when, iso_utc, readable, readable_value


def test_times_are_utc() -> None:
    moment = datetime(2026, 11, 22, 15, 3, 59, tzinfo=timezone(timedelta(hours=1)))
    assert format_when(moment) == "2026-11-22 14:03 UTC"
    assert iso_utc(moment) == "2026-11-22T14:03:59Z"
    assert iso_utc(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "(none)"), (True, "yes"), (False, "no"), ("", "(empty)"), (3, "3"), ([1, "a"], '[1, "a"]')],
)
def test_readable_value(value: object, shown: str) -> None:
    assert readable_value(value) == shown


def test_readable_pairs() -> None:
    assert readable({"role": "admin", "is_active": False}) == [("is active", "no"), ("role", "admin")]
    assert readable(None) == [] and readable({}) == []


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_safe_quotes_formulas(dangerous: str) -> None:
    assert csv_safe(dangerous) == "'" + dangerous


@pytest.mark.parametrize("harmless", ["", "admin@voice.test", "1", '{"a": 1}', "a=b"])
def test_csv_safe_leaves_the_rest(harmless: str) -> None:
    assert csv_safe(harmless) == harmless


def test_csv_lines_quote_commas_and_newlines() -> None:
    assert csv_lines([["a,b", 'say "hi"', "two\nlines"]]) == '"a,b","say ""hi""","two\nlines"\r\n'
