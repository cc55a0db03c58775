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
