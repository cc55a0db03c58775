"""How long an answer looks to the person who wrote it.

The limit on an answer ("You can write up to 500 characters") is counted as a child would
count it: one emoji is one character, even when it is made of several code points (a family,
a flag, a skin tone, a heart with its variation selector), and accents, Arabic and Urdu vowel
marks and invisible joiners add nothing. Python's ``len`` counts code points, so a few emoji
could make an answer "too long" that looks well inside the limit.

This is a close reading of Unicode's grapheme clusters (UAX #29) for the text people type, not
the whole algorithm: a character starts a new cluster unless it is a combining mark, a
variation selector, an emoji modifier or tag, an invisible format character, the character
after a zero-width joiner, or the second of a pair of flag letters. So that invisible
characters cannot make an answer of any size "short", ``too_long`` also caps code points.
"""

from __future__ import annotations

import unicodedata

ZERO_WIDTH_JOINER = "\u200d"
#: Invisible and joining characters can make a text look shorter than it is; past this many
#: code points per character allowed, an answer is too long whatever it looks like.
CODE_POINTS_PER_CHARACTER = 8


def _joins_previous(char: str) -> bool:
    point = ord(char)
    if 0xFE00 <= point <= 0xFE0F or 0xE0100 <= point <= 0xE01EF:  # variation selectors
        return True
    if 0x1F3FB <= point <= 0x1F3FF or 0xE0020 <= point <= 0xE007F:  # skin tones, flag tags
        return True
    return unicodedata.category(char) in {"Mn", "Mc", "Me", "Cf"}


def _is_flag_letter(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def seen_length(text: str) -> int:
    """How many characters ``text`` looks like it has."""
    if text.isascii():
        return len(text)  # no marks, joiners or emoji: each code point is a character
    count = 0
    after_joiner = False
    open_flag = False
    for char in text:
        if after_joiner or _joins_previous(char):
            after_joiner = char == ZERO_WIDTH_JOINER
            continue
        if _is_flag_letter(char):
            if open_flag:  # the second letter of a flag
                open_flag = False
                continue
            open_flag = True
        else:
            open_flag = False
        count += 1
    return count


def too_long(text: str, limit: int) -> bool:
    """Whether ``text`` is over ``limit`` characters as seen, or far over it in code points."""
    return seen_length(text) > limit or len(text) > limit * CODE_POINTS_PER_CHARACTER


def reported_length(text: str) -> int:
    """The length to tell someone whose answer is too long: as seen, or, when hidden or
    combining characters trip the code-point cap, enough over the limit to say so."""
    return max(seen_length(text), -(-len(text) // CODE_POINTS_PER_CHARACTER))
