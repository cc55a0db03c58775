"""Making the personal-detail detectors fast without changing what they find.

:class:`TextView` holds what several detectors need from one text: its
tokens with their folded forms, its word runs and its runs of digits.  None
of these contains a space, so they are worked out per space-separated piece
of text and cached (pieces repeat a lot from one text to the next).

Most detectors are regular expressions that start with a cue word ("my
name is", "snap", "born", a title, a school word ...).  Python's regex
engine tries such a pattern at every position of the text, which is slow.
:class:`WordScan` tries it only where one of its possible first words
occurs, and :func:`matches_at` only at given positions (the pii module
works out where numbers can start from the runs of digits).  Both give
exactly the matches of ``finditer`` on the whole text;
tests/unit/screening/test_fast_paths.py checks that.

First words are compared on :attr:`TextView.folded`, a lower-case copy of
the text with the same offsets and word boundaries, in which every
character that ``re.IGNORECASE`` matches to an ASCII letter *is* that
letter (``str.lower`` alone leaves the dotless ``ı``, the dotted ``İ`` and
the long ``ſ`` alone, and turns ``İ`` into two characters).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from voice.screening.normalise import fold_word

# str.lower() does not turn these into the ASCII letters re.IGNORECASE matches them to
_LIKE_IGNORECASE = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
_LIKE_IGNORECASE_CHARS = ("İ", "ı", "ſ", "K")
_WORD_RUN = re.compile(r"\w+")
_DIGIT_RUN = re.compile(r"\d+")
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def fold_like_ignorecase(text: str) -> str:
    """Lower case with ASCII look-alikes unified; same length and word boundaries."""
    if any(char in text for char in _LIKE_IGNORECASE_CHARS):
        text = text.translate(_LIKE_IGNORECASE)
    return text.lower()


@dataclass(frozen=True, slots=True)
class _Chunk:
    """What the detectors need from a piece of text without spaces.

    Tokens, word runs and digit runs never contain a space (and the regexes
    finding them have no look-arounds), so a text's are those of its
    space-separated pieces, shifted.  Pieces repeat a lot, so they are cached.
    """

    length: int  # of the piece
    starts: tuple[int, ...]  # of the tokens, within the piece
    ends: tuple[int, ...]
    tokens: tuple[str, ...]
    folded: tuple[str, ...]  # fold_word of each token
    token_at: dict[int, int]  # start -> index
    words: frozenset[str]  # maximal runs of word characters, folded
    digit_runs: tuple[tuple[int, int], ...]


_CHUNK_CACHE: dict[str, _Chunk] = {}
_CHUNK_CACHE_SIZE = 50_000
_CHUNK_CACHE_MAX_LENGTH = 64


def _chunk(piece: str) -> _Chunk:
    matches = list(TOKEN.finditer(piece))
    starts = tuple(m.start() for m in matches)
    found = _Chunk(
        len(piece),
        starts,
        tuple(m.end() for m in matches),
        tuple(m.group() for m in matches),
        tuple(fold_word(m.group()) for m in matches),
        {start: i for i, start in enumerate(starts)},
        frozenset(_WORD_RUN.findall(fold_like_ignorecase(piece))),
        tuple(m.span() for m in _DIGIT_RUN.finditer(piece)),
    )
    if len(piece) <= _CHUNK_CACHE_MAX_LENGTH:
        if len(_CHUNK_CACHE) >= _CHUNK_CACHE_SIZE:
            _CHUNK_CACHE.clear()
        _CHUNK_CACHE[piece] = found
    return found


class TextView:
    """A text and what the detectors need from it, computed once.

    Tokens are runs of letters, possibly joined by apostrophes or hyphens
    (``TOKEN``), numbered from 0, with their folded forms (``fold_word``).
    Their offsets are worked out only when asked for.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        cached = _CHUNK_CACHE.get
        self._chunks = chunks = [cached(piece) or _chunk(piece) for piece in text.split(" ")]
        self._offsets: list[int] = []  # of each piece in the text, then len(text) + 1
        self._first_token: list[int] = []  # number of tokens before each piece, then in all
        self.tokens: list[str] = []
        self.folded_tokens: list[str] = []
        self.digit_runs: list[tuple[int, int]] = []
        add_offset, add_first_token = self._offsets.append, self._first_token.append
        offset = token_count = 0
        for chunk in chunks:
            add_offset(offset)
            add_first_token(token_count)
            if chunk.tokens:
                self.tokens.extend(chunk.tokens)
                self.folded_tokens.extend(chunk.folded)
                token_count += len(chunk.tokens)
            if chunk.digit_runs:
                self.digit_runs.extend((offset + start, offset + end) for start, end in chunk.digit_runs)
            offset += chunk.length + 1
        add_offset(offset)
        add_first_token(token_count)
        self.digit_count = sum(end - start for start, end in self.digit_runs)
        # every maximal run of word characters in ``folded``
        self.words: set[str] = set().union(*[chunk.words for chunk in chunks])

    def _locate(self, index: int) -> tuple[int, int]:
        """(piece number, index within the piece) of a token."""
        piece = bisect_right(self._first_token, index) - 1
        return piece, index - self._first_token[piece]

    def token_start(self, index: int) -> int:
        piece, local = self._locate(index)
        return self._offsets[piece] + self._chunks[piece].starts[local]

    def token_end(self, index: int) -> int:
        piece, local = self._locate(index)
        return self._offsets[piece] + self._chunks[piece].ends[local]

    def token_at(self, offset: int) -> int | None:
        """The number of the token starting at ``offset``, if any."""
        piece = bisect_right(self._offsets, offset) - 1
        if not 0 <= piece < len(self._chunks):
            return None
        local = self._chunks[piece].token_at.get(offset - self._offsets[piece])
        return None if local is None else self._first_token[piece] + local

    def last_token_ending_by(self, offset: int) -> int:
        """The number of the last token ending at or before ``offset`` (-1: none)."""
        piece = min(bisect_right(self._offsets, offset), len(self._chunks)) - 1
        if piece < 0:
            return -1
        within = bisect_right(self._chunks[piece].ends, offset - self._offsets[piece])
        return self._first_token[piece] + within - 1

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def folded(self) -> str:
        return fold_like_ignorecase(self.text)


