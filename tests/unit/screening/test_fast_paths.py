"""The fast paths of screening give exactly the results of the plain versions they replace.

Screening was made faster (bench/screening_speed.py) without changing any
result.  Each test here compares a fast path with a straightforward
reference implementation (the code as it was before), on the development
cases and on generated texts.
"""

from __future__ import annotations

import json
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.screening import pii, scan
from voice.screening.lexicon import (
    _alternation,
    _with_first_letters,
    compile_phrase,
    default_lexicon,
    trie_regex,
)
from voice.screening.normalise import _basic, load_textspeak, normalise, normalise_with_words
from voice.screening.pii import PiiSpan, detector_for, name_data
from voice.screening.scan import TextView, WordScan

CASES = [
    json.loads(line)["text"]
    for line in (Path(__file__).parent / "cases.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
ALL_CHARACTERS = "".join(map(chr, range(sys.maxunicode + 1)))

WORD_SCANS: dict[str, WordScan] = {
    "dob": pii.DOB_SCAN,
    "address": pii.ADDRESS_NO_NUMBER_SCAN,
    "handle": pii.HANDLE_CUE_SCAN,
    "title": pii.TITLE_SCAN,
    "strong": pii.STRONG_CUE_SCAN,
    "weak": pii.WEAK_CUE_SCAN,
    "school": pii.SCHOOL_SUFFIX_SCAN,
}
_institutions = detector_for(("Holy Rosary", "Ark Greenwich"))
assert _institutions.institution_scan is not None
WORD_SCANS["institutions"] = _institutions.institution_scan

FIRST_WORDS = sorted({word for word_scan in WORD_SCANS.values() for word in word_scan.first_words})
PIECES = [
    *FIRST_WORDS,
    *(word.upper() for word in FIRST_WORDS),
    *(word.title() for word in FIRST_WORDS),
    *("my name is ", "i'm ", "I’m ", "call me ", "my best friend ", "my step dad ", "Mr. ", "Dr ", "sign: "),
    *("born on 3rd May", "birthday's the 3 of may", "d.o.b. 03/05", "dob: 3/5", "date of birth 4 june"),
    *("live on Harehills Lane", "moved to Spencer Place", "snap me on ", "insta: ", "tik tok is ", "x: "),
    *("Leeds West Academy", "co-op academy leeds", "Prince Henry's", "Prince Henrys", "Mount St Mary’s"),
    *("St Mary's Catholic Primary School", "C of E High School", "Sixth Form College", "PRU", "Nursery"),
    *("Sarah", "Thompson", "zainab", "Will", "marta", "07700 900123", "LS8 4AB", "QQ123456C", "@kayla_xo"),
    *(
        "jade@example.com",
        "14 Harehills Lane",
        "Flat 2, 7 Spencer Place",
        "flat2 3b",
        "03/05/2011",
        "+44 (0)113",
    ),
    *("0044 7700 900 123", "(0113) 496 0000", "943 476 5919", "3rd May 2011", "May 3, 2011", "BD7", "ls7"),
    *(" ", " ", " ", "  ", "\n", "\t", ".", ",", "!", "'", "’", "-", "_", ":", "@", "+", "(", ")", "/"),
    *(
        "ı",
        "İ",
        "ſ",
        "K",
        "Σ",
        "ß",
        "é",
        "\u0301",
        "\u00a0",
        "٣",
        "ضربني",
        "mă",
        "się",
        "0",
        "7",
        "2011",
        "20",
        "19",
    ),
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.sampled_from(CASES), st.text(max_size=6)), max_size=12
    ).map(" ".join),
    st.text(max_size=200),
)


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in matches]


# ------------------------------------------------------------ character tests
def test_word_character_test_is_the_regex_word_class() -> None:
    expected = set(re.findall(r"\w", ALL_CHARACTERS))
    assert {char for char in ALL_CHARACTERS if scan._is_word_char(char)} == expected


