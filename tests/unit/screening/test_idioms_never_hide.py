"""Idioms for harmless uses (a sibling's joke threat, a lesson on a topic, moving house) must
never hide a disclosure that uses the same words. Each text here was hidden by a first draft
of the set I round's idioms."""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.lexicon import LEVEL_RANK


@pytest.mark.parametrize(
    ("text", "at_least"),
    [
        ("my brother strangled me because i borrowed his charger", "urgent"),
        ("my big brother throttled me until i passed out because i used his headphones", "urgent"),
        ("my cousin strangles me when i touch his xbox and i cant breathe", "urgent"),
        ("at school we talked about self harm and i have been doing it every night", "concern"),
        ("in the session we talked about suicide and i think about it every day", "concern"),
        ("nu o sa mai fiu aici cand plecam in vacanta, nu mai pot", "urgent"),
        ("i wont be here after the weekend, going on holiday lol", "concern"),
    ],
)
def test_a_disclosure_in_an_idioms_words_is_still_raised(text: str, at_least: str) -> None:
    assert LEVEL_RANK[screen(text).level] >= LEVEL_RANK[at_least]


@pytest.mark.parametrize(
    "text",
    [
        "in form time we talked about self harm and who to go to",
        "i will not be here after the weekend because we are moving house",
    ],
)
def test_the_harmless_use_is_lowered_to_concern_not_ignored(text: str) -> None:
    result = screen(text)
    assert result.level == "concern" and "(negated or softened, please check)" in result.reasons[0]
