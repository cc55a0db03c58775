"""Every data-file entry's example triggers what the entry says."""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.lexicon import LEVEL_RANK, CompiledEntry, default_lexicon
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
    assert sources == {f"lexicon_{lang}.toml" for lang in ("en", "en_concern", "pl", "ur", "ar", "ro")}
