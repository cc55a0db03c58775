"""Thirteenth round (2026-11-24): four known faults, in wordings of our own and in each language
where the fault could apply.

* Past harm now resolved ("groomed two years ago ... doing really well now") is a ``concern``, never
  ``urgent`` and never ``none``: "now" that says things are better does not mean "at risk now".
* Damp, mould, leaks and repairs alone are a housing matter (``none``); when the text says a child is
  made ill by them it is a ``concern`` (``neglect``), never ``urgent``.
* Romanian "mă" (me), Polish "ma" (has) and Arabizi "ma" are not read as English "ma" (mum); English
  "ma" beside English words still is ("ma boyfriend hits me").
* Polish and Romanian stems that matched everyday English words ("dus*" in "go dust", "sińce na" in
  "since na", "viol*" in "violin", "tat*" and "star*" in "tattoo" and "started") are written out, and
  the Polish and Romanian disclosures they were for are still caught.
* Kinds the second opinion alone had caught, now in the word lists so that retraining keeps them.
"""

from __future__ import annotations

import pytest

from voice.screening import screen
from voice.screening.normalise import normalise

# --------------------------------------------------------------------------- past harm now resolved

RESOLVED: list[tuple[str, str]] = [
    ("en", "I was groomed online two years ago but the police sorted it and I'm doing really well now"),
    ("en", "got groomed on snap in year 7, the police dealt with it and im fine now"),
    ("en", "someone groomed me online when i was 12 but its all sorted now and im okay"),
    ("en", "a man groomed me on a game in 2022. he is in prison now and i am getting on really well"),
    ("en", "two years ago i was groomed, now i feel much better and safer"),
    ("en", "i used to self harm but with camhs help im in a good place now"),
    ("en", "my daughter was groomed last year. now shes safe and happy"),
    ("pl", "rok temu ktoś mnie uwodził w internecie, policja to załatwiła i teraz jest dobrze"),
    ("pl", "rok temu uciekłam z domu, teraz wszystko jest w porządku"),
    ("ro", "anul trecut am fugit de acasă, dar acum sunt bine și locuiesc cu bunica"),
    ("ur", "pichle saal ek aadmi online mujhe groom kar raha tha, police ne pakra, abhi main theek hoon"),
    ("ur", "pichle saal ghar se bhaag gaya tha, abhi sab theek hai"),
    ("ar", "kan fi wa7ed fel le3be bis2alni wein saken, halla2 ana mni7"),
]


