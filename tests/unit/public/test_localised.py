"""Staff-written words carry the language they are really in (voice/public/services.py)."""

from __future__ import annotations

from voice.feedback.models import Consultation
from voice.public.routes import exit_site
from voice.public.services import Localised, localised, localised_with_lang, questions_shown_in


def test_the_page_language_when_there_is_one() -> None:
    assert localised_with_lang({"en": "Parks", "ur": "پارک"}, "ur") == Localised("پارک", "ur")


def test_a_fallback_says_which_language_it_is() -> None:
    assert localised_with_lang({"en": "Parks", "ur": ""}, "ur") == Localised("Parks", "en")
    assert localised_with_lang({"pl": "Parki"}, "ur") == Localised("Parki", "pl")
    assert localised_with_lang({}, "ar") == Localised("", "ar")


def test_it_prints_and_tests_as_its_text() -> None:
    found = localised_with_lang({"en": "Parks"}, "ar")
    assert str(found) == "Parks" and found
    assert not localised_with_lang({"en": ""}, "en")
    assert localised({"en": "Parks"}, "ar") == "Parks"


def test_the_language_the_questions_are_in_when_not_offered() -> None:
    english_only = Consultation(slug="e", title={"en": "Parks"}, languages=["en"])
    assert questions_shown_in(english_only, "ur") == "انگریزی"
    assert questions_shown_in(english_only, "pl") == "angielski"
    assert questions_shown_in(english_only, "en") == ""
    # Polish offered and written: nothing to say in Polish.
    both = Consultation(slug="b", title={"en": "Parks", "pl": "Parki"}, languages=["en", "pl"])
    assert questions_shown_in(both, "pl") == "" and questions_shown_in(both, "ro") == "engleză"
    # Made before languages were chosen: every language is offered.
    assert questions_shown_in(Consultation(slug="o", title={"en": "Parks"}, languages=[]), "ar") == ""


def test_exit_site_is_the_configured_host() -> None:
    assert exit_site("https://www.bbc.co.uk/weather") == "bbc.co.uk"
    assert exit_site("https://www.google.co.uk/") == "google.co.uk"
    assert exit_site("https://weather.example/today?x=1") == "weather.example"
    assert exit_site("not a url") == ""


def test_optional_words_never_come_in_a_third_language() -> None:
    """An introduction or hint given only in Urdu is not shown to an Arabic or English reader
    (exploratory testing, twenty-second session): it falls back to English, or to the language
    of the words it goes with, and otherwise is left out."""
    from voice.public.services import optional_text

    urdu_only = {"en": "", "ur": "اردو تعارف"}
    assert optional_text(urdu_only, "ar", "ar") == Localised("", "ar")
    assert optional_text(urdu_only, "en", "en") == Localised("", "en")
    assert optional_text(urdu_only, "ur", "ur") == Localised("اردو تعارف", "ur")
    # beside Urdu words (a consultation written only in Urdu), its Urdu introduction belongs
    assert optional_text(urdu_only, "pl", "ur") == Localised("اردو تعارف", "ur")
    assert optional_text({"en": "Tell us", "ur": "اردو"}, "ar", "ar") == Localised("Tell us", "en")
    assert optional_text({"ar": "تلميح"}, "ar", "en") == Localised("تلميح", "ar")


def test_no_language_to_name_when_the_reader_reads_it() -> None:
    """Offered only in Urdu but written in English: an English reader is not told "The
    questions are in English"."""
    urdu_offered = Consultation(slug="u", title={"en": "Parks"}, languages=["ur"])
    assert questions_shown_in(urdu_offered, "en") == ""
    assert questions_shown_in(urdu_offered, "pl") == "angielski"
