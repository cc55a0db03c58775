"""Staff forms for consultations, questions and areas (WTForms).

The staff area is in English, so nothing here is translated. The forms only read what was
typed and turn it into plain values (dates, numbers); the rules live in
:mod:`voice.consultations.services`, whose problems come back keyed by field name.
Fields for text in each language are made from the configured locales.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from voice.clock import DATE_RANGE_MESSAGE, usable_date
from voice.consultations.services import (
    AUDIENCE_LABELS,
    DEFAULT_ANSWER_LENGTH,
    FACES,
    ConsultationIn,
    OptionIn,
    Problem,
    QuestionIn,
    closes_on,
    opens_on,
)
from voice.feedback.models import Audience, Consultation, QuestionKind


@dataclass(frozen=True)
class Language:
    """A configured locale, named in English for staff, with its writing direction."""

    code: str
    name: str
    direction: str


def languages(locales: Sequence[str]) -> list[Language]:
    found = []
    for code in locales:
        locale = Locale.parse(code)
        name = locale.get_display_name("en") or code
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        found.append(Language(code=code, name=name[:1].upper() + name[1:], direction=direction))
    return found


class DayField(DateField):  # type: ignore[misc]
    """A date input (``YYYY-MM-DD``). Empty means no date; anything else must be a real date."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label, format="%Y-%m-%d", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = datetime.datetime.strptime(valuelist[0].strip(), "%Y-%m-%d").date()
        except ValueError:
            self.data = None
            raise ValueError("Enter a real date, like 2026-03-31") from None
        if not usable_date(self.data):
            self.data = None
            raise ValueError(f"The date {DATE_RANGE_MESSAGE}")


class NumberField(IntegerField):  # type: ignore[misc]
    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError("Enter a whole number, like 2000") from None


class CheckboxesField(SelectMultipleField):  # type: ignore[misc]
    """Checkboxes; the service checks the values."""

    def pre_validate(self, form: Any) -> None:
        return None


# --- consultation ----------------------------------------------------------


def consultation_form(
    locales: Sequence[str], formdata: Any = None, data: dict[str, Any] | None = None
) -> Any:
    """The create and edit form: fields in page order, one title and intro per language."""
    names = languages(locales)
    fields: dict[str, Any] = {"slug": StringField("Web address")}
    for language in names:
        fields[f"title_{language.code}"] = StringField(f"Title ({language.name})")
        fields[f"intro_{language.code}"] = TextAreaField(f"Introduction ({language.name})")
    fields["audience"] = RadioField(
        "Who is it for?",
        choices=[SelectChoice(audience.value, label) for audience, label in AUDIENCE_LABELS.items()],
        validate_choice=False,
    )
    fields["opens_on"] = DayField("Opens on")
    fields["closes_on"] = DayField("Closes on")
    fields["languages"] = CheckboxesField(
        "Languages offered", choices=[SelectChoice(language.code, language.name) for language in names]
    )
    form_class = type("ConsultationForm", (Form,), fields)
    return form_class(formdata=formdata, data=data or {})


def consultation_form_data(consultation: Consultation, locales: Sequence[str]) -> dict[str, Any]:
    """Form data for an existing consultation (fills the edit form). One made before languages
    were chosen offers them all."""
    data: dict[str, Any] = {
        "slug": consultation.slug,
        "audience": Audience(consultation.audience).value,
        "opens_on": opens_on(consultation),
        "closes_on": closes_on(consultation),
        "languages": list(consultation.languages) or list(locales),
    }
    data.update({f"title_{code}": text for code, text in consultation.title.items()})
    data.update({f"intro_{code}": text for code, text in consultation.intro.items()})
    return data


def consultation_in(form: Any, locales: Sequence[str]) -> ConsultationIn:
    """What the form holds as plain values. Dates that did not parse are None."""
    audience_value = form.audience.data
    audience = Audience(audience_value) if audience_value in {item.value for item in Audience} else None
    return ConsultationIn(
        slug=form.slug.data or "",
        title={code: form[f"title_{code}"].data or "" for code in locales},
        intro={code: form[f"intro_{code}"].data or "" for code in locales},
        audience=audience,
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        languages=tuple(str(code) for code in (form.languages.data or [])),
    )


# --- question --------------------------------------------------------------


def _option_form_class(locales: Sequence[str]) -> type:
    fields: dict[str, Any] = {"value": HiddenField()}
    for language in languages(locales):
        fields[f"label_{language.code}"] = StringField(f"Words ({language.name})")
    fields["emoji"] = SelectField(
        "Face (optional, decoration only)",
        choices=[
            SelectChoice("", "No face"),
            *(SelectChoice(face, f"{face} {name}") for face, name in FACES),
        ],
        validate_choice=False,
    )
    fields["remove"] = BooleanField("Remove this option")
    return type("OptionForm", (Form,), fields)


def question_form(
    locales: Sequence[str],
    rows: int,
    formdata: Any = None,
    data: dict[str, Any] | None = None,
) -> Any:
    """The question editor: prompt and hint per language, settings, and ``rows`` option rows at least."""
    names = languages(locales)
    fields: dict[str, Any] = {}
    for language in names:
        fields[f"prompt_{language.code}"] = TextAreaField(f"Question ({language.name})")
        fields[f"hint_{language.code}"] = TextAreaField(f"Hint ({language.name}, optional)")
    fields["required"] = BooleanField("People must answer this question")
    fields["max_length"] = NumberField("Longest answer, in characters", default=DEFAULT_ANSWER_LENGTH)
    fields["options"] = FieldList(FormField(_option_form_class(locales)), min_entries=rows)
    form_class = type("QuestionForm", (Form,), fields)
    form = form_class(formdata=formdata, data=data or {})
    for entry in form.options:
        emoji = entry.form.emoji
        known = {choice.value for choice in emoji.choices}
        if emoji.data and emoji.data not in known:
            emoji.choices = [*emoji.choices, SelectChoice(emoji.data, emoji.data)]
    return form


def question_data(
    prompt: dict[str, str],
    hint: dict[str, str],
    required: bool,
    max_length: int,
    options: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """Form data for a question (stored, or a new one's defaults)."""
    data: dict[str, Any] = {"required": required, "max_length": max_length}
    data.update({f"prompt_{code}": text for code, text in prompt.items()})
    data.update({f"hint_{code}": text for code, text in hint.items()})
    rows = []
    for option in options:
        row: dict[str, Any] = {"value": str(option.get("value", "")), "emoji": option.get("emoji") or ""}
        row.update({f"label_{code}": text for code, text in (option.get("label") or {}).items()})
        rows.append(row)
    data["options"] = rows
    return data


def question_in(form: Any, kind: QuestionKind, locales: Sequence[str]) -> QuestionIn:
    options = tuple(
        OptionIn(
            value=entry.form.value.data or "",
            label={code: entry.form[f"label_{code}"].data or "" for code in locales},
            emoji=entry.form.emoji.data or "",
            remove=bool(entry.form.remove.data),
        )
        for entry in form.options
    )
    max_length = form.max_length.data
    return QuestionIn(
        kind=kind,
        prompt={code: form[f"prompt_{code}"].data or "" for code in locales},
        hint={code: form[f"hint_{code}"].data or "" for code in locales},
        required=bool(form.required.data),
        max_length=max_length if isinstance(max_length, int) else DEFAULT_ANSWER_LENGTH,
        options=options,
    )


# --- areas -----------------------------------------------------------------


class AreaForm(Form):  # type: ignore[misc]
    name = StringField("Name")
    code = StringField("Code (optional)")


class RenameAreaForm(Form):  # type: ignore[misc]
    name = StringField("Name")


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
