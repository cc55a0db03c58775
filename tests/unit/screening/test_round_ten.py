"""Tenth round: people a child names ("Imran hits me"), violence against "us", roles in charge
of children, and the safe phrases that "us" brings with it (sport, lessons, hyperbole).
Every text here is written for this file."""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.pii import PiiSpan
from voice.screening.screener import NAMED_NOTE, PERSON_WORD, _with_people


@pytest.mark.parametrize(
    "text",
    [
        "Imran hits me",
        "Kacper keeps kicking me on the way home",
        "Mr Okafor slapped me in the corridor",
        "Leanne punches me when no one is looking",
        "Daniel said he will kill me",
        "Priya hurts us when mum goes to work",
    ],
)
def test_a_named_person_is_read_as_a_person(text: str) -> None:
    result = screen(text)
    assert result.level in {"concern", "urgent"}, result.reasons
    assert any(NAMED_NOTE in reason for reason in result.reasons), result.reasons
    assert any(span.kind == "name" for span in result.pii)


def test_a_name_adds_nothing_when_the_words_already_say_it() -> None:
    result = screen("Uncle Bilal beats us with a belt")
    assert result.level == "urgent"
    assert not any(NAMED_NOTE in reason for reason in result.reasons), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Imran is my best friend and we play football after school",
        "Mr Okafor helped us with our project and it was brilliant",
        "Leanne from the youth club runs the cooking on Tuesdays",
        "Kacper beat us at table tennis again",
    ],
)
def test_a_named_person_in_ordinary_feedback_stays_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


def test_names_are_replaced_in_order_and_overlaps_skipped() -> None:
    text = "Ann and Bob hit me"
    spans = [PiiSpan("name", 8, 11), PiiSpan("name", 0, 3), PiiSpan("name", 1, 3)]
    assert _with_people(text, spans) == f"{PERSON_WORD} and {PERSON_WORD} hit me"


@pytest.mark.parametrize(
    "text",
    [
        "he kicks us when nobody is looking",
        "they hit us at home",
        "she slaps us if we are loud",
        "my step brother punches us",
    ],
)
def test_violence_against_us_is_raised(text: str) -> None:
    assert screen(text).level in {"concern", "urgent"}, screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the molvi hits us with a stick at mosque",
        "the qari sahib beats us if we get the words wrong",
        "our tutor slaps me when i get it wrong",
        "the coach kicks us in the legs when we lose",
    ],
)
def test_a_hit_from_an_adult_in_charge_is_urgent(text: str) -> None:
    assert screen(text).level == "urgent", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "they beat us 3-0 in the final",
        "we lost, they beat us easily",
        "the other school beat us on penalties",
        "the teacher kicked us out of the class for laughing",
        "miss hit us with loads of homework this week",
        "sir hit us with a surprise test",
        "the news about the club closing hit us hard",
        "my teacher said shes gonna kill us if we talk during the test again lol",
    ],
)
def test_sport_lessons_and_hyperbole_stay_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "he said he will kill me",
        "she keeps saying she will kill us if we go out",
        "my teacher hit us with a ruler",
    ],
)
def test_threats_and_hits_without_a_safe_phrase_stay_raised(text: str) -> None:
    assert screen(text).level in {"concern", "urgent"}, screen(text).reasons


def names_in(text: str) -> list[str]:
    return [text[span.start : span.end] for span in screen(text).pii if span.kind == "name"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("miss hit me with a ruler", []),
        ("Sir hits us when we talk", []),
        ("sir told me off", []),
        ("Miss Jones hit me", ["Miss Jones"]),
        ("mr brown shouted at us", ["mr brown"]),
        ("Mrs Rose runs the club", ["Mrs Rose"]),
        ("mr khan is kind", ["mr khan"]),
    ],
)
def test_a_title_before_an_everyday_word_is_not_a_name(text: str, names: list[str]) -> None:
    assert names_in(text) == names
