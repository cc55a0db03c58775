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

Every phrase is compiled once into a regular expression plus, for each of
its parts, the "anchor" strings one of which must occur in the text; the
regular expression only runs when every part has an anchor in the text
(:class:`MatcherIndex` finds those for all phrases at once), which keeps
screening fast.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, reduce
from importlib import resources
from operator import or_
from typing import Any, Literal, cast

from voice.screening.normalise import normalise

Level = Literal["none", "concern", "urgent"]
LEVELS: tuple[Level, ...] = ("none", "concern", "urgent")
LEVEL_RANK: dict[str, int] = {"none": 0, "concern": 1, "urgent": 2}

LEXICON_FILES: tuple[str, ...] = (
    "lexicon_en.toml",
    "lexicon_en_exploit.toml",
    "lexicon_en_concern.toml",
    "lexicon_pl.toml",
    "lexicon_ur.toml",
    "lexicon_ar.toml",
    "lexicon_ro.toml",
    "lexicon_pl_ro_more.toml",
    "lexicon_ur_ar_more.toml",
    "lexicon_round9.toml",
    "lexicon_round10.toml",
    "lexicon_round11.toml",
    "lexicon_round12.toml",
    "lexicon_round13.toml",
    "lexicon_round14.toml",
    "lexicon_round15.toml",
    "lexicon_round16.toml",
    "lexicon_round17.toml",
    "lexicon_round18.toml",
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
    #: For a ``pattern``: letter sequences one of which some word of the text must contain
    #: before the regular expression is tried (a pattern has no anchors of its own).
    needs: tuple[str, ...] = ()


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
    # the characters a match of this part can start with, if known
    firsts: frozenset[str] | None = None
    # whether each anchor begins (ends) where a match of the part begins (ends)
    anchor_at_start: bool = False
    anchor_at_end: bool = False


def _literal_parts(words: list[str]) -> list[_Part]:
    norm = normalise(" ".join(words)).split()
    return [_Part(re.escape(w), (w,), True, True, frozenset(w[0]), True, True) for w in norm]


def _wildcard_part(token: str) -> _Part:
    lead = token.startswith("*")
    trail = token.endswith("*")
    stem = normalise(token.strip("*")).strip()
    if not stem:
        return _Part("[^ ]+", None, False, False)
    body = (_WORD if lead else "") + re.escape(stem) + (_WORD if trail else "")
    return _Part(
        body, (stem,), not trail, not lead, None if lead else frozenset(stem[0]), not lead, not trail
    )


def _best_anchor(anchor_sets: list[tuple[str, ...] | None]) -> tuple[str, ...] | None:
    best = _best_number(anchor_sets)
    return None if best is None else anchor_sets[best]


def _best_number(anchor_sets: Sequence[tuple[str, ...] | None]) -> int | None:
    """The number of the most selective anchor set (few, long anchors), if any has anchors."""
    best: int | None = None
    best_score = (-1, 0)
    for number, anchors in enumerate(anchor_sets):
        if not anchors:
            continue
        score = (min(len(a) for a in anchors), -len(anchors))
        if score > best_score:
            best, best_score = number, score
    return best


def _bounded_anchors(parts: Sequence[_Part | int]) -> list[tuple[str, ...] | None]:
    """The anchors of each part of a phrase or group alternative, with word boundaries.

    A phrase's match and a group's both start at the start of a word and end at the end of one
    (`` phrase(?= )``; a group is never run together with its neighbours). Inside, a part
    starts (ends) a word unless it is run together with the one before (after) it (`` ?`` in
    :func:`_join`). When an anchor begins at the start of a word, a match contains it with a
    space before it (the normalised text is padded with spaces), and likewise after it at the
    end of one: `` me `` is much rarer than ``me`` (home, time ...), so fewer regexes are tried.
    """
    real: list[_Part] = []
    gap_before: list[bool] = []
    gap = False
    for part in parts:
        if isinstance(part, int):
            gap = True
            continue
        real.append(part)
        gap_before.append(gap)
        gap = False
    found: list[tuple[str, ...] | None] = []
    for i, part in enumerate(real):
        starts = i == 0 or gap_before[i] or not (real[i - 1].joinable_after and part.joinable_before)
        ends = (
            i == len(real) - 1
            or gap_before[i + 1]
            or not (part.joinable_after and real[i + 1].joinable_before)
        )
        before = " " if starts and part.anchor_at_start else ""
        after = " " if ends and part.anchor_at_end else ""
        anchors = part.anchors
        found.append(anchors and tuple(before + anchor + after for anchor in anchors))
    return found


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
    try:
        return _group_part_of(name, tuple(groups[name]))
    except LexiconError as error:
        raise LexiconError(f"{source}: {error}") from None


@cache
def _group_part_of(name: str, items: tuple[str, ...]) -> _Part:
    """A group's alternation, built once however many entries use it (hundreds do)."""
    source = f"group {{{name}}}"
    alternatives: list[str] = []
    anchors: list[str] = []
    has_anchor = True
    firsts: set[str] | None = set()
    for item in items:
        parts = _parse(item, {}, source)
        if not parts:
            continue
        alternatives.append(_join(parts))
        first = parts[0]
        if firsts is not None and isinstance(first, _Part) and first.firsts is not None:
            firsts |= first.firsts
        else:
            firsts = None
        # the best part is chosen on its plain anchors, then given its word boundaries
        best = _best_number([p.anchors for p in parts if isinstance(p, _Part)])
        bounded = None if best is None else _bounded_anchors(parts)[best]
        if bounded is None:
            has_anchor = False
        else:
            anchors.extend(bounded)
    if not alternatives:
        raise LexiconError(f"group {{{name}}} is empty")
    body = _alternation(alternatives)
    return _Part(
        body,
        tuple(sorted(set(anchors))) if has_anchor else None,
        False,
        False,
        None if firsts is None else frozenset(firsts),
    )


_SPECIAL = frozenset("[](){}|*+?.^$")


def _atoms(alternative: str) -> list[str] | None:
    """An alternative made only of literal characters and spaces (plain or optional) as a
    list of atoms; ``None`` when it has anything else (wildcards, gaps)."""
    atoms: list[str] = []
    i = 0
    while i < len(alternative):
        char = alternative[i]
        if char == "\\":
            atoms.append(alternative[i : i + 2])
            i += 2
        elif alternative.startswith(" ?", i):
            atoms.append(" ?")
            i += 2
        elif char in _SPECIAL:
            return None
        else:
            atoms.append(char)
            i += 1
    return atoms


def _alternation(alternatives: list[str]) -> str:
    """``(?:a|b|...)`` matching exactly what the alternatives match, longest first.

    Plain alternatives (words and spaces only) are merged into a tree by their common
    beginnings ("my ?brother", "my ?sister" -> "my ?(?:brother|sister)"): Python's regex
    engine tries alternatives one by one, so forty beginning with "my" cost forty tries at
    every word start, and the tree costs one. The match found at a position may be a
    different alternative of the same group; whether and where a phrase matches is not.
    """
    plain: list[list[str]] = []
    other: list[str] = []
    for alternative in alternatives:
        atoms = _atoms(alternative)
        if atoms:
            plain.append(atoms)
        else:
            other.append(alternative)
    branches = [_trie_regex(plain, deepest_first=True)] if plain else []
    branches.extend(sorted(other, key=len, reverse=True))
    return "(?:" + "|".join(branches) + ")"


def _trie_regex(
    sequences: Iterable[Sequence[str]],
    *,
    escape: Callable[[str], str] | None = None,
    deepest_first: bool = False,
) -> str:
    """A regex matching exactly ``sequences``, each a sequence of atoms, nested by their common
    beginnings: ``["m", "y", "a"], ["m", "y", "b"]`` -> ``my(?:a|b)``.

    An atom is a piece of regex (``"a"``, ``"\\."``, ``" ?"``), or literal text when ``escape``
    (``re.escape``) is given. At each branching, the atoms are in order (before escaping), or
    with ``deepest_first`` those followed by the longest continuation come first (then in order).
    """
    trie: dict[str, Any] = {}
    for atoms in sequences:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a sequence ends here
    return _node_regex(trie, escape, deepest_first)


def _depth(node: Mapping[str, Any]) -> int:
    return max((1 + _depth(child) for atom, child in node.items() if atom), default=0)


def _node_regex(node: Mapping[str, Any], escape: Callable[[str], str] | None, deepest_first: bool) -> str:
    children = sorted(((atom, child) for atom, child in node.items() if atom), key=lambda item: item[0])
    if deepest_first:
        children.sort(key=lambda item: -_depth(item[1]))  # stable: in order within a depth
    branches = [
        (escape(atom) if escape else atom) + _node_regex(child, escape, deepest_first)
        for atom, child in children
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


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


def _in_class(char: str) -> str:
    """``char`` written to stand for itself inside a ``[...]`` character class."""
    return "\\" + char if char in "\\]^-[" else char


def compile_phrase(phrase: str, groups: Mapping[str, list[str]], source: str = "") -> Matcher:
    """Compile a phrase written in the data-file syntax."""
    parts = _parse(phrase, groups, source)
    real = [p for p in parts if isinstance(p, _Part)]
    if not real:
        raise LexiconError(f"{source}: phrase {phrase!r} has no words")
    body = _join(parts)
    # The leading space is consumed (not a look-behind) so that the regex
    # engine can scan quickly for the first literal; spans are adjusted.
    # A phrase starting with a group of alternatives has no such literal, so
    # a look-ahead for the characters they can start with rejects most word
    # starts before the alternatives are tried one by one.
    first = parts[0]
    if isinstance(first, _Part) and first.firsts and first.regex.startswith("(?:"):
        body = "(?=[" + "".join(sorted(map(_in_class, first.firsts))) + "])" + body
    regex = re.compile(f" {body}(?= )")
    # check the most selective parts first: few, long anchors
    needs = tuple(
        sorted(
            (anchors for anchors in _bounded_anchors(parts) if anchors),
            key=lambda anchors: (len(anchors), -min(len(a) for a in anchors)),
        )
    )
    return Matcher(regex, _best_anchor([p.anchors for p in real]), needs)


def _top_alternatives(pattern: str, start: int) -> list[str] | None:
    """The alternatives of the group ``(?:...)`` opening at ``start``, or ``None``."""
    if not pattern.startswith("(?:", start):
        return None
    found: list[str] = []
    depth, i, begin = 0, start + 3, start + 3
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.find("]", i + 2) + 1  # a class may start with "]"
            if i == 0:
                return None
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                found.append(pattern[begin:i])
                return found
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(pattern[begin:i])
            begin = i + 1
        i += 1
    return None


def _with_first_letters(pattern: str) -> str:
    """``" (?:i am|only|aged) ..."`` -> ``" (?=[ioa])(?:i am|only|aged) ..."``.

    An expert pattern that starts with a space and a group whose every alternative starts
    with a letter or digit can only match where one of those follows a space; the
    look-ahead rejects other word starts before the alternatives are tried one by one.
    """
    alternatives = _top_alternatives(pattern, 1) if pattern.startswith(" (?:") else None
    if not alternatives or not all(a and (a[0].isalnum()) for a in alternatives):
        return pattern
    after = 4 + len("|".join(alternatives)) + 1  # just after the group's ")"
    if pattern[after : after + 1] in ("?", "*", "{"):
        return pattern  # an optional group ("(?:cred ca )?sunt ..."): its letters may not come first
    letters = sorted({a[0] for a in alternatives} | {a[0].upper() for a in alternatives})
    return " (?=[" + "".join(map(_in_class, letters)) + "])" + pattern[1:]


def compile_pattern(pattern: str, source: str = "") -> Matcher:
    try:
        regex = re.compile(_with_first_letters(pattern))
    except re.error as exc:
        raise LexiconError(f"{source}: bad pattern {pattern!r}: {exc}") from exc
    return Matcher(regex, None, pattern_needs(pattern))


# ------------------------------------------------------ anchors read from a pattern
# A pattern has no anchors of its own, so without ``needs`` it would run on every text. Its
# plain letters are read here instead: text that every match must contain. The reading is
# deliberately simple and errs one way only: anything it does not follow is "some other
# regex", which only means fewer anchors, never a wrong one.

_CLASS_ESCAPES = frozenset("dDwWsSbBAZ")
_COUNT = re.compile(r"\{\d*(?:,\d*)?\}")
_ZERO_WIDTH = ("(?=", "(?!", "(?<=", "(?<!")


@dataclass(frozen=True)
class _Item:
    """One top-level piece of a regex, with its repeat (``?``, ``*``, ``{0,3}`` ...) if any."""

    kind: Literal["literal", "group", "other", "or"]
    #: the character of a literal, the inside of a group
    text: str = ""


_OR = _Item("or")
_OTHER = _Item("other")


def _class_end(pattern: str, start: int) -> int | None:
    """Where the character class ``[...]`` opening at ``start`` ends (just after its ``]``)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):  # a "]" first stands for itself
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "]":
            return i + 1
        else:
            i += 1
    return None


def _group_end(pattern: str, start: int) -> int | None:
    """Where the group opening at ``start`` ends (just after its ``)``)."""
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end is None:
                return None
            i = end
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _one_item(pattern: str, start: int) -> tuple[_Item, int] | None:
    """The piece of ``pattern`` at ``start``, without its repeat, and where it ends."""
    char = pattern[start]
    if char == "|":
        return _OR, start + 1
    if char == "\\":
        escaped = pattern[start + 1 : start + 2]
        if escaped in _CLASS_ESCAPES:
            return _OTHER, start + 2
        if not escaped or escaped.isalnum() or escaped == "_":
            return None  # back-references, \x41, \n ...: not read here
        return _Item("literal", escaped), start + 2
    if char == "[":
        end = _class_end(pattern, start)
        return None if end is None else (_OTHER, end)
    if char == "(":
        end = _group_end(pattern, start)
        if end is None:
            return None
        whole = pattern[start:end]
        if whole.startswith(_ZERO_WIDTH):
            return _OTHER, end
        if whole.startswith("(?:"):
            return _Item("group", whole[3:-1]), end
        if whole.startswith("(?"):
            return None  # flags, named groups, conditions ...: not read here
        return _Item("group", whole[1:-1]), end
    if char in ".^$":
        return _OTHER, start + 1
    if char in "?*+{)":
        return None
    return _Item("literal", char), start + 1


def _items(pattern: str) -> list[_Item] | None:
    """The top-level pieces of ``pattern``; a repeated piece is "other". ``None``: not read."""
    items: list[_Item] = []
    i = 0
    while i < len(pattern):
        found = _one_item(pattern, i)
        if found is None:
            return None
        item, i = found
        repeat = i
        if pattern.startswith(("?", "*", "+"), i):
            repeat = i + 1
        elif pattern.startswith("{", i):
            count = _COUNT.match(pattern, i)
            if count is None:
                return None
            repeat = count.end()
        if repeat > i:
            if item.kind == "or":
                return None
            item, i = _OTHER, repeat + pattern.startswith(("?", "+"), repeat)
        items.append(item)
    return items


def _alternatives(items: list[_Item]) -> list[list[_Item]]:
    found: list[list[_Item]] = [[]]
    for item in items:
        if item.kind == "or":
            found.append([])
        else:
            found[-1].append(item)
    return found


def _word_anchor(text: str) -> str | None:
    """The longest word of ``text`` (a piece of every match), with the spaces beside it in ``text``."""
    best: str | None = None
    best_length = 0
    for word in re.finditer("[^ ]+", text):
        if len(word.group()) > best_length:
            before = " " if word.start() > 0 else ""
            after = " " if word.end() < len(text) else ""
            best, best_length = before + word.group() + after, len(word.group())
    return best


def _group_anchors(inside: str, before: str, space_after: bool) -> tuple[str, ...] | None:
    """One anchor for each alternative of a group: the letters it starts with.

    ``before`` is a space when the group comes just after a space; ``space_after`` says a space
    comes just after the group (after an alternative that is letters only, it follows them).
    """
    items = _items(inside)
    if items is None:
        return None
    anchors: set[str] = set()
    for alternative in _alternatives(items):
        letters = ""
        for item in alternative:
            if item.kind != "literal":
                break
            letters += item.text
        whole = len(letters) == len(alternative)
        anchor = _word_anchor(before + letters + (" " if whole and space_after else ""))
        if anchor is None:
            return None
        anchors.add(anchor)
    return tuple(sorted(anchors))


def pattern_needs(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Anchors every match of ``pattern`` contains, like a phrase's ``Matcher.needs``.

    From each run of plain characters at the top of the pattern, its longest word; from each
    group there that is not repeated or optional, the first letters of each alternative.
    """
    items = _items(pattern)
    if items is None or _OR in items:
        return ()
    needs: set[tuple[str, ...]] = set()
    run = ""
    for number, item in enumerate(items):
        if item.kind == "literal":
            run += item.text
            continue
        anchor = _word_anchor(run)
        if anchor is not None:
            needs.add((anchor,))
        if item.kind == "group":
            space_after = items[number + 1 : number + 2] == [_Item("literal", " ")]
            anchors = _group_anchors(item.text, " " if run.endswith(" ") else "", space_after)
            if anchors:
                needs.add(anchors)
        run = ""
    anchor = _word_anchor(run)
    if anchor is not None:
        needs.add((anchor,))
    return tuple(sorted(needs, key=lambda anchors: (len(anchors), -min(map(len, anchors)), anchors)))


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
    needs = tuple(str(n) for n in raw.get("needs", ()))
    if needs and (pattern is None or any(not n or n != n.lower() or " " in n for n in needs)):
        raise LexiconError(f"{source}: {text!r}: needs is for patterns, lower-case letters without spaces")
    if idiom:
        effect = str(raw.get("effect", "ignore"))
        if effect not in ("ignore", "downgrade"):
            raise LexiconError(f"{source}: {text!r}: effect must be ignore or downgrade")
        only = tuple(str(c) for c in raw.get("categories", ()))
        return Entry(source, text, pattern is not None, "", "none", example, requires, effect, only, needs)
    category = str(raw.get("category", ""))
    level = str(raw.get("level", ""))
    if level not in ("concern", "urgent"):
        raise LexiconError(f"{source}: {text!r}: level must be concern or urgent")
    return Entry(
        source, text, pattern is not None, category, cast(Level, level), example, requires, needs=needs
    )


def _compile_entry(entry: Entry, groups: Mapping[str, list[str]]) -> CompiledEntry:
    if entry.is_pattern:
        matcher = compile_pattern(entry.text, entry.source)
        if entry.needs:
            matcher = Matcher(matcher.regex, None, (entry.needs,))
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
    return _trie_regex(words, escape=re.escape)


class MatcherIndex:
    """Which of many matchers can possibly match a normalised text.

    A matcher can only match when each of its parts (``Matcher.needs``) has
    one of its anchor strings in the text.  Every part of every matcher gets
    one bit of a large integer; the parts of one matcher sit side by side,
    followed by a 0 "spacer" bit.  A text sets the bits of all the parts
    that have an anchor in it.  Adding 1 at the lowest bit of every matcher's
    block then carries into the spacer bit exactly when the whole block is
    set, so one addition finds every possible matcher (a matcher without
    parts is always possible: its spacer is its lowest bit).

    The normalised text is its words between single spaces, with a space at
    each end, so an anchor with no space inside it (spaces at its ends mark
    the start or end of a word) occurs in the text exactly when it occurs in
    one of its words with a space on either side.  The bits are worked out
    once per distinct word and cached (words repeat a lot from one text to
    the next).  Within `` word ``, a trie-shaped regex in a look-ahead finds,
    at every position, the longest anchor starting there; every anchor that
    is a prefix of it occurs there too.  Anchors with a space inside (none in
    the packaged data) are looked for in the whole text.
    """

    _CACHE_SIZE = 20_000
    _CACHE_MAX_LENGTH = 64

    def __init__(self, matchers: Sequence[Matcher], listed: int | None = None) -> None:
        """Index ``matchers``; :meth:`listed` lists those numbered below ``listed`` (default all).

        Whether any other matcher can match is asked with :meth:`has`, one at a time.
        """
        anchor_bits: dict[str, int] = {}
        self._lowest = self._spacers = 0
        self._spacer_bit: list[int] = []  # matcher number -> its spacer bit
        bit = 0
        for matcher in matchers:
            self._lowest |= 1 << bit
            for options in matcher.needs:
                for anchor in options:
                    anchor_bits[anchor] = anchor_bits.get(anchor, 0) | 1 << bit
                bit += 1
            self._spacers |= 1 << bit
            self._spacer_bit.append(bit)
            bit += 1
        listed = len(matchers) if listed is None else listed
        listed_bits = self._spacer_bit[listed - 1] + 1 if listed else 0
        self._listed_mask = self._spacers & ((1 << listed_bits) - 1)
        self._listed_bytes = (listed_bits + 7) // 8
        # bit number -> matcher number, for the spacer bits of listed matchers
        self._bit_matcher = [-1] * (self._listed_bytes * 8)
        for number in range(listed):
            self._bit_matcher[self._spacer_bit[number]] = number
        self._spaced = tuple((a, bits) for a, bits in sorted(anchor_bits.items()) if " " in a.strip(" "))
        plain = sorted(a for a in anchor_bits if " " not in a.strip(" "))
        # the bits of an anchor and of every anchor that is a prefix of it
        self._with_prefixes = {
            anchor: reduce(or_, (anchor_bits.get(anchor[:n], 0) for n in range(1, len(anchor) + 1)))
            for anchor in plain
        }
        self._regex = re.compile("(?=(" + trie_regex(plain) + "))") if plain else None
        self._cache: dict[str, int] = {}

    def _word_bits(self, word: str) -> int:
        bits = self._cache.get(word)
        if bits is None:
            bits = 0
            if self._regex is not None:
                with_prefixes = self._with_prefixes
                for longest in set(self._regex.findall(f" {word} ")):
                    bits |= with_prefixes[longest]
            if len(word) <= self._CACHE_MAX_LENGTH:
                if len(self._cache) >= self._CACHE_SIZE:
                    self._cache.clear()
                self._cache[word] = bits
        return bits

    def ready(self, norm: str, words: Collection[str]) -> int:
        """The spacer bits of every matcher that can match ``norm``; ``words`` are its words."""
        masks = list(map(self._cache.get, words))
        if None in masks:
            masks = [self._word_bits(w) if m is None else m for w, m in zip(words, masks, strict=True)]
        bits = reduce(or_, masks, 0)
        for anchor, anchor_bits in self._spaced:
            if anchor in norm:
                bits |= anchor_bits
        return (bits + self._lowest) & self._spacers

    def listed(self, ready: int) -> list[int]:
        """Numbers of the listed matchers whose spacer bit is set in ``ready``, in order.

        The set bits are found a byte at a time: shifting and masking an
        integer of thousands of bits once per match costs more.
        """
        found: list[int] = []
        data = (ready & self._listed_mask).to_bytes(self._listed_bytes, "little")
        find = data.translate(_NONZERO_BYTE).find
        bit_matcher, add = self._bit_matcher, found.append
        at = find(1)
        while at != -1:
            base = at * 8
            for bit in _BITS_OF_BYTE[data[at]]:
                add(bit_matcher[base + bit])
            at = find(1, at + 1)
        return found

    def has(self, ready: int, number: int) -> bool:
        """Whether matcher ``number`` can match the text ``ready`` was worked out for."""
        return bool(ready >> self._spacer_bit[number] & 1)


# every non-zero byte becomes 1, so ``bytes.find(1)`` finds the next non-zero byte
_NONZERO_BYTE = bytes([0] + [1] * 255)
_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


@dataclass(frozen=True)
class RequiresPossible:
    """Which ``requires`` matchers can match one text, asked one at a time."""

    index: MatcherIndex
    ready: int

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.index.has(self.ready, number)


@dataclass(frozen=True)
class Possible:
    """What can match one normalised text; nothing else needs to be tried."""

    entries: list[int]
    idioms: list[int]
    immediate: bool
    requires: RequiresPossible


@dataclass(frozen=True)
class Lexicon:
    """All compiled safeguarding data."""

    entries: tuple[CompiledEntry, ...]
    idioms: tuple[CompiledEntry, ...]
    categories: Mapping[str, Category]
    immediacy: Matcher | None
    index: MatcherIndex = field(init=False, repr=False, compare=False)
    # for each entry, the matcher numbers of its ``requires`` phrases
    requires_numbers: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    # for each entry: its category, the rank of its level, itself, its requires phrases
    # with their matcher numbers, and its regex's search (what ``hits`` needs, looked up once)
    tried: tuple[
        tuple[
            str, int, CompiledEntry, tuple[tuple[Matcher, int], ...], Callable[[str], re.Match[str] | None]
        ],
        ...,
    ] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        matchers = [c.matcher for c in self.entries] + [c.matcher for c in self.idioms]
        if self.immediacy is not None:
            matchers.append(self.immediacy)
        requires_numbers: list[tuple[int, ...]] = []
        for compiled in self.entries:
            requires_numbers.append(tuple(range(len(matchers), len(matchers) + len(compiled.requires))))
            matchers.extend(compiled.requires)
        n_fixed = len(self.entries) + len(self.idioms) + (self.immediacy is not None)
        object.__setattr__(self, "index", MatcherIndex(matchers, listed=n_fixed))
        object.__setattr__(self, "requires_numbers", tuple(requires_numbers))
        tried = tuple(
            (
                c.entry.category,
                LEVEL_RANK[c.entry.level],
                c,
                tuple(zip(c.requires, numbers, strict=True)),
                c.matcher.regex.search,
            )
            for c, numbers in zip(self.entries, requires_numbers, strict=True)
        )
        object.__setattr__(self, "tried", tried)

    def possible(self, norm: str, words: Collection[str] | None = None) -> Possible:
        """What can match ``norm`` (pass its set of words if known)."""
        ready = self.index.ready(norm, set(norm.split()) if words is None else words)
        numbers = self.index.listed(ready)
        n_entries, n_idioms = len(self.entries), len(self.idioms)
        entries_end = bisect_left(numbers, n_entries)
        idioms_end = bisect_left(numbers, n_entries + n_idioms, entries_end)
        return Possible(
            entries=numbers[:entries_end],
            idioms=[n - n_entries for n in numbers[entries_end:idioms_end]],
            immediate=len(numbers) > idioms_end,  # the immediacy matcher is listed last
            requires=RequiresPossible(self.index, ready),
        )

    def idiom_spans(self, norm: str, possible: Possible) -> list[IdiomSpan]:
        spans: list[IdiomSpan] = []
        for i in possible.idioms:
            entry = self.idioms[i].entry
            for match in self.idioms[i].matcher.regex.finditer(norm):
                spans.append((match.start() + 1, match.end(), entry.effect, entry.only))
        return spans

    def hits(
        self, norm: str, idioms: list[IdiomSpan] | None, possible: Possible, immediate: bool = False
    ) -> list[tuple[Hit, str]]:
        """Return (hit, effect) pairs; effect is "" or "downgrade".

        An entry is not tried once its category already has a hit at its level or higher:
        it could not change the level, only add a second reason for the same thing. When
        the text says it is happening now (``immediate``), a concern entry of a category
        that escalates counts as urgent, since that is what its hit will become.

        ``idioms`` are the text's idiom spans (:meth:`idiom_spans`); ``None`` means they are
        worked out here, only once some entry has matched (on most texts none does). An
        entry with ``requires`` phrases none of which can match (no anchors) is not tried:
        it could not hit.
        """
        found: list[tuple[Hit, str]] = []
        best: dict[str, int] = {}  # category -> rank of its strongest hit so far
        best_get, tried = best.get, self.tried
        categories = self.categories
        can_require = possible.requires
        for i in possible.entries:
            category, rank, compiled, requires, search = tried[i]
            if immediate and rank == _CONCERN_RANK and categories[category].escalate_when_immediate:
                rank = _URGENT_RANK
            if best_get(category, 0) >= rank:
                continue
            if requires and not any(number in can_require for _, number in requires):
                continue  # _first_hit would find no requires phrase: no hit
            match = search(norm)
            if match is None:
                continue  # most entries tried: no need to call _first_hit
            if idioms is None:
                idioms = self.idiom_spans(norm, possible)
            hit = _first_hit(compiled, norm, idioms, requires, can_require, match)
            if hit is not None:
                found.append(hit)
                strength = _CONCERN_RANK if hit[1] == "downgrade" else rank
                best[category] = max(best_get(category, 0), strength)
        return found

    def is_immediate(self, norm: str, possible: Possible) -> re.Match[str] | None:
        if self.immediacy is None or not possible.immediate:
            return None
        first = self.immediacy.regex.search(norm)
        if first is None or not _CALM_HINT.search(norm):
            return first
        calm = [(m.start(), m.end()) for m in _CALM_NOW.finditer(norm)]
        if not calm:
            return first
        for match in self.immediacy.regex.finditer(norm):
            word = match.group(0).strip()
            start = norm.index(word, match.start())
            if not any(low <= start and start + len(word) <= high for low, high in calm):
                return match
        return None


#: "now" and Roman Urdu "aaj" where they do not mean the child is at risk now (twelfth round):
#: things are better now ("she's thriving now", "doing much better now"), "it has now been 40
#: weeks", "aaj kal" (these days). Only these words are skipped; any other time word still counts.
#: Thirteenth round: past harm now resolved in any of the five languages ("the police sorted it and
#: I'm doing really well now", "its all sorted now", "he is in prison now", "teraz jest dobrze",
#: "acum sunt bine", "abhi theek hoon", "هلق انا منيح"); never after "not" or "never" ("i do not feel
#: safe now"), and a state that is not good ("now im scared") is not calm.
_ADVERB = (
    r"(?:(?:so|much|way|really|a lot|loads|lots|very|a bit|a little|pretty|super|totally|completely|all|"
    r"fully|far|even|quite|properly|absolutely|definitely) ){0,3}"
)
_GOOD = (
    r"(?:well|better|great|good|fine|okay|alright|all right|happy|happier|settled|safe|safer|sorted|"
    r"recovered|thriving|brilliant|amazing|fab|grand|content|calm|calmer|stronger|confident|"
    r"in a (?:good|better|great|much better|happy|happier|safe|safer|nice) place|on track|back on track|"
    r"back to normal|over it|moving on|moved on)"
)
_GOOD_AND = rf"{_ADVERB}{_GOOD}(?: and {_ADVERB}{_GOOD})?"
_WHO = (
    r"(?:i am|we are|were|she is|he is|they are|it is|its|everythings|everything is|things are|all is|"
    r"life is|i|we|she|he|they|everything|things|it)"
)
_STATE = r"(?:doing|getting on|coping|feeling|feel|feels|going|getting|keeping|living|seem|seems|looking)"
_OVER = (
    r"(?:(?:it is|its|it has|it has been|that is|thats|everything is|everythings|it all|all|everything|"
    r"things are|he is|she is|they are) (?:all |been |got |now |all been )?(?:sorted|sorted out|dealt with|"
    r"resolved|over|stopped|finished|in the past|behind (?:me|us|her|him|them)))"
)
_JAILED = r"(?:in prison|in jail|locked up|behind bars|in custody|in a young offenders)"
_NOT_BEFORE = r"(?<!not )(?<!never )(?<!longer )(?<!no )"
_CALM_NOW = re.compile(
    r"(?<= )(?:(?:thriving|better|happier|settled|recovered|much happier|doing well|doing great) now"
    r"|now (?:thriving|doing (?:so |much |way |really |a lot )?(?:better|well|great)|much better|a lot better"
    r"|happier|settled|recovered)"
    r"|(?:has|have|had|it s|its|it has|it is|that s|thats|that is) now been|aaj kal|aj kal|اج کل"
    # English: "doing really well now", "i am fine now", "now i feel much better", "its all sorted now"
    rf"|{_NOT_BEFORE}(?:{_STATE}|{_WHO}) {_GOOD_AND} now"
    rf"|now (?:{_WHO} )?(?:{_STATE} )?{_GOOD_AND}"
    rf"|{_NOT_BEFORE}{_OVER} now|now {_OVER}"
    rf"|{_NOT_BEFORE}{_JAILED} now|now (?:he is|she is|they are|hes|shes|he s|she s) {_JAILED}"
    # Polish: "teraz jest dobrze", "teraz wszystko with porzadku", "czuje sie teraz lepiej"
    r"|(?:teraz|obecnie|aktualnie) (?:(?:juz|jest|wszystko|czuje sie|czujemy sie|mam sie|mamy sie|jestem|"
    r"jestesmy|jest mi|jest nam|u nas|u mnie|bardzo|o wiele|duzo|znacznie|naprawde|calkiem) ){0,3}"
    r"(?:dobrze|lepiej|ok|okay|okej|with porzadku|bezpieczn[^ ]*|szczesliw[^ ]*|spokoj[^ ]*|spokojnie|super)"
    r"|(?:jest|jestem|jestesmy|czuje sie|mam sie) (?:juz )?teraz (?:juz )?(?:bardzo |o wiele |duzo )?"
    r"(?:dobrze|lepiej|ok|okay|okej|with porzadku|bezpieczn[^ ]*|szczesliw[^ ]*|spokoj[^ ]*)"
    # Romanian ("acum sunt" and "sunt acum" mean now): "acum sunt bine", "sunt acum în siguranță"
    r"|(?:acum sunt|sunt acum) (?:(?:mult|foarte|mai|din nou|deja|bine si) ){0,3}"
    r"(?:bine|ok|okay|fericit[^ ]*|linistit[^ ]*|in siguranta|ferit[^ ]*|mai bine)"
    # Urdu: "abhi main theek hoon", "ابھی سب ٹھیک ہے"
    r"|(?:abhi|abi|abhe|aaj|aj|ابهي|اج) (?:(?:main|mai|mein|hum|sab|sab kuch|wo|woh|bilkul|kaafi|bohat|bahut|"
    r"pehle se|ميں|هم|سب|وه|بالکل|کافي) ){0,3}(?:theek|thik|tik|behtar|khush|mehfooz|safe|fine|okay|ٹهيک|"
    r"بهتر|خوش|محفوظ)"
    # Arabic and Arabizi: "هلق انا منيح", "الحين كل شي تمام", "halla2 ana mni7"
    r"|و?(?:هلق|هلا|الحين|الان|دلوقتي|هسه|دابا|اليوم) (?:(?:انا|احنا|هو|هي|کل شي|کلشي|الحمد لله|الحمدلله|"
    r"الوضع|صرت|صار|صارت|صرنا|بس) ){0,3}(?:منيح|منيحه|منيحين|بخير|تمام|کويس|کويسه|کويسين|احسن|مرتاح|"
    r"مرتاحه|بامان|امان|زين|زينه|مليح|مليحه|مبسوط|مبسوطه)"
    r"|(?:halla2|hala2|l7in|delwa2ti|daba) "
    r"(?:(?:ana|e7na|kelshi|kolshi|kello|el 7amdella|alhamdulillah) ){0,2}"
    r"(?:mni7|mnee7|mni7a|tamam|kwayes|kwayyes|kwayesa|mabsout|mabsoota|bkheir|bi5eir|a7san|zen)"
    r")(?= )"
)
_CALM_HINT = re.compile(
    " (?:now|aaj|aj|اج|teraz|obecnie|aktualnie|acum|abhi|abi|abhe|ابهي|هلق|هلا|وهلا|الحين|الان|دلوقتي|هسه|"
    "دابا|اليوم|halla2|hala2|l7in|delwa2ti|daba) "
)
_CONCERN_RANK = LEVEL_RANK["concern"]
_URGENT_RANK = LEVEL_RANK["urgent"]


def _first_hit(
    compiled: CompiledEntry,
    norm: str,
    idioms: list[IdiomSpan],
    requires: tuple[tuple[Matcher, int], ...],
    can_match: Container[int],
    match: re.Match[str] | None,
) -> tuple[Hit, str] | None:
    """The first match of an entry not covered by an ignoring idiom.

    After a match an idiom covers, the search goes on from the next word, not from the
    match's end: a match that starts in a safe phrase must not hide words after it ("ill
    kill my sister if she takes my phone, she keeps hitting me"). A match an idiom only lowers
    ("downgrade") is returned, lowered, only when no later match is left uncovered (sixteenth
    round: "my friend says she cuts herself" must not hide "and i cut myself too").

    ``requires`` pairs the entry's ``requires`` phrases with their matcher numbers; one
    of them must match, if the entry has any. Only those in ``can_match`` are tried,
    and only once the entry itself has matched (most entries tried do not).

    ``match`` is the entry's first match (``regex.search(norm)``), already found.
    """
    category = compiled.entry.category
    regex = compiled.matcher.regex
    softened: tuple[int, int] | None = None  # the first match an idiom only lowers
    while match is not None:
        start, end = match.span()
        if not compiled.entry.is_pattern:
            start += 1
        effect = ""
        for i_start, i_end, i_effect, i_only in idioms:
            if i_start < end and start < i_end and (not i_only or category in i_only):
                effect = i_effect
                if i_effect == "ignore":
                    break
        if effect:
            # sixteenth round: a lowered match must not hide a later one no idiom covers
            # ("my friend says she cuts herself ... i cut myself too")
            if effect == "downgrade" and softened is None:
                softened = (start, end)
            match = regex.search(norm, match.start() + 1)
            continue
        if requires and not any(r.regex.search(norm) for r, number in requires if number in can_match):
            return None
        return Hit(compiled.entry, start, end, norm[start:end].strip()), effect
    if softened is None:
        return None
    if requires and not any(r.regex.search(norm) for r, number in requires if number in can_match):
        return None
    start, end = softened
    return Hit(compiled.entry, start, end, norm[start:end].strip()), "downgrade"


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
    # Urgent entries first: once a category has an urgent hit, none of its other entries
    # can change the level, so they are not tried (``Lexicon.hits``).
    entries.sort(key=lambda compiled: -LEVEL_RANK[compiled.entry.level])
    idioms = _load_file(IDIOMS_FILE, idiom=True)
    return Lexicon(tuple(entries), tuple(idioms), categories, immediacy)