def find_all(haystack: str, needle: str) -> Iterator[int]:
    """Every offset where ``needle`` occurs in ``haystack`` (overlaps included)."""
    pos = haystack.find(needle)
    while pos != -1:
        yield pos
        pos = haystack.find(needle, pos + 1)


def _is_word_char(char: str) -> bool:
    """The same test as ``\\w`` in a regex (checked for every code point in the tests)."""
    return char.isalnum() or char == "_"


def whole_word_positions(haystack: str, word: str) -> Iterator[int]:
    """Every offset where ``word`` occurs with no word character just before or after it."""
    size = len(word)
    for pos in find_all(haystack, word):
        if pos > 0 and _is_word_char(haystack[pos - 1]):
            continue
        if pos + size < len(haystack) and _is_word_char(haystack[pos + size]):
            continue
        yield pos


# With more than one position to try in this many characters, scanning the
# whole text is faster than trying each position.
_DENSE = 16


def matches_at(regex: re.Pattern[str], text: str, positions: Sequence[int]) -> Iterator[re.Match[str]]:
    """The matches of ``regex.finditer(text)``, trying only ``positions``.

    ``positions`` must be sorted and include the start of every match, and
    the regex must not match the empty string.  Look-behinds still see the
    text before each position.
    """
    if len(positions) * _DENSE > len(text):
        return regex.finditer(text)
    return _matches_at(regex, text, positions)


def _matches_at(regex: re.Pattern[str], text: str, positions: Sequence[int]) -> Iterator[re.Match[str]]:
    end = 0
    for pos in positions:
        if pos < end:
            continue
        match = regex.match(text, pos)
        if match is not None:
            yield match
            end = match.end()


@dataclass(frozen=True)
class WordScan:
    """A regex whose every match starts with a whole word from ``first_words``.

    "Whole word" means a maximal run of ``\\w`` characters: the match starts
    just after a non-word character, and the character after the word is
    not a word character.  The words are lower-case ASCII and are compared
    with :attr:`TextView.folded`, so the regex may use ``re.IGNORECASE``.
    """

    regex: re.Pattern[str]
    first_words: frozenset[str]

    def __post_init__(self) -> None:
        for word in self.first_words:
            if not (word.isascii() and word == word.lower() and _WORD_RUN.fullmatch(word)):
                raise ValueError(f"first word {word!r} must be one lower-case ASCII word")

    def finditer(self, view: TextView) -> Iterator[re.Match[str]]:
        present = self.first_words & view.words
        if not present:
            return iter(())
        folded = view.folded
        positions = sorted({pos for word in present for pos in whole_word_positions(folded, word)})
        return matches_at(self.regex, view.text, positions)
