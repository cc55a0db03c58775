"""Every data-file entry's example triggers what the entry says."""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.lexicon import (
    LEVEL_RANK,
    LEXICON_FILES,
    Category,
    CompiledEntry,
    Entry,
    IdiomSpan,
    Level,
    Lexicon,
    compile_phrase,
    default_lexicon,
)
from voice.screening.normalise import normalise

LEXICON = default_lexicon()


def _entry_id(compiled: CompiledEntry) -> str:
    return f"{compiled.entry.source}:{compiled.entry.text}"


@pytest.mark.parametrize("compiled", LEXICON.entries, ids=_entry_id)
def test_every_entry_example_triggers_its_category_and_level(compiled: CompiledEntry) -> None:
    entry = compiled.entry
    norm = normalise(entry.example)
    assert compiled.matcher.search(norm) is not None, f"phrase does not match its example: {norm!r}"
    result = screen(entry.example)
    assert entry.category in result.categories, result.reasons
    assert LEVEL_RANK[result.level] >= LEVEL_RANK[entry.level], result.reasons
    assert any(reason.startswith(LEXICON.categories[entry.category].label) for reason in result.reasons)


@pytest.mark.parametrize("compiled", LEXICON.idioms, ids=_entry_id)
def test_every_idiom_example_matches_the_idiom(compiled: CompiledEntry) -> None:
    assert compiled.matcher.search(normalise(compiled.entry.example)) is not None


def test_categories_cover_the_issue() -> None:
    wanted = {
        "physical_abuse",
        "sexual_abuse",
        "emotional_abuse",
        "neglect",
        "self_harm",
        "criminal_exploitation",
        "sexual_exploitation",
        "domestic_abuse",
        "forced_marriage",
        "missing",
        "homelessness",
        "bullying_hate",
        "young_carer",
        "child_pregnancy",
    }
    assert wanted <= set(LEXICON.categories)
    used = {c.entry.category for c in LEXICON.entries}
    assert wanted <= used


def test_every_language_has_a_lexicon() -> None:
    sources = {c.entry.source for c in LEXICON.entries}
    assert {f"lexicon_{lang}.toml" for lang in ("en", "pl", "ur", "ar", "ro")} <= sources
    assert sources == set(LEXICON_FILES)


def _tiny_lexicon() -> Lexicon:
    def entry(phrase: str, level: Level) -> CompiledEntry:
        written = Entry("t", phrase, False, "abuse", level, phrase)
        return CompiledEntry(written, compile_phrase(phrase, {}), ())

    categories = {"abuse": Category("abuse", "abuse", escalate_when_immediate=True)}
    entries = (entry("hits me", "urgent"), entry("scared of him", "concern"))
    return Lexicon(entries, (), categories, compile_phrase("right now", {}))


def test_a_category_with_an_urgent_hit_skips_its_other_entries() -> None:
    lexicon = _tiny_lexicon()
    norm = normalise("he hits me and i am scared of him")
    found = lexicon.hits(norm, [], lexicon.possible(norm))
    assert [hit.matched for hit, _effect in found] == ["hits me"]


def test_an_escalating_concern_entry_is_tried_after_a_softened_urgent_hit() -> None:
    lexicon = _tiny_lexicon()
    norm = normalise("he hits me i mean no not really but i am scared of him right now")
    softened: list[IdiomSpan] = [(norm.index("hits"), norm.index("hits") + 7, "downgrade", ())]
    possible = lexicon.possible(norm)
    without_now = lexicon.hits(norm, softened, possible)
    assert [(hit.matched, effect) for hit, effect in without_now] == [("hits me", "downgrade")]
    with_now = lexicon.hits(norm, softened, possible, immediate=True)
    expected = [("hits me", "downgrade"), ("scared of him", "")]
    assert [(hit.matched, effect) for hit, effect in with_now] == expected
