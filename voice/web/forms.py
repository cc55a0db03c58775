"""Form fields shared by the staff forms, and GOV.UK-style form errors."""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Sequence
from typing import Any

from starlette.exceptions import HTTPException
from wtforms import DateField, FieldList, IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from voice.clock import DATE_RANGE_MESSAGE, usable_date
from voice.ordering import Direction, direction_of
from voice.problems import Problem
from voice.web.i18n import Catalogues

#: The largest id an integer column holds on both databases.
MAX_ID = 2**31 - 1


def form_direction(raw: object) -> Direction:
    """The direction a Move up / Move down form sent; anything else is a bad request (400)."""
    direction = direction_of(raw)
    if direction is None:
        raise HTTPException(status_code=400)
    return direction


def record_id(raw: object) -> int | None:
    """A positive record id from a form or an address, or None.

    Only ASCII digits count, up to what an integer column holds: "²" (which ``isdigit``
    accepts and ``int`` refuses) or 99999999999999999999 are None, never a crash.
    """
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def error_list(form: Any) -> list[tuple[str | None, str]]:
    """(field id, message) for the error summary: form-wide errors first, then by field order.

    A field gets one message, its first problem, as next to the field itself (GOV.UK).
    """
    items: list[tuple[str | None, str]] = [(None, str(message)) for message in form.form_errors]
    items.extend((field.id, str(field.errors[0])) for field in form if field.errors)
    return items


class DayField(DateField):  # type: ignore[misc]
    """A date input (``YYYY-MM-DD``). Empty means no date; anything else must be a real date.
    ``named``: how its errors name it ("The date it opens"), so a form with two dates says which
    is wrong."""

    def __init__(self, label: str, named: str = "The date", **kwargs: Any) -> None:
        super().__init__(label, format="%Y-%m-%d", **kwargs)
        self.named = named

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = datetime.datetime.strptime(valuelist[0].strip(), "%Y-%m-%d").date()
        except ValueError:
            self.data = None
            raise ValueError(f"{self.named} must be a real date, like 2026-03-31") from None
        if not usable_date(self.data):
            self.data = None
            raise ValueError(f"{self.named} {DATE_RANGE_MESSAGE}")


#: A whole number as typed on a keyboard: ASCII digits (at most 12), perhaps after a sign.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


class NumberField(IntegerField):  # type: ignore[misc]
    """A whole number. Empty means none; anything else must be one (``unreadable``: the error)."""

    def __init__(
        self, label: str, unreadable: str = "Enter a whole number, like 2000", **kwargs: Any
    ) -> None:
        super().__init__(label, **kwargs)
        self.unreadable = unreadable

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        typed = valuelist[0].strip()
        if not _WHOLE_NUMBER.fullmatch(typed):
            # Not ``int`` alone: it also takes "1_000" and digits of other scripts.
            self.data = None
            raise ValueError(self.unreadable)
        self.data = int(typed)


class CheckboxesField(SelectMultipleField):  # type: ignore[misc]
    """Checkboxes; the service checks the values."""

    def pre_validate(self, form: Any) -> None:
        return None


# --- errors ----------------------------------------------------------------


def _find(form: Any, key: str) -> Any:
    if key in form._fields:
        found = form[key]
        return None if isinstance(found, FieldList) else found
    head, _sep, rest = key.partition("-")
    if head in form._fields and rest:
        index_text, _sep, sub = rest.partition("-")
        if index_text.isdigit():
            entries = form[head].entries
            index = int(index_text)
            if index < len(entries) and sub in entries[index].form._fields:
                return entries[index].form[sub]
    return None


def add_problems(form: Any, problems: Sequence[Problem]) -> list[Problem]:
    """Put each problem on its field, unless the field already shows an error (from reading
    what was typed). Returns the problems that belong to no single field."""
    loose: list[Problem] = []
    for key, message in problems:
        target = _find(form, key)
        if target is None:
            loose.append((key, message))
        elif not target.errors:
            target.errors = [message]
    return loose


def field_errors(form: Any) -> list[tuple[str, str]]:
    """(field id, message) for every field error, in page order, option rows included."""
    found: list[tuple[str, str]] = []
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                for sub in entry.form:
                    found.extend((sub.id, str(message)) for message in sub.errors)
        else:
            found.extend((field.id, str(message)) for message in field.errors)
    return found


def has_field_errors(form: Any) -> bool:
    return bool(field_errors(form))


def language_choices(catalogues: Catalogues) -> list[SelectChoice]:
    """A choice for each language Voice speaks, named in that language (staff forms that record
    the language something was said in)."""
    return [SelectChoice(code, catalogues.info[code].name) for code in catalogues.codes]


def new_form_key() -> str:
    """A one-time key for a form that adds something, so sending it twice adds it once."""
    return secrets.token_urlsafe(16)


def form_key(raw: object) -> str | None:
    """The form's one-time key as sent, or None when there is none that could be one."""
    return raw if isinstance(raw, str) and 8 <= len(raw) <= 64 else None
