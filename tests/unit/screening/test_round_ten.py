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


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("mum locks me in my room when she goes out", "concern"),
        ("he locks us in the bedroom for days at a time", "urgent"),
        ("they lock the door from outside so i cant get out", "urgent"),
        ("my stepmum makes me sit outside in the rain when i am naughty", "urgent"),
        ("we get no tea if we answer back", "concern"),
        ("the man next door records me in the shower through the window", "urgent"),
        ("the trainer makes me get changed in his car", "urgent"),
        ("my mums friend sent me rude pictures and said it was a joke", "urgent"),
        ("if i dont let him kiss me he says he will tell everyone lies about me", "urgent"),
        ("a lad at the park buys me vodka and says keep it our secret", "urgent"),
        ("he says come on your own and he gives me presents", "urgent"),
        ("my uncle makes me work in his car wash and i never get paid", "urgent"),
        ("the dinner lady pinched my arm really hard", "urgent"),
        ("the caretaker hit my hand with a ruler", "urgent"),
        ("our foster carer hits us with a slipper", "urgent"),
        ("the coach twisted my arm behind my back", "urgent"),
        ("Jayden hits me pls help", "urgent"),
        ("my brother hits me please help", "urgent"),
    ],
)
def test_harm_told_as_what_happens_is_raised(text: str, level: str) -> None:
    result = screen(text)
    assert result.level == level or (level == "concern" and result.level == "urgent"), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my little sister keeps hitting me with her teddy its so annoying",
        "my brother hit me with a pillow in a pillow fight lol",
        "mr patel said he'd murder us if we didnt hand in homework, hes joking obviously",
        "got kicked out of english for talking, worth it",
        "the coach twisted my arm to make me play in goal and i scored",
        "please help the youth club get more money",
        "we filmed our dance routine in the school hall",
        "our teacher showed us a video about the water cycle",
        "my dad makes me work hard at my maths and it paid off",
    ],
)
def test_play_lessons_pleas_and_praise_stay_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


@pytest.mark.parametrize(
    ("text", "name"),
    [("coach dave keeps messaging me", "coach dave"), ("nurse amy was kind", "nurse amy")],
)
def test_a_known_first_name_after_a_role_title_is_a_name(text: str, name: str) -> None:
    assert names_in(text) == [name]


@pytest.mark.parametrize(
    "text", ["the coach trip was fun", "coach will pick us up", "my pc will not turn on"]
)
def test_an_everyday_word_after_a_role_title_is_not_a_name(text: str) -> None:
    assert names_in(text) == []


@pytest.mark.parametrize(
    "text",
    ["Nobody listens to us", "no one listens to young people", "nobody really listens to what we say"],
)
def test_a_groups_voice_is_not_a_child_alone(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons


@pytest.mark.parametrize("text", ["nobody listens to me", "nobody listens to us and i want to end it"])
def test_a_child_alone_is_still_raised(text: str) -> None:
    assert screen(text).level in {"concern", "urgent"}


@pytest.mark.parametrize(
    "text",
    [
        # Near misses of this round's safe phrases (found by review): each is a disclosure.
        "my dad beat us in the kitchen",
        "dad beats us in our bedroom",
        "my dad beats us on the head",
        "my step dad beats us on our backs with a belt",
        "my dad beat us by the bins",
        "my dad beat us 3 times this week",
        "mum beats us two times a week",
        "my dad hits us up against the wall",
        "dad hits us with a belt for homework",
        "the molvi hits us with a stick for questions we get wrong",
        "sir hits me with a ruler over homework",
        "he says he will kill us and hes not joking",
        "i know he will kill me if i tell, lol im scared",
        "Imran beat us in the park",
    ],
)
def test_near_misses_of_the_safe_phrases_stay_raised(text: str) -> None:
    assert screen(text).level in {"concern", "urgent"}, screen(text).reasons


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("miss price shouted at me", ["miss price"]),
        ("i told miss hope about it", ["miss hope"]),
        ("the teacher miss stone was nice", ["miss stone"]),
        ("we really miss school", []),
        ("i dont miss school", []),
    ],
)
def test_miss_is_a_title_unless_the_word_before_makes_it_the_verb(text: str, names: list[str]) -> None:
    assert names_in(text) == names


def test_not_joking_is_not_a_joke() -> None:
    assert screen("he will kill me, not joking lol").level in {"concern", "urgent"}
