"""The hear-back check refuses what cannot be an email address or phone number, so a young
person who mistypes one digit is told, rather than waiting for a reply that never comes."""

from __future__ import annotations

import pytest

from voice.feedback.journey import check_contact


@pytest.mark.parametrize(
    ("typed", "method"),
    [
        ("07700 900123", "phone"),
        ("+44 7700 900123", "phone"),
        ("(+44) 7700 900123", "phone"),
        ("(0113) 496 0000", "phone"),
        ("0113 496 0000", "phone"),
        ("+48 512 345 678", "phone"),
        ("٠٧٧٠٠٩٠٠١٢٣", "phone"),  # typed on an Arabic keyboard
        ("jade.r2009@example.com", "email"),
        ("o'brien@example.ie", "email"),
        ("name@example.co.uk", "email"),
        ("ahmed@مثال.com", "email"),
    ],
)
def test_real_shapes_are_kept(typed: str, method: str) -> None:
    kept, error = check_contact("yes", typed)
    assert error is None and kept["method"] == method


@pytest.mark.parametrize(
    "typed",
    [
        "0770090012",  # a UK mobile with a digit missed
        "07700 9001234",  # ... and with one doubled
        "+44 7700 90012",
        "1111111111",
        "0--------0",
        "a@b.c",
        "x@localhost",
        "<script>alert(3)</script>@x.com",
        "me at example.com",
    ],
)
def test_what_cannot_be_one_is_refused_and_kept_to_correct(typed: str) -> None:
    kept, error = check_contact("yes", typed)
    assert error is not None and "method" not in kept and kept["value"] == typed


@pytest.mark.parametrize(
    ("typed", "fine"),
    [
        ("+44 (0) 7700 900123", True),
        ("0044 7700 900123", True),
        ("+44 07700 900123", True),
        ("447700900123", True),
        ("+44 113 496 0000", True),
        ("+44 (0) 7700 90012", False),
        ("0044 7700 90012", False),
        ("+44 07700 90012", False),
        ("44770090012", False),
    ],
)
def test_uk_mobiles_in_international_forms_need_their_digits_too(typed: str, fine: bool) -> None:
    assert (check_contact("yes", typed)[1] is None) is fine


def test_a_contact_too_long_for_an_email_says_the_email_limit() -> None:
    long_email = "a" * 250 + "@example.org"
    _kept, error = check_contact("yes", long_email)
    assert error == "Email address must be 254 characters or fewer"


def test_a_contact_too_long_that_is_not_an_email_says_what_to_enter() -> None:
    """A tester pasted 255 x's and was told about email addresses' length: it is not one."""
    kept, error = check_contact("yes", "x" * 255)
    assert error == "Enter an email address like name@example.org, or a phone number like 07700 900123"
    assert kept["value"] == "x" * 255  # kept, to correct
