"""Safeguarding levels: text-speak, idioms, negation, languages."""

from __future__ import annotations

import pytest

from voice.screening import screen


@pytest.mark.parametrize(
    "text",
    [
        "i wanna kms tbh",
        "i want to killmyself",
        "i want to kill my self",
        "I WANT TO DIE",
        "i been thinkin about sucide alot, i feel sucidal",
        "my stepdad hits me",
        "my step-dad keeps hitting me",
        "me stepdad batters me when he's had a drink",
        "u wont believe it but my mums bf touches me",
        "he said its our little secret dont tell ur mum",
        "a guy on snap keeps asking me to send pics",
        "they make me carry packages to other towns and say i owe them",
        "my parents are forcing me to marry my cousin in pakistan",
        "im 13 and pregnant",
        "i'm going to run away tonight",
        "im sleeping rough tonight",
    ],
)
def test_urgent(text: str) -> None:
    assert screen(text).level == "urgent", screen(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "i get bullied at school every day coz of my accent",
        "there is no food at home most nights",
        "i look after my mum and i miss school loads",
        "i ran away last month",
        "my boyfriend checks my phone all the time",
        "we are homeless and staying in a hostel",
        "i sometimes feel like a burden",
        "i don't want to kill myself but i think about it",
    ],
)
def test_concern_or_higher(text: str) -> None:
    assert screen(text).level != "none", text


@pytest.mark.parametrize(
    "text",
    [
        "I killed it at football",
        "this game kills me lol",
        "my mum hugs me when i'm sad",
        "we're killing it at netball this season",
        "im dying to go to the concert",
        "my brother beat me at fifa again",
        "hit me up on snap if you want to come",
        "the film really touched me",
        "the buses are always late and the driver is rude",
        "CAMHS waiting lists are too long, I waited 8 months",
        "I don't feel listened to by the council",
        "the youth club is the best thing in chapeltown",
        "we need more free things to do in the holidays",
        "my legs are killing me after pe",
        "i cut myself shaving lol",
    ],
)
def test_none(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result.reasons


@pytest.mark.parametrize(
    ("text", "locale", "level"),
    [
        ("mój tata mnie bije kiedy pije", "pl", "urgent"),
        ("chce sie zabic", "pl", "urgent"),
        ("uciekłam z domu", "pl", "concern"),
        ("mera abbu mujhe marta hai", "ur", "urgent"),
        ("میرا ابو مجھے مارتا ہے", "ur", "urgent"),
        ("meri zabardasti shadi kar rahe hain", "ur", "urgent"),
        ("أبي يضربني كل يوم", "ar", "urgent"),
        ("أريد أن أموت", "ar", "urgent"),
        ("tatăl meu mă bate", "ro", "urgent"),
        ("tatal meu ma bate", "ro", "urgent"),
        ("vreau sa mor", "ro", "urgent"),
        ("nu avem mâncare acasă", "ro", "concern"),
        ("lubię klub młodzieżowy", "pl", "none"),
        ("mujhe youth club bohat pasand hai", "ur", "none"),
        ("أحب النادي الشبابي", "ar", "none"),
        ("îmi place clubul de tineret", "ro", "none"),
    ],
)
def test_languages(text: str, locale: str, level: str) -> None:
    assert screen(text, locale).level == level


def test_locale_is_a_hint_not_a_gate() -> None:
    assert screen("mój tata mnie bije", "en").level == "urgent"
    assert screen("i want to kill myself", "pl").level == "urgent"
    assert screen("mixing: abbu mujhe marta hai and i want to die", "en").level == "urgent"


def test_reasons_are_human_readable() -> None:
    result = screen("i want to kill myself tonight")
    assert result.reasons[0] == "self-harm and suicidal thoughts (urgent): 'kill myself'"
    assert result.categories == ["self_harm"]


def test_immediacy_escalates_concern() -> None:
    assert screen("i ran away").level == "concern"
    assert screen("i ran away and im not going back tonight").level == "urgent"


def test_negation_downgrades_but_still_flags() -> None:
    result = screen("i dont want to kill myself")
    assert result.level == "concern"
    assert "please check" in result.reasons[0]
