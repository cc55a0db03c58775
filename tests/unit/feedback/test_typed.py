"""Invisible characters copied with a number, an address or a code do not make it "wrong", and
an answer of invisible characters is not an answer."""

from __future__ import annotations

import pytest

from voice.feedback.journey import check_contact
from voice.feedback.receipts import normalise
from voice.feedback.typed import looks_blank, without_invisible

# Direction marks and isolates around a number copied on a phone set to Urdu or Arabic, zero-width
# spaces and a byte order mark from web pages and apps, non-breaking hyphens.
COPIED_PHONES = [
    "\u202a+44 7700 900123\u202c",
    "\u2066+44 7700 900123\u2069",
    "\u200f07700900123",
    "\u200e07700900123",
    "+44\u20117700\u2011900123",
    "\ufeff07700 900123",
]


@pytest.mark.parametrize("typed", COPIED_PHONES)
def test_a_copied_phone_number_is_accepted_and_kept_without_the_marks(typed: str) -> None:
    kept, error = check_contact("yes", typed)
    assert error is None and kept["method"] == "phone"
    assert all(char.isdigit() or char in "+- " for char in kept["value"])


def test_a_copied_email_address_is_accepted() -> None:
    kept, error = check_contact("yes", "kid@example.com\u200b")
    assert error is None and kept == {"wants": "yes", "value": "kid@example.com", "method": "email"}


@pytest.mark.parametrize(
    "typed",
    [
        "\u200bMAB4-X2E7",
        "MAB4-X2E7\u200b",
        "\ufeffMAB4-X2E7",
        "\u200fMAB4-X2E7",
        "\u200eMAB4-X2E7\u200e",
        "\u2066MAB4-X2E7\u2069",
        "MAB4\u2010X2E7",
        "MAB4\u2011X2E7",
        "MAB4\u2212X2E7",
        "mab4 x2e7",
    ],
)
def test_a_copied_receipt_code_is_found(typed: str) -> None:
    assert normalise(typed) == "MAB4-X2E7"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n ",
        "\u200b",
        "\u200b\u200c\u200d\ufeff",
        "\u2800",
        "\u3164",
        "\u115f\u1160",
        "\u2060",
        "\u034f",
    ],
)
def test_invisible_answers_look_blank(text: str) -> None:
    assert looks_blank(text)


@pytest.mark.parametrize("text", ["a", "\u200bhi", "😀", "٠", "ب", "میں", "?"])
def test_anything_visible_is_not_blank(text: str) -> None:
    assert not looks_blank(text)


def test_without_invisible_keeps_what_shows() -> None:
    assert without_invisible("\u202a07700\u2011900\u2013123\u202c") == "07700-900-123"
    assert without_invisible("café ميں") == "café ميں"
