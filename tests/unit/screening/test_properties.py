"""Hypothesis properties of screening."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from voice.screening import screen
from voice.screening.pii import PLACEHOLDERS

PIECES = st.sampled_from(
    [
        " ",
        "07700 900123",
        "LS8 4AB",
        "@kayla_xo",
        "Sarah Thompson",
        "Mr Patel",
        "my name is ",
        "Leeds West Academy",
        "14 Harehills Lane",
        "03/05/2011",
        "943 476 5919",
        "QQ123456C",
        "jade@example.com",
        "kill myself",
        "snap me on ",
        "zainab",
        "\n",
        ".",
        "Sarah",
        "aaa",
    ]
)
TEXTS = st.one_of(st.text(max_size=20000), st.lists(st.one_of(PIECES, st.text(max_size=8))).map("".join))


def _appears_as_word(needle: str, haystack: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_never_raises_and_spans_are_sound(text: str) -> None:
    result = screen(text)
    assert result.level in ("none", "concern", "urgent")
    previous_end = 0
    for span in result.pii:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end
    for span in result.pii:
        covered = text[span.start : span.end]
        if len(covered.strip()) < 3 or any(covered in p for p in PLACEHOLDERS.values()):
            continue
        assert not _appears_as_word(covered, result.redacted), covered


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab 0123456789@.-/LSmy"), min_size=1, max_size=40))
def test_long_adversarial_inputs(seed: str) -> None:
    text = (seed * (20000 // len(seed) + 1))[:20000]
    result = screen(text)
    assert all(0 <= s.start < s.end <= len(text) for s in result.pii)
