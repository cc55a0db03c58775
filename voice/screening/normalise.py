"""Text normalisation used for safeguarding matching.

The same :func:`normalise` function is applied to the text being screened
*and* to every phrase in the data files, so a safeguarding lead can write
``don't want to go home`` in a lexicon and it will match ``dont wanna go
home``, ``DON'T WANT TO GO HOME`` or ``don’t want to go home`` alike.

Steps:

1. Unicode NFKC, case folding, a few letter mappings (``ł`` -> ``l``,
   Arabic/Urdu letter variants to one form, Arabic-Indic digits to ASCII).
2. Accents and Arabic diacritics are stripped (NFD, drop combining marks).
3. Apostrophes are removed (``don't`` -> ``dont``); every other
   non-letter/digit becomes a single space.
4. Letters repeated three or more times are squeezed to two (``sooo``).
5. Each word is looked up in the text-speak / spelling table
   (``data/textspeak.toml``): ``u`` -> ``you``, ``kms`` -> ``kill myself``,
   ``sucide`` -> ``suicide`` ...
6. Multi-word rewrites from the same file (``my self`` -> ``myself``).

The result is padded with one space at each end so that every word is
surrounded by spaces, which makes whole-word matching cheap.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

_LETTER_MAP: dict[int, str] = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        # Arabic and Urdu letter variants -> one canonical form
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ك": "ک",
        "ة": "ه",
        "ۃ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ـ": "",
        # Invisible characters inside a word ("h\u200bits", "hi\u00adts") must not hide it:
        # zero-width space, non-joiner and joiner, direction marks, embeddings and isolates,
        # word joiner, soft hyphen, byte order mark, Arabic letter mark.
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u200f": "",
        "\u200e": "",
        "\u2060": "",
        "\u00ad": "",
        "\ufeff": "",
        "\u061c": "",
        **dict.fromkeys(map(chr, range(0x202A, 0x202F)), ""),
        **dict.fromkeys(map(chr, range(0x2066, 0x206A)), ""),
        # Arabic-Indic and Extended Arabic-Indic digits
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_APOSTROPHE = re.compile("'")
_NON_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")


@dataclass(frozen=True)
class TextSpeak:
    """Word and phrase rewrites loaded from ``textspeak.toml``."""

    words: dict[str, str]
    phrases: dict[str, str]
    phrase_re: re.Pattern[str] | None
    # the words of each phrase: the regex only runs when all the words of
    # some phrase occur; None means "always run" (a phrase that is not plain
    # words separated by single spaces)
    phrase_words: tuple[frozenset[str], ...] | None = None
    # the same, by the phrase's first word: only phrases whose first word is in
    # the text need their other words looked up
    phrase_starts: dict[str, tuple[frozenset[str], ...]] | None = None


def _basic(text: str) -> str:
    """Steps 1-4: Unicode clean-up, folding and punctuation removal."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_LETTER_MAP)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", folded))
    no_apostrophes = _APOSTROPHE.sub("", stripped)
    spaced = _NON_WORD.sub(" ", no_apostrophes)
    return _REPEATS.sub(r"\1\1", spaced)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Fold a single word (used for name look-ups): lower case, no accents."""
    return _basic(word).strip()


@lru_cache(maxsize=1)
def load_textspeak() -> TextSpeak:
    """Load and prepare the text-speak table (cached)."""
    raw = tomllib.loads(resources.files("voice.screening").joinpath("data/textspeak.toml").read_text("utf-8"))
    words: dict[str, str] = {}
    for section in ("words", "spelling"):
        for key, value in raw.get(section, {}).items():
            words[_basic(str(key)).strip()] = _basic(str(value)).strip()
    phrases: dict[str, str] = {}
    for key, value in raw.get("phrases", {}).items():
        src = " ".join(words.get(t, t) for t in _basic(str(key)).split())
        dst = " ".join(words.get(t, t) for t in _basic(str(value)).split())
        if src:
            phrases[src] = dst
    phrase_re = None
    if phrases:
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        # The space before a phrase is consumed (not a look-behind) so that the
        # regex engine can jump from space to space; it is put back on replacement.
        phrase_re = re.compile(f" (?:{alternation})(?= )")
    phrase_words = _phrase_words(phrases)
    return TextSpeak(words, phrases, phrase_re, phrase_words, _phrase_starts(phrases, phrase_words))


def _phrase_words(phrases: dict[str, str]) -> tuple[frozenset[str], ...] | None:
    """The words of each phrase, or None if a phrase is not plain words separated by single spaces."""
    found: list[frozenset[str]] = []
    for phrase in phrases:
        words = phrase.split(" ")
        if "" in words:
            return None
        found.append(frozenset(words))
    return tuple(found)


# Normalised words of each whitespace-separated chunk of text, cached: the
# steps above never join or split across whitespace, and chunks repeat a lot.
_CHUNK_CACHE: dict[str, tuple[str, ...]] = {}
_CHUNK_CACHE_SIZE = 50_000
_CHUNK_CACHE_MAX_LENGTH = 64


def _chunk_words(chunk: str, words: dict[str, str]) -> tuple[str, ...]:
    """Steps 1-5 for one chunk of text without whitespace (cached)."""
    found = _CHUNK_CACHE.get(chunk)
    if found is None:
        found = tuple(words.get(tok, tok) for tok in _basic(chunk).split())
        if len(chunk) <= _CHUNK_CACHE_MAX_LENGTH:
            if len(_CHUNK_CACHE) >= _CHUNK_CACHE_SIZE:
                _CHUNK_CACHE.clear()
            _CHUNK_CACHE[chunk] = found
    return found


_FOLD_CACHE: dict[str, tuple[str, ...]] = {}


def fold_words(text: str) -> list[str]:
    """Steps 1-4 chunk by chunk (cached, like ``normalise``): the folded words of ``text``,
    with no text-speak rewrites (the language check needs the words as typed: text-speak
    would turn Spanish "y" into "why")."""
    words: list[str] = []
    for chunk in text.split():
        found = _FOLD_CACHE.get(chunk)
        if found is None:
            found = tuple(_basic(chunk).split())
            if len(chunk) <= _CHUNK_CACHE_MAX_LENGTH:
                if len(_FOLD_CACHE) >= _CHUNK_CACHE_SIZE:
                    _FOLD_CACHE.clear()
                _FOLD_CACHE[chunk] = found
        words.extend(found)
    return words


def _phrase_starts(
    phrases: dict[str, str], phrase_words: tuple[frozenset[str], ...] | None
) -> dict[str, tuple[frozenset[str], ...]] | None:
    """``phrase_words`` grouped by each phrase's first word."""
    if phrase_words is None:
        return None
    starts: dict[str, list[frozenset[str]]] = {}
    for phrase, words in zip(phrases, phrase_words, strict=True):
        starts.setdefault(phrase.split(" ", 1)[0], []).append(words)
    return {first: tuple(sets) for first, sets in starts.items()}


def _needs_phrases(table: TextSpeak, words: frozenset[str]) -> bool:
    """Whether a multi-word rewrite (step 6) can apply to a text with these words."""
    if table.phrase_re is None:
        return False
    starts = table.phrase_starts
    if starts is None:
        return table.phrase_words is None or any(map(words.issuperset, table.phrase_words))
    return any(any(map(words.issuperset, starts[first])) for first in words.intersection(starts))


def normalise(text: str) -> str:
    """Return the matching form of ``text``: `` word word word ``."""
    return normalise_with_words(text)[0]


def normalise_with_words(text: str) -> tuple[str, frozenset[str]]:
    """The matching form of ``text`` and the set of its words."""
    table = load_textspeak()
    cached = _CHUNK_CACHE.get
    parts = [cached(chunk) or _chunk_words(chunk, table.words) for chunk in text.split()]
    joined = " " + " ".join(chain.from_iterable(parts)) + " "
    found = frozenset(joined.split())
    if _needs_phrases(table, found) and table.phrase_re is not None:
        phrases = table.phrases
        replaced = table.phrase_re.sub(lambda m: " " + phrases[m.group(0)[1:]], joined)
        if replaced != joined:
            joined, found = replaced, frozenset(replaced.split())
    return joined, found