@pytest.mark.parametrize(
    ("haystack", "word", "positions"),
    [
        ("snap", "snap", [0]),  # the whole text: start and end of the string
        ("snap me, snap", "snap", [0, 9]),
        ("snaps unsnap", "snap", []),  # letters either side
        ("snap2 2snap 07700 077001", "snap", []),  # digits are word characters
        ("07700 077001", "07700", [0]),
        ("snap_chat @x_snap", "snap", []),  # so is the underscore, as in the regex \w
        ("sam's o'snap", "sam", [0]),  # an apostrophe is not
        ("o'snap", "snap", [2]),
        ("عليك علي، بعلي", "علي", [5]),  # other scripts: their letters are word characters
        ("łódźka łódź", "łódź", [7]),
        ("x² x", "x", [3]),  # so is a superscript digit
        ("a-a-a", "a-a", [0, 2]),  # occurrences may overlap
        ("me@sam", "@sam", []),  # the character before is checked, whatever the word starts with
    ],
)
def test_whole_word_positions_boundaries(haystack: str, word: str, positions: list[int]) -> None:
    """A word character is what ``\\w`` matches; nothing else bounds a whole word."""
    assert list(scan.whole_word_positions(haystack, word)) == positions


def test_folding_keeps_offsets_and_word_boundaries() -> None:
    word = re.compile(r"\w")
    changed = [char for char in ALL_CHARACTERS if scan.fold_like_ignorecase(char) != char]
    for char in changed:
        folded = scan.fold_like_ignorecase(char)
        assert len(folded) == 1, hex(ord(char))
        assert bool(word.match(folded)) == bool(word.match(char)), hex(ord(char))


@pytest.mark.parametrize("letter", string.ascii_lowercase)
def test_folding_turns_ignorecase_look_alikes_into_the_ascii_letter(letter: str) -> None:
    for char in re.findall(letter, ALL_CHARACTERS, re.IGNORECASE):
        assert scan.fold_like_ignorecase(char) == letter, hex(ord(char))


# ------------------------------------------------------------------ text view
def _check_view(text: str) -> None:
    view = TextView(text)
    tokens = list(scan.TOKEN.finditer(text))
    assert view.tokens == [m.group() for m in tokens]
    assert view.folded_tokens == [pii.fold_word(m.group()) for m in tokens]
    assert [view.token_start(i) for i in range(len(tokens))] == [m.start() for m in tokens]
    assert [view.token_end(i) for i in range(len(tokens))] == [m.end() for m in tokens]
    starts = {m.start(): i for i, m in enumerate(tokens)}
    for offset in range(len(text) + 3):
        assert view.token_at(offset) == starts.get(offset)
        ending = [i for i, m in enumerate(tokens) if m.end() <= offset]
        assert view.last_token_ending_by(offset) == (ending[-1] if ending else -1)
    assert view.words == set(re.findall(r"\w+", view.folded))
    assert view.digit_runs == [m.span() for m in re.finditer(r"\d+", text)]
    assert view.digit_count == len(re.findall(r"\d", text))
    assert view.lower == text.lower()


