"""The template filters that mark staff words shown in another language than the page's."""

from __future__ import annotations

from voice.feedback.journey import Option
from voice.public.services import Localised
from voice.web import i18n
from voice.web.templating import in_lang, lang_attrs


def test_nothing_is_marked_in_the_pages_own_language() -> None:
    catalogues = i18n.Catalogues(["en", "ur"])
    with i18n.use_locale(catalogues, "ur"):
        assert lang_attrs(Localised("پارک", "ur")) == ""
        assert in_lang(Localised("<پارک>", "ur")) == "&lt;پارک&gt;"
        assert lang_attrs("plain text") == ""


def test_a_fallback_is_marked_with_its_language_and_direction() -> None:
    catalogues = i18n.Catalogues(["en", "ur", "ar"])
    with i18n.use_locale(catalogues, "ur"):
        assert lang_attrs(Localised("Parks", "en")) == ' lang="en" dir="ltr"'
        assert (
            in_lang(Localised("Parks & <b>", "en"))
            == '<span lang="en" dir="ltr">Parks &amp; &lt;b&gt;</span>'
        )
        assert lang_attrs(Option(value="1", label="Red", emoji="", lang="en")) == ' lang="en" dir="ltr"'
    with i18n.use_locale(catalogues, "en"):
        assert lang_attrs(Localised("حديقة", "ar")) == ' lang="ar" dir="rtl"'
