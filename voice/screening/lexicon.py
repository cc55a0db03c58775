"""Safeguarding lexicons: loading the data files and matching them.

Data files (``data/lexicon_*.toml``, ``data/idioms.toml``,
``data/categories.toml``) are written for people, not programmers.  Each
lexicon entry has a ``phrase`` (or, for experts, a ``pattern``), a
``category``, a ``level`` and an ``example`` that must trigger it.

Phrase syntax (all matching is on whole words of the normalised text):

* ``kill myself``  plain words; capitals, accents and apostrophes do not
  matter and words may be run together (``killmyself``) or split.
* ``hit* me``      ``*`` at the end (or start) of a word means "any ending"
  (or "any beginning"): hit, hits, hitting, hitter.
* ``{adult}``      any phrase listed under ``[groups]`` ``adult = [...]``.
* ``...``          up to six other words may come in between.
* ``*``            (on its own) one other word may come in between.

``pattern`` is a Python regular expression applied to the normalised text
(lower case, no accents, no apostrophes, single spaces, padded with a space
at each end).

Every phrase is compiled once into a regular expression plus a set of
"anchor" strings; the expensive regular expression only runs when one of
its anchors occurs in the text, which keeps screening fast.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

from voice.screening.normalise import normalise

Level = Literal["none", "concern", "urgent"]
LEVELS: tuple[Level, ...] = ("none", "concern", "urgent")
LEVEL_RANK: dict[str, int] = {"none": 0, "concern": 1, "urgent": 2}

LEXICON_FILES: tuple[str, ...] = (
    "lexicon_en.toml",
    "lexicon_pl.toml",
    "lexicon_ur.toml",
    "lexicon_ar.toml",
    "lexicon_ro.toml",
)
IDIOMS_FILE = "idioms.toml"
CATEGORIES_FILE = "categories.toml"

_GAP_WORDS = 6
_WORD = "[^ ]*"


class LexiconError(ValueError):
    """A data file entry is malformed."""


@dataclass(frozen=True)
class Entry:
    """One line of a lexicon or idiom file, as written by a person."""

    source: str
    text: str
    is_pattern: bool
    category: str
    level: Level
    example: str
    requires: tuple[str, ...] = ()
    effect: str = ""
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matcher:
    """A compiled phrase: regex plus cheap pre-check anchors."""

    regex: re.Pattern[str]
    anchors: tuple[str, ...] | None
    needs: tuple[tuple[str, ...], ...] = ()

    def candidates(self, norm: str) -> bool:
        """Cheap test: every part of the phrase has some anchor in the text."""
        for options in self.needs:
            for anchor in options:
                if anchor in norm:
                    break
            else:
                return False
        return True

    def finditer(self, norm: str) -> Iterable[re.Match[str]]:
        if not self.candidates(norm):
            return ()
        return self.regex.finditer(norm)

    def search(self, norm: str) -> re.Match[str] | None:
        if not self.candidates(norm):
            return None
        return self.regex.search(norm)


@dataclass(frozen=True)
class CompiledEntry:
    entry: Entry
    matcher: Matcher
    requires: tuple[Matcher, ...]


@dataclass(frozen=True)
class Category:
    ident: str
    label: str
    escalate_when_immediate: bool


IdiomSpan = tuple[int, int, str, tuple[str, ...]]


@dataclass(frozen=True)
class Hit:
    entry: Entry
    start: int
    end: int
    matched: str


@dataclass(frozen=True)
class _Part:
    regex: str
    anchors: tuple[str, ...] | None
    joinable_after: bool
    joinable_before: bool


def _literal_parts(words: list[str]) -> list[_Part]:
    norm = normalise(" ".join(words)).split()
    return [_Part(re.escape(w), (w,), True, True) for w in norm]


def _wildcard_part(token: str) -> _Part:
    lead = token.startswith("*")
    trail = token.endswith("*")
    stem = normalise(token.strip("*")).strip()
    if not stem:
        return _Part("[^ ]+", None, False, False)
    body = (_WORD if lead else "") + re.escape(stem) + (_WORD if trail else "")
    return _Part(body, (stem,), not trail, not lead)


def _best_anchor(anchor_sets: list[tuple[str, ...] | None]) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None
    best_score = (-1, 0)
    for anchors in anchor_sets:
        if not anchors:
            continue
        score = (min(len(a) for a in anchors), -len(anchors))
        if score > best_score:
            best, best_score = anchors, score
    return best


def _join(parts: list[_Part | int]) -> str:
    """Join parts; an int stands for a gap of up to that many words."""
    out: list[str] = []
    prev: _Part | None = None
    gap = 0
    for part in parts:
        if isinstance(part, int):
            gap = max(gap, part)
            continue
        if prev is not None:
            if gap:
                out.append(f"(?: [^ ]+){{0,{gap}}} ")
            elif prev.joinable_after and part.joinable_before:
                out.append(" ?")
            else:
                out.append(" ")
        out.append(part.regex)
        prev, gap = part, 0
    return "".join(out)


def _group_part(name: str, groups: Mapping[str, list[str]], source: str) -> _Part:
    if name not in groups:
        raise LexiconError(f"{source}: unknown group {{{name}}}")
    alternatives: list[str] = []
    anchors: list[str] = []
    has_anchor = True
    for item in groups[name]:
        parts = _parse(item, {}, source)
        if not parts:
            continue
        alternatives.append(_join(parts))
        best = _best_anchor([p.anchors for p in parts if isinstance(p, _Part)])
        if best is None:
            has_anchor = False
        else:
            anchors.extend(best)
    if not alternatives:
        raise LexiconError(f"{source}: group {{{name}}} is empty")
    alternatives.sort(key=len, reverse=True)
    body = "(?:" + "|".join(alternatives) + ")"
    return _Part(body, tuple(sorted(set(anchors))) if has_anchor else None, False, False)


def _parse(phrase: str, groups: Mapping[str, list[str]], source: str) -> list[_Part | int]:
    parts: list[_Part | int] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            parts.extend(_literal_parts(literal))
            literal.clear()

    for word in phrase.split():
        if word == "...":
            flush()
            parts.append(_GAP_WORDS)
        elif word == "*":
            flush()
            parts.append(1)
        elif word.startswith("{") and word.endswith("}"):
            flush()
            parts.append(_group_part(word[1:-1], groups, source))
        elif "*" in word:
            flush()
            parts.append(_wildcard_part(word))
        else:
            literal.append(word)
    flush()
    return parts


def compile_phrase(phrase: str, groups: Mapping[str, list[str]], source: str = "") -> Matcher:
    """Compile a phrase written in the data-file syntax."""
    parts = _parse(phrase, groups, source)
    real = [p for p in parts if isinstance(p, _Part)]
    if not real:
        raise LexiconError(f"{source}: phrase {phrase!r} has no words")
    body = _join(parts)
    # The leading space is consumed (not a look-behind) so that the regex
    # engine can scan quickly for the first literal; spans are adjusted.
    regex = re.compile(f" {body}(?= )")
    # check the most selective parts first: few, long anchors
    needs = tuple(
        sorted(
            (p.anchors for p in real if p.anchors),
            key=lambda anchors: (len(anchors), -min(len(a) for a in anchors)),
        )
    )
    return Matcher(regex, _best_anchor([p.anchors for p in real]), needs)


def compile_pattern(pattern: str, source: str = "") -> Matcher:
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{source}: bad pattern {pattern!r}: {exc}") from exc
    return Matcher(regex, None)


def _read_data(name: str) -> dict[str, Any]:
    text = resources.files("voice.screening").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


def _entry_from(raw: Mapping[str, Any], source: str, *, idiom: bool) -> Entry:
    phrase = raw.get("phrase")
    pattern = raw.get("pattern")
    if (phrase is None) == (pattern is None):
        raise LexiconError(f"{source}: each entry needs exactly one of phrase/pattern: {raw}")
    text = str(phrase if phrase is not None else pattern)
    example = str(raw.get("example", ""))
    if not example:
        raise LexiconError(f"{source}: entry {text!r} has no example")
    requires = tuple(str(r) for r in raw.get("requires", ()))
    if idiom:
        effect = str(raw.get("effect", "ignore"))
        if effect not in ("ignore", "downgrade"):
            raise LexiconError(f"{source}: {text!r}: effect must be ignore or downgrade")
        only = tuple(str(c) for c in raw.get("categories", ()))
        return Entry(source, text, pattern is not None, "", "none", example, requires, effect, only)
    category = str(raw.get("category", ""))
    level = str(raw.get("level", ""))
    if level not in ("concern", "urgent"):
        raise LexiconError(f"{source}: {text!r}: level must be concern or urgent")
    return Entry(source, text, pattern is not None, category, cast(Level, level), example, requires)


def _compile_entry(entry: Entry, groups: Mapping[str, list[str]]) -> CompiledEntry:
    if entry.is_pattern:
        matcher = compile_pattern(entry.text, entry.source)
    else:
        matcher = compile_phrase(entry.text, groups, entry.source)
    requires = tuple(compile_phrase(r, groups, entry.source) for r in entry.requires)
    return CompiledEntry(entry, matcher, requires)


def _load_file(name: str, *, idiom: bool) -> list[CompiledEntry]:
    raw = _read_data(name)
    groups = {str(k): [str(x) for x in v] for k, v in raw.get("groups", {}).items()}
    return [_compile_entry(_entry_from(item, name, idiom=idiom), groups) for item in raw.get("entries", [])]


def trie_regex(words: Iterable[str]) -> str:
    """An alternation of literal words, nested by common prefixes (fast to scan)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: Mapping[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_to_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


class _AnchorIndex:
    """Which entries can possibly match: one scan for all anchor strings.

    A trie-shaped regex in a look-ahead finds, at every position, the longest
    anchor starting there; the entries of every anchor that is a prefix of
    it are included too, so overlapping anchors are never missed.
    """

    def __init__(self, entries: tuple[CompiledEntry, ...]) -> None:
        self.always: list[int] = []
        index: dict[str, set[int]] = {}
        for i, compiled in enumerate(entries):
            anchors = compiled.matcher.anchors
            if anchors is None:
                self.always.append(i)
                continue
            for anchor in anchors:
                index.setdefault(anchor, set()).add(i)
        closed: dict[str, frozenset[int]] = {}
        for anchor in index:
            found: set[int] = set()
            for length in range(1, len(anchor) + 1):
                found |= index.get(anchor[:length], set())
            closed[anchor] = frozenset(found)
        self.index = closed
        self.regex = re.compile("(?=(" + trie_regex(sorted(index)) + "))") if index else None

    def candidates(self, norm: str) -> list[int]:
        found = set(self.always)
        if self.regex is not None:
            index = self.index
            for anchor in set(self.regex.findall(norm)):
                found |= index[anchor]
        return sorted(found)


@dataclass(frozen=True)
class Lexicon:
    """All compiled safeguarding data."""

    entries: tuple[CompiledEntry, ...]
    idioms: tuple[CompiledEntry, ...]
    categories: Mapping[str, Category]
    immediacy: Matcher | None
    index: _AnchorIndex = field(init=False, repr=False, compare=False)
    idiom_index: _AnchorIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", _AnchorIndex(self.entries))
        object.__setattr__(self, "idiom_index", _AnchorIndex(self.idioms))

    def idiom_spans(self, norm: str) -> list[IdiomSpan]:
        spans: list[IdiomSpan] = []
        for i in self.idiom_index.candidates(norm):
            compiled = self.idioms[i]
            for match in compiled.matcher.finditer(norm):
                entry = compiled.entry
                spans.append((match.start() + 1, match.end(), entry.effect, entry.only))
        return spans

    def hits(self, norm: str, idioms: list[IdiomSpan]) -> list[tuple[Hit, str]]:
        """Return (hit, effect) pairs; effect is "" or "downgrade"."""
        found: list[tuple[Hit, str]] = []
        entries = self.entries
        for i in self.index.candidates(norm):
            hit = _first_hit(entries[i], norm, idioms)
            if hit is not None:
                found.append(hit)
        return found

    def is_immediate(self, norm: str) -> re.Match[str] | None:
        return None if self.immediacy is None else self.immediacy.search(norm)


def _first_hit(compiled: CompiledEntry, norm: str, idioms: list[IdiomSpan]) -> tuple[Hit, str] | None:
    category = compiled.entry.category
    if not compiled.matcher.candidates(norm):
        return None
    for match in compiled.matcher.regex.finditer(norm):
        start, end = match.span()
        if not compiled.entry.is_pattern:
            start += 1
        effect = ""
        for i_start, i_end, i_effect, i_only in idioms:
            if i_start < end and start < i_end and (not i_only or category in i_only):
                effect = i_effect
                if i_effect == "ignore":
                    break
        if effect == "ignore":
            continue
        if compiled.requires and not any(r.search(norm) for r in compiled.requires):
            return None
        return Hit(compiled.entry, start, end, norm[start:end].strip()), effect
    return None


def _load_categories() -> tuple[dict[str, Category], Matcher | None]:
    raw = _read_data(CATEGORIES_FILE)
    categories = {
        str(ident): Category(str(ident), str(spec["label"]), bool(spec.get("escalate_when_immediate", False)))
        for ident, spec in raw.get("categories", {}).items()
    }
    phrases = [str(p) for p in raw.get("immediacy", {}).get("phrases", [])]
    immediacy = compile_phrase("{now}", {"now": phrases}, CATEGORIES_FILE) if phrases else None
    return categories, immediacy


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """Load and compile every packaged data file once."""
    categories, immediacy = _load_categories()
    entries: list[CompiledEntry] = []
    for name in LEXICON_FILES:
        entries.extend(_load_file(name, idiom=False))
    for compiled in entries:
        if compiled.entry.category not in categories:
            raise LexiconError(f"{compiled.entry.source}: unknown category {compiled.entry.category!r}")
    idioms = _load_file(IDIOMS_FILE, idiom=True)
    return Lexicon(tuple(entries), tuple(idioms), categories, immediacy)