def test_text_view_matches_whole_text_regexes_on_cases() -> None:
    for text in CASES[:40]:
        _check_view(text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_text_view_matches_whole_text_regexes(text: str) -> None:
    _check_view(text)


# ------------------------------------------------------------------ word scans
def test_word_scans_need_plain_first_words() -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        WordScan(re.compile("x"), frozenset({"Name"}))


def _check_word_scans(text: str) -> None:
    view = TextView(text)
    for name, word_scan in WORD_SCANS.items():
        assert _spans(word_scan.finditer(view)) == _spans(word_scan.regex.finditer(text)), name


def test_word_scans_find_what_finditer_finds_on_cases() -> None:
    for text in CASES:
        _check_word_scans(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_word_scans_find_what_finditer_finds(text: str) -> None:
    _check_word_scans(text)


# ------------------------------------------- detectors against the plain code
def _plain_structured(text: str) -> Iterator[PiiSpan]:
    """_structured before it was made faster: every regex over the whole text."""
    if "@" in text:
        for m in pii.EMAIL.finditer(text):
            yield PiiSpan("email", m.start(), m.end())
    for m in pii.EMAIL_SPELLED.finditer(text):
        if pii.EMAIL.fullmatch(m.group()) is None:
            yield PiiSpan("email", m.start(), m.end())
    if re.search(r"\d", text) is None:
        return
    for m in pii.NHS.finditer(text):
        if pii._nhs_valid("".join(m.groups())):
            yield PiiSpan("nhs_number", m.start(), m.end())
    for m in pii.NHS_CUE.finditer(text):
        yield PiiSpan("nhs_number", m.start(1), m.end(1))
    for m in pii.NI.finditer(text):
        yield PiiSpan("ni_number", m.start(), m.end())
    for m in pii.PHONE.finditer(text):
        yield PiiSpan("phone", m.start(), m.end())
    for m in pii.MOBILE_NO_ZERO.finditer(text):
        yield PiiSpan("phone", m.start(), m.end())
    for start, end in pii._validated(pii._POSTCODE_CAND.finditer(text), pii.POSTCODE, text):
        yield PiiSpan("postcode", start, end)
    for m in pii.POSTCODE_DISTRICT.finditer(text):
        yield PiiSpan("postcode", m.start(), m.end())
    dates = (m for cand in pii._DATE_CANDS for m in cand.finditer(text))
    for start, end in pii._validated(dates, pii.DATE, text):
        yield PiiSpan("date_of_birth", start, end)
    for m in pii.DOB_CUE.finditer(text):
        yield PiiSpan("date_of_birth", m.start(1), m.end(1))


def _plain_handles(text: str) -> Iterator[PiiSpan]:
    for m in pii.HANDLE_AT.finditer(text):
        yield PiiSpan("handle", m.start(), m.end())
    for regex in (pii.HANDLE_UNDERSCORE, pii.HANDLE_TAG):
        for m in regex.finditer(text):
            yield PiiSpan("handle", m.start(), m.end())
    if not any(hint in text.lower() for hint in pii._PLATFORM_HINTS):
        return
    for m in pii.HANDLE_CUE.finditer(text):
        handle = m.group(2).rstrip(".")
        if not handle or pii.fold_word(handle) in name_data().common:
            continue
        if not (any(c.isdigit() or c in "._" for c in handle) or m.group(1).strip()):
            continue
        start = m.start(2) - (1 if m.start(2) > 0 and text[m.start(2) - 1] == "@" else 0)
        yield PiiSpan("handle", start, m.start(2) + len(handle))


def _plain_addresses(text: str) -> Iterator[PiiSpan]:
    for m in pii.ADDRESS.finditer(text):
        yield PiiSpan("address", m.start(), m.end())
    lower = text.lower()
    if "liv" not in lower and "stay" not in lower and "mov" not in lower:
        return
    for m in pii.ADDRESS_NO_NUMBER.finditer(text):
        yield PiiSpan("address", m.start(1), m.end(1))


def _check_detectors(text: str) -> None:
    view = TextView(text)
    assert list(pii._structured(view)) == list(_plain_structured(text))
    assert list(pii._handles(view, name_data().common)) == list(_plain_handles(text))
    assert list(pii._addresses(view)) == list(_plain_addresses(text))


def test_detectors_match_the_plain_code_on_cases() -> None:
    for text in CASES:
        _check_detectors(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_detectors_match_the_plain_code(text: str) -> None:
    _check_detectors(text)


def test_email_window_covers_every_address() -> None:
    text = "x" * 64 + "@example.com and a.b@c.org, then (me@x.co.uk) " + "y" * 65 + "@z.com"
    view = TextView(text)
    found = [s for s in pii._structured(view) if s.kind == "email"]
    assert found == [PiiSpan("email", m.start(), m.end()) for m in pii.EMAIL.finditer(text)]
    assert [text[s.start : s.end] for s in found] == ["x" * 64 + "@example.com", "a.b@c.org", "me@x.co.uk"]


# ---------------------------------------------------------------- normalising
def _plain_normalise(text: str) -> str:
    """normalise before it worked chunk by chunk: the whole text at once."""
    table = load_textspeak()
    tokens = [table.words.get(tok, tok) for tok in _basic(text).split()]
    joined = " " + " ".join(tokens) + " "
    alternation = "|".join(re.escape(p) for p in sorted(table.phrases, key=len, reverse=True))
    return re.sub(f"(?<= )(?:{alternation})(?= )", lambda m: table.phrases[m.group(0)], joined)


NORMALISE_PIECES = [
    *PIECES,
    *("my self", "no body", "kill my self", "step father", "sui cide", "wanna be", "dont", "u", "kms"),
    *("sooo", "DON'T", "don’t", "\u2028", "\x1c", "\u3000", "ﬁ", "ǅ", "가", "\u1100\u1161"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(NORMALISE_PIECES), max_size=30).map("".join),
        st.lists(st.sampled_from(NORMALISE_PIECES), max_size=20).map(" ".join),
        st.text(max_size=100),
    )
)
def test_normalise_matches_the_whole_text_version(text: str) -> None:
    norm, words = normalise_with_words(text)
    assert norm == normalise(text) == _plain_normalise(text)
    assert words == frozenset(norm.split())


def test_normalise_matches_the_whole_text_version_on_cases() -> None:
    for text in CASES:
        assert normalise(text) == _plain_normalise(text), text


# ----------------------------------------------------------- matcher index
def _check_possible(text: str) -> None:
    lexicon = default_lexicon()
    norm = normalise(text)
    possible = lexicon.possible(norm)
    assert possible.entries == [i for i, c in enumerate(lexicon.entries) if c.matcher.candidates(norm)]
    assert possible.idioms == [i for i, c in enumerate(lexicon.idioms) if c.matcher.candidates(norm)]
    assert lexicon.immediacy is not None
    assert possible.immediate == lexicon.immediacy.candidates(norm)
    for compiled, numbers in zip(lexicon.entries, lexicon.requires_numbers, strict=True):
        for required, number in zip(compiled.requires, numbers, strict=True):
            assert (number in possible.requires) == required.candidates(norm)


def test_possible_matchers_are_those_with_every_part_present_on_cases() -> None:
    for text in CASES:
        _check_possible(text)


LEXICON_WORDS = sorted(
    {
        anchor
        for c in default_lexicon().entries + default_lexicon().idioms
        for part in c.matcher.needs
        for anchor in part
    }
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(LEXICON_WORDS), st.sampled_from(LEXICON_WORDS).map(str.upper)), max_size=30
    ).map(" ".join)
)
def test_possible_matchers_are_those_with_every_part_present(text: str) -> None:
    _check_possible(text)


