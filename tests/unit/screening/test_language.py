"""The language check: text screening cannot read is raised for a person to read, text it can
read is left alone, and the packaged word lists are what ``vocabulary.py`` makes."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.screening.language import (
    OTHER_ARABIC_SCRIPT,
    SCREENED_LANGUAGES,
    UNKNOWN,
    VOCABULARY,
    LanguageCheck,
    Unread,
    default_language_check,
    language_name,
    read_word_file,
)
from voice.screening.normalise import _basic, fold_words
from voice.screening.screener import LANGUAGE_CATEGORY, Screener
from voice.screening.training import TRAINING_DIR
from voice.screening.vocabulary import OTHER_LANGUAGES, OTHER_WORDS, SCREENED_WORDS, build, folded

CASES = Path(__file__).parent / "cases.jsonl"


def unread(text: str) -> Unread | None:
    return default_language_check().unread(text)


# --- with the packaged lists ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Мій тато б'є мене, коли він п'яний", "Cyrillic"),
        ("मेरे पापा मुझे हर रात मारते हैं", "Devanagari"),
        ("আমার বাবা আমাকে মারে", "Bengali"),
        ("我爸爸每天晚上都打我", "Chinese"),
        ("አባቴ ሁልጊዜ ይመታኛል", "Ethiopic"),
        ("ο πατέρας μου με χτυπάει", "Greek"),
    ],
)
def test_text_in_another_script_is_unread(text: str, script: str) -> None:
    assert unread(text) == Unread(f"written in {script} script")


@pytest.mark.parametrize(
    ("text", "name"),
    [("お父さんが毎晩私を殴ります", "Japanese"), ("아빠가 매일 밤 나를 때려요", "Korean")],
)
def test_scripts_are_named_as_a_moderator_knows_them(text: str, name: str) -> None:
    assert unread(text) == Unread(f"written in {name} script")


@pytest.mark.parametrize("text", ["Привет", "谢谢你", "ありがとう"])
def test_a_word_or_two_in_another_script_is_too_little_to_tell(text: str) -> None:
    assert unread(text) is None


@pytest.mark.parametrize(
    "text", ["𝓶𝔂 𝓭𝓪𝓭 𝓱𝓲𝓽𝓼 𝓶𝓮 𝓮𝓿𝓮𝓻𝔂 𝓷𝓲𝓰𝓱𝓽", "ｍｙ ｄａｄ ｈｉｔｓ ｍｅ ｅｖｅｒｙ ｎｉｇｈｔ"]
)
def test_fancy_and_full_width_latin_letters_are_latin(text: str) -> None:
    assert unread(text) is None


def test_a_few_words_in_another_script_inside_english_are_read() -> None:
    assert unread("my nan calls me солнышко and it is the best thing ever") is None


@pytest.mark.parametrize(
    "text",
    [
        "پلار مې هره شپه ما وهي او زه ډاریږم",  # Pashto
        "باوکم هەموو ڕۆژێک لێم دەدات",  # Sorani Kurdish
    ],
)
def test_arabic_script_languages_other_than_arabic_and_urdu_are_unread(text: str) -> None:
    assert unread(text) == OTHER_ARABIC_SCRIPT


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("پدرم هر شب مرا می زند و من می ترسم به خانه بروم", "Persian"),
        ("o meu padrasto bate-me quando a minha mãe não está em casa", "Portuguese"),
        ("mi padre me pega cuando bebe y tengo miedo de volver a casa", "Spanish"),
        ("okulda herkes benimle dalga geçiyor ve kimse yardım etmiyor", "Turkish"),
        ("tėtis mane muša kai būna girtas ir aš bijau grįžti namo", "Lithuanian"),
        ("Meu Padrasto Bate-Me Quando A Minha Mãe Não Está Em Casa", "Portuguese"),  # Title Case
        ("Der Bus Kommt Immer Zu Spät Und Die Lehrer Hören Nicht Zu", "German"),
        # Times and ordinals are not Arabizi (3ala, 7elo), so they do not make it read.
        ("o meu padrasto bate-me todos os dias às 7pm e às 9pm quando a mãe não está", "Portuguese"),
    ],
)
def test_text_that_looks_like_another_language_names_it(text: str, language: str) -> None:
    assert unread(text) == Unread(f"looks like {language}")


@pytest.mark.parametrize(
    "text",
    [
        "aabahay wuu i garaacaa markasta oo aan guriga imaado",  # Somali: no list, few known words
        "baba yangu ananipiga kila siku na sitaki kurudi nyumbani",  # Swahili
    ],
)
def test_text_in_a_language_without_a_list_is_unread(text: str) -> None:
    assert unread(text) == UNKNOWN


@pytest.mark.parametrize(
    "text",
    [
        "wagwan the youth club is peak innit, bare man dont go no more",
        "wen i go hom ma dad shouts evry nite n i cant sleep",
        "Primark, JD, Five Guys, Selly Oak and Northfield",
        "mama nie pozwala mi wychodzic z domu po szkole",  # Polish without its accents
        "tata bea in fiecare seara si tipa la mama",  # Romanian without its accents
        "mera abbu mujhe roz marta hai aur ammi kuch nahi kehti",  # Roman Urdu
        "mjhe skool jana acha nai lagta kyunke sab mera mazak uraate hain",
        "baba byeshrab kteer bel lel w mama bt2ol ma n2ol la 7ada",  # Arabizi
        "ابوي يضربني كل يوم وما اقدر اقول لاحد",  # Gulf Arabic
        "میرے ابو مجھے روز مارتے ہیں اور امی کچھ نہیں کہتیں",  # Urdu
        "the bus is always late 😤😤",
        "i am in year9 and the bus at 7pm is always late, the 5th time this week",
        "Bullring, Selfridges, Cineworld, Starbucks and Greggs",
    ],
)
def test_hard_text_in_the_languages_screening_reads_is_read(text: str) -> None:
    assert unread(text) is None


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "😀😀", "obrigado", "merci beaucoup"])
def test_too_little_to_tell_is_never_marked(text: str) -> None:
    assert unread(text) is None


def _labelled_texts() -> list[tuple[str, str]]:
    texts = []
    for path in [*sorted(TRAINING_DIR.glob("*.jsonl")), CASES]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                texts.append((path.name, case["text"]))
    return texts


def test_no_labelled_text_in_the_five_languages_is_marked_unread() -> None:
    """Every training text and test case (over 6,000 texts written in the languages screening reads,
    including Roman Urdu, Arabizi and text-speak) is read."""
    texts = _labelled_texts()
    assert len(texts) > 6000
    marked = [(name, text) for name, text in texts if unread(text) is not None]
    assert marked == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ ł'’-éñ\u00a0\n7مہ😀Ж")), max_size=40))
def test_fold_words_gives_the_words_of_the_whole_text_folded(text: str) -> None:
    assert fold_words(text) == fold_words(text)  # the second call is from the cache
    assert fold_words(text) == _basic(text).split()


# --- the rules, with small lists ------------------------------------------------------


def small_check() -> LanguageCheck:
    english = ["the", "bus", "is", "late", "and", "i", "am", "sad", "my", "dad"]
    portuguese = ["o", "autocarro", "esta", "sempre", "atrasado", "e", "eu", "estou", "triste"]
    return LanguageCheck(known=english, screened={"en": english}, others={"pt": portuguese})


def test_rules_known_words_read_and_another_languages_words_named() -> None:
    check = small_check()
    assert check.unread("the bus is late and i am sad") is None
    assert check.unread("o autocarro esta sempre atrasado") == Unread("looks like Portuguese")


def test_rules_few_known_words_and_no_other_language_is_unknown() -> None:
    assert small_check().unread("waxaan jeclahay dugsiga iyo saaxiibadey") == UNKNOWN


def test_rules_half_known_without_a_clear_other_language_is_read() -> None:
    assert small_check().unread("my dad is ok waxaan jeclahay") is None


def test_rules_capitalised_names_are_not_evidence() -> None:
    check = small_check()
    assert check.unread("Seacroft Roundhay Harehills Chapeltown Gipton") is None
    assert check.unread("the bus to Seacroft Roundhay Harehills is late") is None


def test_rules_a_tie_between_two_other_languages_names_neither() -> None:
    common = ["o", "meu", "pai", "bate", "me"]
    check = LanguageCheck(known=["the"], screened={"en": ["the"]}, others={"pt": common, "gl": common})
    assert check.unread("o meu pai bate me") == UNKNOWN


def test_rules_mostly_capitalised_words_are_judged_only_by_other_languages() -> None:
    check = small_check()
    assert check.unread("Waxaan Jeclahay Dugsiga Iyo Saaxiibadey") is None  # could all be names
    assert check.unread("O Autocarro Esta Sempre Atrasado") == Unread("looks like Portuguese")


def test_rules_a_weak_match_with_another_language_is_not_named() -> None:
    """Somali shares a word or two with Dutch; that does not make it Dutch."""
    check = LanguageCheck(known=["the"], screened={"en": ["the"]}, others={"nl": ["aan", "oo"]})
    assert check.unread("aabahay wuu i garaacaa oo aan guriga imaado") == UNKNOWN


def test_language_names_come_from_babel() -> None:
    assert language_name("pt") == "Portuguese" and language_name("fa") == "Persian"
    assert language_name("not a code") == "not a code"


# --- the screener ---------------------------------------------------------------------


def test_screener_raises_unread_text_to_concern_with_a_reason() -> None:
    result = Screener().screen("aabahay wuu i garaacaa markasta oo aan guriga imaado")
    assert result.level == "concern" and LANGUAGE_CATEGORY in result.categories
    assert result.reasons == [
        "not screened (concern): written in a language screening does not know; screening cannot "
        "read it, please read it or have it translated"
    ]


def test_screener_leaves_urgent_text_urgent_without_the_language_reason() -> None:
    text = "i want to kill myself. o meu padrasto bate-me todos os dias quando a minha mãe não está em casa"
    assert unread(text) == Unread("looks like Portuguese")  # on its own it would be raised
    result = Screener().screen(text)
    assert result.level == "urgent"
    assert LANGUAGE_CATEGORY not in result.categories


def test_screener_does_not_touch_ordinary_english() -> None:
    result = Screener().screen("The youth club is great but the bus home is always late.")
    assert result.level == "none" and result.reasons == []


# --- the packaged word lists ----------------------------------------------------------


def _looks_folded(word: str) -> bool:
    """Lower case, one word, no accents: what ``fold_word`` gives (which does not always give
    the same again: Urdu ۂ folds to ہ, and ہ to ه, so only once is what a text's word becomes)."""
    decomposed = unicodedata.normalize("NFD", word)
    return (
        word == word.casefold() and word.split() == [word] and not any(map(unicodedata.combining, decomposed))
    )


def test_every_list_is_present_headed_and_normalised() -> None:
    paths = [VOCABULARY / "screened" / f"{code}.txt" for code in SCREENED_LANGUAGES]
    paths += [VOCABULARY / "others" / f"{code}.txt" for code in OTHER_LANGUAGES]
    assert sorted(p.name for p in (VOCABULARY / "others").glob("*.txt")) == sorted(
        f"{code}.txt" for code in OTHER_LANGUAGES
    )
    for path in paths:
        header = path.read_text(encoding="utf-8").splitlines()[:3]
        assert header[1].startswith("# From wordfreq") and "CC BY-SA 4.0" in header[1], path
        words = read_word_file(path)
        limit = SCREENED_WORDS if path.parent.name == "screened" else OTHER_WORDS
        assert 0.4 * limit < len(words) <= 2 * limit, path  # folding merges words (Vietnamese)
        assert len(set(words)) == len(words), path
        assert all(_looks_folded(word) for word in words), path


def test_build_writes_folded_deduplicated_words_with_a_header(tmp_path: Path) -> None:
    calls: list[tuple[str, int]] = []

    def top_n(code: str, count: int) -> list[str]:
        calls.append((code, count))
        return ["Don't", "dont", "ÉCOLE", "école", "ł"]

    written = build(tmp_path, top_n, "a test source")
    assert len(written) == len(SCREENED_LANGUAGES) + len(OTHER_LANGUAGES)
    assert ("en", SCREENED_WORDS) in calls and ("pt", OTHER_WORDS) in calls
    text = (tmp_path / "others" / "pt.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# The 3,000 commonest words of Portuguese (pt), normalised for screening."
    )
    assert "# From a test source." in text
    assert read_word_file(tmp_path / "others" / "pt.txt") == ["dont", "ecole", "l"]


def test_folded_splits_words_that_fold_to_several() -> None:
    assert folded(["rock'n'roll", "well-being", "well"]) == ["rocknroll", "well", "being"]
