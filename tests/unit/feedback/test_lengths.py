"""An answer's length is counted as the person who wrote it sees it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice.feedback.lengths import CODE_POINTS_PER_CHARACTER, seen_length, too_long

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl: 5 code points
RED_HEART = "\u2764\ufe0f"  # heart + variation selector
THUMBS_UP_DARK = "\U0001f44d\U0001f3ff"  # thumbs up + skin tone
UK_FLAG = "\U0001f1ec\U0001f1e7"  # two regional indicator letters
WALES_FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"  # tag sequence
KEYCAP_ONE = "1\ufe0f\u20e3"


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("", 0),
        ("hello", 5),
        ("the park is good\nbut dark", 25),
        (FAMILY, 1),
        (RED_HEART, 1),
        (THUMBS_UP_DARK, 1),
        (UK_FLAG, 1),
        (UK_FLAG + UK_FLAG, 2),
        (UK_FLAG + "\U0001f1ec", 2),  # a flag, then a lone flag letter
        (WALES_FLAG, 1),
        (KEYCAP_ONE, 1),
        ("cafe\u0301", 4),  # e + combining acute accent
        ("café", 4),
        ("بِسْمِ", 3),  # Arabic letters with vowel marks: three letters
        ("میں\u200cنے", 5),  # Urdu with a zero-width non-joiner
        ("a\u200bb", 2),  # zero-width space
        ("I feel " + FAMILY + " is ok " + RED_HEART, 16),
    ],
)
def test_seen_length(text: str, seen: int) -> None:
    assert seen_length(text) == seen


def test_an_answer_of_emoji_within_the_limit_is_not_too_long() -> None:
    text = "Thank you " + FAMILY * 10
    assert len(text) == 60 and seen_length(text) == 20
    assert not too_long(text, 20) and too_long(text + "!", 20)


def test_invisible_characters_cannot_make_a_huge_answer_short() -> None:
    hidden = "a" + "\u200b" * (50 * CODE_POINTS_PER_CHARACTER)
    assert seen_length(hidden) == 1 and too_long(hidden, 50)


@given(st.text())
def test_never_longer_than_code_points(text: str) -> None:
    assert 0 <= seen_length(text) <= len(text)


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs"])))
def test_plain_letters_count_one_each(text: str) -> None:
    assert seen_length(text) == len(text)


def test_the_length_reported_is_over_the_limit_when_only_the_cap_trips() -> None:
    """Letters each under a pile of combining marks: as seen, within the limit; in code points,
    far over it. The message must not say "It has 300 now" for a limit of 300."""
    from voice.feedback.lengths import reported_length

    zalgo = ("a" + "\u0301" * 9) * 300
    assert seen_length(zalgo) == 300 and too_long(zalgo, 300)
    assert reported_length(zalgo) > 300
    assert reported_length("hello") == 5


def test_every_ascii_character_is_one_character_as_seen() -> None:
    every_ascii = "".join(chr(point) for point in range(128))
    assert seen_length(every_ascii) == 128
    # the same characters with one non-ASCII letter take the character-by-character path
    assert seen_length(every_ascii + "é") == 129
