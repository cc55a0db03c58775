"""The staff form for a lived-experience story (WTForms; the staff area is in English)."""

from __future__ import annotations

from typing import Any

from wtforms import Form, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice

from voice.events.forms import CONSENT_LABELS
from voice.feedback.journey import AGE_BANDS
from voice.feedback.models import Respondent
from voice.stories.services import StoryIn

RESPONDENT_LABELS: dict[str, str] = {
    Respondent.YOUNG_PERSON.value: "A young person",
    Respondent.PARENT_CARER.value: "A parent or carer",
    Respondent.PROFESSIONAL.value: "A professional, for someone",
    Respondent.NOT_SAID.value: "Not said",
}


class StoryForm(Form):  # type: ignore[misc]
    words = TextAreaField("Their story")
    language = SelectField("Language it was told in", validate_choice=False)
    respondent = RadioField(
        "Who told it",
        choices=[SelectChoice(value, label) for value, label in RESPONDENT_LABELS.items()],
        validate_choice=False,
    )
    age_band = SelectField(
        "Age group (optional)",
        choices=[
            SelectChoice("", "Not said"),
            *(SelectChoice(str(band["value"]), str(band["label"]["en"])) for band in AGE_BANDS),
        ],
        validate_choice=False,
    )
    consent = RadioField(
        "What they agreed to",
        choices=[SelectChoice(value, label) for value, label in CONSENT_LABELS.items()],
        validate_choice=False,
    )
    key = HiddenField()


def story_in(form: Any) -> StoryIn:
    return StoryIn(
        words=form.words.data or "",
        language=str(form.language.data or ""),
        consent=str(form.consent.data or ""),
        respondent=str(form.respondent.data or ""),
        age_band=str(form.age_band.data or ""),
        key=str(form.key.data or ""),
    )