# ------------------------------------------------- merged alternatives, look-aheads
GROUP_WORDS = ["my", "mum", "my mum", "my mums", "mums", "step dad", "step", "dad", "st*", "a b", "ab"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(GROUP_WORDS), min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from(["my", "mum", "mums", "step", "dad", "stay", "a", "b", "ab", "x"]), max_size=8),
)
def test_merged_alternatives_match_where_the_plain_list_does(group: list[str], words: list[str]) -> None:
    """The tree of alternatives finds a match at exactly the places the plain list does."""
    merged = compile_phrase("{g} ... end", {"g": group}).regex
    alternatives = sorted(
        (compile_phrase(item, {}).regex.pattern[1:-5] for item in group), key=len, reverse=True
    )
    plain = re.compile(" (?:" + "|".join(alternatives) + ")(?: [^ ]+){0,6} end(?= )")
    text = " " + " ".join([*words, "end"]) + " "
    assert [m.start() for m in merged.finditer(text)] == [m.start() for m in plain.finditer(text)]
    assert _alternation(["a", "b"]) in ("(?:(?:a|b))", "(?:(?:b|a))")


def test_tries_nest_common_beginnings_in_a_fixed_order() -> None:
    """Anchor words and merged groups share one trie; the regexes they make are pinned."""
    # anchor words: escaped, branches in the order of the characters ("-" before "0")
    assert trie_regex(["ab", "a", "b.c", "-x", "0"]) == r"(?:\-x|0|a(?:b)?|b\.c)"
    assert trie_regex(["my", "mum"]) == "m(?:um|y)"
    assert trie_regex([]) == ""
    # group alternatives: atoms of regex, the longest continuation first
    assert _alternation(["my ?mum", "my ?mums", "my", "my ?dad", "st[^ ]*"]) == (
        "(?:my(?: ?(?:mum(?:s)?|dad))?|st[^ ]*)"
    )


def test_first_letter_look_ahead_only_for_patterns_it_cannot_change() -> None:
    assert _with_first_letters(" (?:i am|only) (?:1[0-5]) ") == " (?=[IOio])(?:i am|only) (?:1[0-5]) "
    for untouched in (" lost (?:my|the) house", " (?:[0-9]+|ten) years", "(?:a|b) c", " (?:a|\\.b) c"):
        assert _with_first_letters(untouched) == untouched
    for pattern in (" (?:i am|she is|only) (?:1[0-5]|ten) ", " (?:do not|can not) see (?:the|any) point"):
        for text in (" i am 12 ", " she is ten ", " only 15 ", " do not see the point ", " xi am 12 "):
            assert bool(re.search(_with_first_letters(pattern), text)) == bool(re.search(pattern, text))
