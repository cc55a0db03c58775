"""The hear-back answer: which emails and phone numbers are taken, in any keyboard's digits."""

from __future__ import annotations

import pytest

from voice.feedback.journey import check_contact


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("07700 900123", "07700 900123"),
        ("۰۷۷۰۰ ۹۰۰۱۲۳", "07700 900123"),  # Urdu (Extended Arabic-Indic) digits
        ("٠٧٧٠٠ ٩٠٠١٢٣", "07700 900123"),  # Arabic-Indic digits
        ("０７７００ ９００１２３", "07700 900123"),  # full-width digits
        ("(0113) 496 0000", "(0113) 496 0000"),
        ("(+44) 7700 900123", "(+44) 7700 900123"),
        ("+44 7700 900123", "+44 7700 900123"),
    ],
)
def test_phone_numbers_in_any_digits(typed: str, kept: str) -> None:
    contact, error = check_contact("yes", typed)
    assert error is None
    assert contact == {"wants": "yes", "value": kept, "method": "phone"}


def test_full_width_email_is_folded() -> None:
    contact, error = check_contact("yes", "ｓａｍ＠example.com")
    assert error is None and contact["value"] == "sam@example.com" and contact["method"] == "email"


@pytest.mark.parametrize("typed", ["bad", "(((", "0770", "+", "call me", "07700 9001 23 45 67 89 01 23"])
def test_not_a_phone_or_email(typed: str) -> None:
    contact, error = check_contact("yes", typed)
    assert error is not None and contact["value"] == typed and "method" not in contact
