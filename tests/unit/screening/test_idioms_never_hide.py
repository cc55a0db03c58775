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


# Set J round (2026-11-23): idioms for staff training and lessons on a topic, advice not to send
# pictures to strangers, a film's plot, bruises from sport, a parent "will kill me" over money spent
# and a friend's joke threat with a fork. A disclosure that shares their words must stay raised.
@pytest.mark.parametrize(
    ("text", "at_least"),
    [
        ("the online safety talk was good but a man online keeps asking me for pics", "urgent"),
        ("the self harm assembly was ok but i have been cutting my arms again", "urgent"),
        ("after the self harm awareness session i realised i self harm every night", "concern"),
        ("we had a lesson on grooming and i think my coach is grooming me", "concern"),
        ("i know not to send pics to strangers but my boyfriend is 25 and he wants nudes", "concern"),
        ("we watched a film about a boy who ran away and i want to run away tonight", "urgent"),
        ("i tell teachers the bruises are from rugby but my dad hits me", "urgent"),
        ("i say my bruises are from football training but they are not", "concern"),
        ("i got bruises from rugby and bruises from my step dad punching me", "urgent"),
        ("my mum is going to kill me for spending the money and she hits me with a belt", "urgent"),
        ("my dad said he will kill me for talking to a boy", "concern"),
        ("my dad stabbed me with a fork", "urgent"),
        (
            "my friend said she'll stab me with her fork if i eat her chips but my uncle touches me at night",
            "urgent",
        ),
        ("my boyfriend strangled me last week because i talked to a lad", "urgent"),
        ("she squeezes my neck when she is angry", "urgent"),
    ],
)
def test_set_j_idioms_never_hide_a_disclosure(text: str, at_least: str) -> None:
    assert LEVEL_RANK[screen(text).level] >= LEVEL_RANK[at_least]


@pytest.mark.parametrize(
    "text",
    [
        "the county lines awareness workshop for parents was useful",
        "could we have a webinar for parents on staying safe online including sextortion",
        "our teacher reminded us not to send pics to people we dont know",
        "we read a book about an orphan who ran away to london",
        "my legs are covered in bruises from hockey",
        "my dad is gonna kill me for losing my new trainers",
        "my brother says hell stab me with his spoon if i touch his pudding",
    ],
)
def test_set_j_harmless_uses_are_not_raised_by_the_word_lists(text: str) -> None:
    from voice.screening.screener import lexicon_level

    assert lexicon_level(text) == "none"
