"""Fifteenth round (2026-11-24): known faults, with nearby texts that must not change.

* Past harm at home that an always-urgent entry matches, now clearly over ("my dad used to hit me
  but we're safe now"), is a ``concern`` (a person still looks), never ``none``; anything present
  or recent in the text keeps it ``urgent`` (``resolved.py``).
* Polish "mam" (I have) is not read as English "mam" (mum); "my mam", "our mam", "mam hits" are.
* Round 14's late nights with cash no longer fire on an adult's night shift or job; a child out
  late, paid in cash or "dropping stuff off", is urgent.
"""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.normalise import normalise

# --------------------------------------------------------------------------- past harm now over

OVER: list[str] = [
    "my dad used to hit me but we're safe now",
    "my stepdad hit me when I was little but he's gone and we're ok now",
    "my dad used to beat me but he's in prison now",
    "my dad used to hit me, he left and we are fine",
    "my dad used to hit me but he doesn't any more and im ok",
    "my dad used to hit me and kick me but he moved out",
    "my step dad used to beat my mum but we moved out and we are safe now",
]


@pytest.mark.parametrize("text", OVER)
def test_past_harm_now_over_is_a_concern(text: str) -> None:
    result = screen(text, locale="en")
    assert result.level == "concern", result.reasons
    assert any("said to be over" in reason for reason in result.reasons), result.reasons


STILL_URGENT: list[str] = [
    # present or recent harm anywhere in the text
    "my dad used to hit me and now he hits my sister",
    "he used to hit me and he started again",
    "my dad hits me, it used to be worse",
    "my dad hits me but we're safe now",
    "my dad used to hit me but we're safe now, he still shouts",
    "my dad used to hit me but we're safe now, my uncle touches me",
    "my dad used to hit me, he left bruises",
    "my dad used to hit me but we're safe now, he comes round sometimes",
    "my dad used to hit me but i thought we were safe",
    "my dad used to hit me and he left last night",
    "my dad used to hit me, he is in prison but he gets out next week and im scared",
    "my dad used to hit me but he left, now he hits my mum when he visits",
    # no clear words that it is over
    "my dad used to hit me",
    "my stepdad hit me when I was little",
    # not harm at home: self-harm and sexual abuse stay urgent
    "i used to want to kill myself but im safe now",
    "my uncle used to touch me but he is in prison now",
]


@pytest.mark.parametrize("text", STILL_URGENT)
def test_present_or_recent_harm_stays_urgent(text: str) -> None:
    result = screen(text, locale="en")
    assert result.level == "urgent", result.reasons


# --------------------------------------------------------------------------- Polish "mam"

POLISH_MAM: list[str] = ["mam zadanie domowe", "nie mam czasu", "mam 12 lat", "mam nadzieję że będzie fajnie"]


@pytest.mark.parametrize("text", POLISH_MAM)
def test_polish_mam_is_not_mum(text: str) -> None:
    assert " mum " not in normalise(text)
    assert screen(text, locale="pl").level == "none"


ENGLISH_MAM: list[tuple[str, str]] = [
    ("my mam hits me", "urgent"),
    ("our mam hits me with the belt", "urgent"),
    ("me mam's boyfriend hit me", "urgent"),
    ("mam hits me when shes drunk", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ENGLISH_MAM)
def test_english_mam_is_still_mum(text: str, level: str) -> None:
    assert screen(text, locale="en").level == level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my mam", " my mum "),
        ("our mam is", " our mum is "),
        ("mam says", " mum says "),
        ("nie mam", " nie mam "),
    ],
)
def test_mam_normalisation(text: str, expected: str) -> None:
    assert normalise(text) == expected


STILL_RAISED_PL: list[str] = [
    # Polish disclosures with "mam" are still caught
    "nie mam gdzie spać",
    "mam dość życia",
    "mam siniaki na plecach od ojczyma",
    "mam 13 lat i jestem w ciąży",
]


@pytest.mark.parametrize("text", STILL_RAISED_PL)
def test_polish_disclosures_with_mam_are_still_raised(text: str) -> None:
    assert screen(text, locale="pl").level != "none"


# --------------------------------------------------------------------------- late nights and cash

ADULT_JOB: list[str] = [
    "my dad gets home at 3am from his shift with cash tips",
    "mum works nights and gets home at 3am",
    "mum works nights at the hospital and gets home at 3am with her tips in cash",
    "my dad gets home at 3am from his shift with loads of cash tips",
    "my uncle drives a taxi and comes home at 2am, he buys us chips",
]


@pytest.mark.parametrize("text", ADULT_JOB)
def test_an_adults_night_shift_is_not_exploitation(text: str) -> None:
    result = screen(text, locale="en")
    # "loads of cash" alone is still a concern (an older entry); the late-nights entries are not read
    assert not any("home at" in reason or "late" in reason for reason in result.reasons), result.reasons
    assert result.level != "urgent", result.reasons


CHILD_LATE: list[str] = [
    "i have to be out till 3am dropping stuff off and they give me cash",
    "my brother comes home at 3am with loads of cash and new trainers",
    "my brother is only 13 but he comes home at 3am with wads of cash and wont say where from",
    "my dad works nights and my brother comes home at 3am with loads of cash",
    "my son keeps getting picked up by older lads and comes back at 4am with money we never gave him",
    "some older lads pick him up in a car and he comes back at 4am with money we never gave him",
    "mum works nights so i am out till 3am dropping stuff off for them and they pay me",
]


@pytest.mark.parametrize("text", CHILD_LATE)
def test_a_child_out_late_with_cash_is_urgent(text: str) -> None:
    result = screen(text, locale="en")
    assert result.level == "urgent", result.reasons
    assert "criminal_exploitation" in result.categories, result.reasons


# --------------------------------------------------------------------------- filmed in the changing rooms


@pytest.mark.parametrize(
    "text",
    [
        "i hate PE cos of the changing rooms, some of them film people and laugh",
        "some girls film us in the changing rooms and send it round",
    ],
)
def test_filming_in_the_changing_rooms_is_a_concern(text: str) -> None:
    assert screen(text, locale="en").level in {"concern", "urgent"}