@pytest.mark.parametrize(("locale", "text"), RESOLVED)
def test_past_harm_now_resolved_is_a_concern_not_urgent(locale: str, text: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "concern", result.reasons
    assert not any("'now'" in reason or "+ '" in reason for reason in result.reasons), result.reasons


STILL_NOW: list[tuple[str, str]] = [
    # "now" that is not about things being better still raises a concern to urgent
    ("en", "he groomed me and now he wants to meet me tonight"),
    ("en", "i used to be groomed online but now im not okay again"),
    ("en", "i was groomed but i do not feel safe now"),
    ("en", "he groomed me, hes not in prison now and he found me"),
    ("pl", "ktoś mnie uwodził w internecie i teraz pisze znowu"),
    ("ro", "anul trecut am fugit de acasă și acum sunt singură pe stradă"),
    ("ur", "pichle saal ghar se bhaag gaya tha, abhi phir bhaagna chahta hoon"),
    ("ar", "kan fi wa7ed fel le3be bis2alni wein saken, halla2 3am yeb3atli kamen"),
]


@pytest.mark.parametrize(("locale", "text"), STILL_NOW)
def test_harm_happening_now_stays_urgent(locale: str, text: str) -> None:
    assert screen(text, locale=locale).level == "urgent", screen(text).reasons


# --------------------------------------------------------------------------- housing

PLAIN_REPAIRS: list[tuple[str, str]] = [
    ("en", "there is mould in our flat and the landlord won't fix it"),
    ("en", "our flat is damp and the landlord wont do repairs"),
    ("en", "the landlord refuses to fix the leaking roof, water drips into the hallway"),
    ("en", "the ceiling in the bathroom is mouldy and nobody will fix it"),
    ("en", "we keep reporting the mould behind the wardrobe but the council dont care"),
    ("en", "there's mould on the walls in my room and it looks gross"),
    ("pl", "w domu jest grzyb na ścianach i właściciel nie chce naprawić"),
    ("pl", "w sypialni jest wilgoć i grzyb, a właściciel mówi że to nasza wina"),
    ("ro", "avem mucegai în baie și proprietarul nu vrea să repare"),
    ("ro", "avem igrasie în dormitor și proprietarul nu face nimic de un an"),
    ("ur", "ghar ki deewaron mein seelan hai aur landlord theek nahi karta"),
    ("ar", "في رطوبة وعفن بالحيطان والمالك ما بدو يصلح"),
]


@pytest.mark.parametrize(("locale", "text"), PLAIN_REPAIRS)
def test_a_plain_repair_complaint_is_not_a_safeguarding_matter(locale: str, text: str) -> None:
    assert screen(text, locale=locale).level == "none", screen(text).reasons


CHILD_MADE_ILL: list[tuple[str, str]] = [
    ("en", "the mould in our flat is making my little brother's asthma worse and the landlord won't fix it"),
    ("en", "my little sister keeps wheezing at night because of the mould in our room"),
    ("en", "the doctor said my brothers chest problems are from the damp in our flat"),
    ("en", "my baby keeps getting chest infections since we moved into this mouldy flat"),
    ("pl", "przez pleśń w pokoju córka ma astmę"),
    ("pl", "córka ciągle choruje przez wilgoć w mieszkaniu"),
    ("ro", "fratele meu tușește toată noaptea din cauza mucegaiului"),
    ("ur", "seelan ki wajah se beti ko har waqt khansi rehti hai"),
    ("ar", "بنتي صارت تمرض كتير من العفن اللي بالغرفة"),
]


@pytest.mark.parametrize(("locale", "text"), CHILD_MADE_ILL)
def test_housing_that_makes_a_child_ill_is_a_concern_at_most(locale: str, text: str) -> None:
    result = screen(text, locale=locale)
    assert result.level == "concern", result.reasons
    assert "neglect" in result.categories, result.reasons


# --------------------------------------------------------------------------- "ma"

NOT_MUM: list[tuple[str, str]] = [
    ("ro", "mă doare capul după ora de sport"),
    ("ro", "mă simt bine azi la școală"),
    ("ro", "mă bucur că am venit la club, mă simt ca acasă"),
    ("ro", "ma uit la meciuri cu tata in fiecare weekend"),
    ("pl", "moja siostra ma 12 lat i chodzi na basen"),
    ("pl", "w naszym parku nie ma ławek"),
]


@pytest.mark.parametrize(("locale", "text"), NOT_MUM)
def test_romanian_and_polish_ma_is_not_a_mother(locale: str, text: str) -> None:
    assert " mum " not in normalise(text)
    assert screen(text, locale=locale).level == "none", screen(text).reasons


ROMANIAN_DISCLOSURES: list[tuple[str, str, str]] = [
    ("mă bate tata", "urgent", "physical_abuse"),
    ("tata mă bate cu cureaua", "urgent", "physical_abuse"),
    ("mă simt singur tot timpul", "concern", "self_harm"),
    ("nu mă lasă să ies din casă", "concern", "feeling_unsafe"),
]


@pytest.mark.parametrize(("text", "level", "category"), ROMANIAN_DISCLOSURES)
def test_romanian_disclosures_with_ma_are_still_found_and_not_about_mum(
    text: str, level: str, category: str
) -> None:
    result = screen(text, locale="ro")
    assert result.level == level, result.reasons
    assert category in result.categories
    assert not any("mum" in reason for reason in result.reasons), result.reasons


ENGLISH_MA: list[str] = [
    "ma boyfriend hits me",
    "me ma hits me",
    "ma hits me when shes drunk",
    "my ma slapped me last night",
    "ma's boyfriend hits me",
]


@pytest.mark.parametrize("text", ENGLISH_MA)
def test_english_ma_is_still_mum(text: str) -> None:
    result = screen(text, locale="en")
    assert result.level == "urgent", result.reasons
    assert "physical_abuse" in result.categories


def test_polish_nie_ma_is_read_as_itself() -> None:
    result = screen("nie ma jedzenia w domu", locale="pl")
    assert result.level == "concern"
    assert "neglect" in result.categories
    assert not any("mum" in reason for reason in result.reasons), result.reasons


# --------------------------------------------------------------------------- stems that matched English

ENGLISH_LOOK_ALIKES: list[str] = [
    "mum asked me to go dust the living room before nan came",
    "we go dusting for fingerprints in forensic science club, my dad loves it",
    "since na it was fine",
    "i started tattoo designs in art and my dad said they're class",
    "i play the violin in the school orchestra and love it",
    "Violet is my best friend and we do drama together",
]


@pytest.mark.parametrize("text", ENGLISH_LOOK_ALIKES)
def test_everyday_english_does_not_match_polish_or_romanian_stems(text: str) -> None:
    assert screen(text, locale="en").level == "none", screen(text).reasons


OTHER_LANGUAGE_KEPT: list[tuple[str, str, str, str]] = [
    ("pl", "ojczym dusi mnie kiedy pije", "urgent", "physical_abuse"),
    ("pl", "tata mnie dusił", "urgent", "physical_abuse"),
    ("pl", "on walnął mnie w twarz", "concern", "physical_abuse"),
    ("pl", "mam sińce na plecach", "concern", "physical_abuse"),
    ("pl", "mama go bije", "urgent", "physical_abuse"),
    ("pl", "stary mnie leje", "urgent", "physical_abuse"),
    ("ro", "a fost un viol", "urgent", "sexual_abuse"),
    ("ro", "m-a violat unchiul", "urgent", "sexual_abuse"),
    ("en", "he violated me", "urgent", "sexual_abuse"),
]


@pytest.mark.parametrize(("locale", "text", "level", "category"), OTHER_LANGUAGE_KEPT)
def test_the_disclosures_the_stems_were_for_are_still_found(
    locale: str, text: str, level: str, category: str
) -> None:
    result = screen(text, locale=locale)
    rank = {"none": 0, "concern": 1, "urgent": 2}
    assert rank[result.level] >= rank[level], result.reasons
    assert category in result.categories, result.reasons


# --------------------------------------------------------------------------- kinds moved to the word lists

WORD_LISTS_NOW: list[tuple[str, str, str]] = [
    ("when my step dad gets angry the belt comes out", "urgent", "physical_abuse"),
    ("my dad leaves us alone all weekend when he goes to his girlfriends", "concern", "neglect"),
    ("the window in my bedroom is smashed and taped up and its freezing at night", "concern", "neglect"),
    (
        "my piano teacher shuts the door when its just us and sits really close, it feels weird",
        "concern",
        "sexual_exploitation",
    ),
    ("i really hate going round my step dads house but mum makes me", "concern", "feeling_unsafe"),
    ("ważę się codziennie i jak przytyję to nie jem obiadu", "concern", "self_harm"),
]


@pytest.mark.parametrize(("text", "level", "category"), WORD_LISTS_NOW)
def test_kinds_the_word_lists_now_find(text: str, level: str, category: str) -> None:
    result = screen(text)
    assert result.level == level, result.reasons
    assert category in result.categories, result.reasons


NOT_THOSE_KINDS: list[str] = [
    "my seat belt comes out of the clip lol",
    "leave me alone all weekend lol i need to revise",
    "the teacher shuts the door cos its noisy",
    "i hate going to my dads at weekends, its boring",
]


@pytest.mark.parametrize("text", NOT_THOSE_KINDS)
def test_look_alikes_of_those_kinds_stay_none(text: str) -> None:
    assert screen(text).level == "none", screen(text).reasons
