"""What the public pages need from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel import Locale, UnknownLocaleError
from tortoise.expressions import Q, Subquery

from voice.feedback.models import Consultation, Question


@dataclass(frozen=True)
class Localised:
    """Words staff wrote, and the language they are really in.

    Prints as its text. When the text fell back to another language than the page's, templates
    mark it with that language (the ``lang_attrs`` and ``in_lang`` filters), so a screen reader
    reads English with an English voice on an Urdu page, and its full stops sit at the right end.
    """

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def localised_with_lang(values: dict[str, str], locale: str, fallback: str = "en") -> Localised:
    """The text for ``locale``, else the fallback language's, else any; with its language."""
    for code in (locale, fallback):
        if values.get(code):
            return Localised(values[code], code)
    return next((Localised(text, code) for code, text in values.items() if text), Localised("", locale))


def localised(values: dict[str, str], locale: str, fallback: str = "en") -> str:
    """The text for ``locale``, else the fallback language's, else any."""
    return localised_with_lang(values, locale, fallback).text


def optional_text(values: dict[str, str], locale: str, beside: str) -> Localised:
    """Optional words staff give (an introduction, a hint) in ``locale``, else in English, else in
    ``beside``, the language of the words they go with (a title or question shown in it); never
    in a third language: an Arabic reader is not shown a hint given only in Urdu. Nothing when
    none of these has them."""
    for code in dict.fromkeys((locale, "en", beside)):
        if values.get(code):
            return Localised(values[code], code)
    return Localised("", locale)


def offered_languages(consultation: Consultation) -> list[str]:
    """The languages staff offer a consultation in; one made before languages were chosen
    offers them all (an empty list)."""
    return [str(code) for code in consultation.languages or []]


def questions_shown_in(consultation: Consultation, locale: str) -> str:
    """The name (in ``locale``) of the language the questions are shown in, when the
    consultation is not offered in ``locale``; "" when it is (or offers every language)."""
    offered = offered_languages(consultation)
    if not offered or locale in offered:
        return ""
    shown = localised_with_lang(consultation.title, locale).lang
    return "" if shown == locale else language_name(shown, locale)


def language_name(code: str, in_locale: str) -> str:
    """``code``'s name in the language ``in_locale`` (English for Voice's own languages)."""
    try:
        return Locale.parse(code).get_display_name(in_locale) or code
    except (ValueError, UnknownLocaleError):
        return code


async def open_consultations(now: datetime) -> list[Consultation]:
    """Consultations open now that ask at least one question, standing ones last.

    A consultation staff have made but not yet given questions is not listed, even when its
    opening date has come.
    """
    opened = Q(opens_at__isnull=True) | Q(opens_at__lte=now)
    not_closed = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    ready = Q(id__in=Subquery(Question.all().values("consultation_id")))
    return await Consultation.filter(opened & not_closed & ready).order_by("is_standing", "closes_at", "id")
