"""Staff forms for takeover events and their comments (WTForms; the staff area is in English)."""

from __future__ import annotations

from typing import Any

from wtforms import Form, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from voice.events.models import TakeoverEvent
from voice.events.services import EventIn
from voice.feedback.models import Consent
from voice.web.forms import DayField, NumberField

CONSENT_LABELS: dict[str, str] = {
    Consent.NOT_QUOTABLE.value: "Not to be quoted",
    Consent.QUOTE_ANONYMOUSLY.value: "Can be quoted without a name",
    Consent.QUOTE_WITH_FIRST_NAME.value: "Can be quoted with a first name",
}


class EventForm(Form):  # type: ignore[misc]
    title = StringField("Name of the event")
    held_on = DayField("Date it was held", named="The date it was held")
    venue = StringField("Where it was held (optional)")
    host_agency = StringField("Who hosted it (optional)")
    participants = NumberField(
        "How many young people took part (optional)",
        unreadable="Enter the number of young people as a whole number, like 30",
    )
    summary = TextAreaField("Summary (optional)")
    form_key = HiddenField()
    #: The event's version when its edit page was drawn (``services.event_version``).
    seen = HiddenField()


def event_form_data(event: TakeoverEvent) -> dict[str, Any]:
    return {
        "title": event.title,
        "held_on": event.held_on,
        "venue": event.venue,
        "host_agency": event.host_agency,
        "participants": event.participants or None,  # 0: not given, an empty box
        "summary": event.summary,
    }


def event_in(form: Any) -> EventIn:
    return EventIn(
        title=form.title.data or "",
        held_on=form.held_on.data,
        venue=form.venue.data or "",
        host_agency=form.host_agency.data or "",
        summary=form.summary.data or "",
        participants=form.participants.data,
    )


class CommentsForm(Form):  # type: ignore[misc]
    comments = TextAreaField("What young people said")
    language = SelectField("Language of the comments", validate_choice=False)
    consent = RadioField(
        "What the young people agreed to",
        choices=[SelectChoice(value, label) for value, label in CONSENT_LABELS.items()],
        validate_choice=False,
    )
    batch_key = HiddenField()
