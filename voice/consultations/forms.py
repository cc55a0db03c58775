"""Staff forms for consultations, questions and areas (WTForms).

The staff area is in English, so nothing here is translated. The forms only read what was
typed and turn it into plain values (dates, numbers); the rules live in
:mod:`voice.consultations.services`, whose problems come back keyed by field name.
Fields for text in each language are made from the configured locales.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from starlette.datastructures import FormData
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from voice.consultations.services import (
    AUDIENCE_LABELS,
    DEFAULT_ANSWER_LENGTH,
    FACES,
    ConsultationIn,
    OptionIn,
    QuestionIn,
    closes_on,
    opens_on,
)
from voice.feedback.models import Audience, Consultation, QuestionKind
from voice.web.forms import CheckboxesField, DayField, NumberField


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
    fields["opens_on"] = DayField("Opens on", named="The date it opens")
    fields["closes_on"] = DayField("Closes on", named="The date it closes")
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


_MOVE = re.compile(r"(up|down)-([0-9]{1,3})")
_OPTION_KEY = re.compile(r"options-([0-9]{1,3})-(.*)")


def moved_option(formdata: Any) -> tuple[Any, int | None] | None:
    """When an option's "Move up" or "Move down" was pressed: the question form as sent, with
    that option row swapped with its neighbour, and the row's new place (0 first; None when
    the button names no row that can move that way, and nothing moves). None when no such
    button was pressed. Nothing is saved: the form is shown again, everything typed kept."""
    if "move" not in formdata:
        return None
    found = _MOVE.fullmatch(str(formdata.get("move") or ""))
    rows = {int(m.group(1)) for key in formdata.keys() if (m := _OPTION_KEY.fullmatch(key))}
    row = int(found.group(2)) if found else -1
    other = row - 1 if found and found.group(1) == "up" else row + 1
    if row not in rows or other not in rows:
        return FormData([(key, value) for key, value in formdata.multi_items() if key != "move"]), None
    swapped = {row: other, other: row}
    items: list[tuple[str, Any]] = []
    for key, value in formdata.multi_items():
        m = _OPTION_KEY.fullmatch(key)
        if m and int(m.group(1)) in swapped:
            key = f"options-{swapped[int(m.group(1))]}-{m.group(2)}"
        if key != "move":
            items.append((key, value))
    return FormData(items), other


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
