from __future__ import annotations

from voice.feedback import receipts
from voice.priorities.models import reporting_year


def test_codes_avoid_confusable_characters() -> None:
    codes = {receipts.generate() for _ in range(2000)}
    assert len(codes) == 2000  # random, not sequential
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code) & set("01OIL")


def test_normalise_accepts_what_people_type() -> None:
    code = receipts.generate()
    assert receipts.normalise(code.lower().replace("-", " ")) == code
    assert receipts.normalise(code.replace("-", "")) == code
    assert receipts.normalise("K7QM-4XT") is None
    assert receipts.normalise("O0O0-1111") is None


def test_normalise_accepts_other_digits_and_full_width_letters() -> None:
    assert receipts.normalise("PK٨٦-EZST") == "PK86-EZST"  # Arabic-Indic digits
    assert receipts.normalise("PK۸۶-EZST") == "PK86-EZST"  # Urdu (extended) digits
    assert receipts.normalise("ＰＫ８６ＥＺＳＴ") == "PK86-EZST"  # full-width


def test_reporting_year_runs_april_to_march() -> None:
    from datetime import date

    assert reporting_year(date(2026, 3, 31)) == 2025
    assert reporting_year(date(2026, 4, 1)) == 2026
