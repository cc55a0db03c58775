"""Invisible characters copied or typed inside words do not hide a disclosure from screening."""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.normalise import normalise

INVISIBLE = {
    "zero-width space": "\u200b",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left embedding": "\u202b",
    "first strong isolate": "\u2068",
}


@pytest.mark.parametrize("name", INVISIBLE)
@pytest.mark.parametrize(
    ("before", "after", "level"),
    [
        ("my dad h", "its me when mum is out", "urgent"),
        ("i want to k", "ill myself tonight", "urgent"),
        ("sometimes i dont feel sa", "fe walking home", "concern"),
    ],
)
def test_a_mark_inside_a_word_does_not_hide_it(name: str, before: str, after: str, level: str) -> None:
    assert screen(before + INVISIBLE[name] + after, locale="en").level == level


def test_marks_around_right_to_left_text_are_dropped() -> None:
    urdu = "\u2067میرا باپ مجھے مارتا ہے\u2069"
    assert normalise(urdu) == normalise("میرا باپ مجھے مارتا ہے")


def test_ordinary_text_with_marks_stays_ordinary() -> None:
    assert screen("I love the youth\u200b club on Tuesdays", locale="en").level == "none"
