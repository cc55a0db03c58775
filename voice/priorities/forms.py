"""Staff forms for priorities and "You said, we did" (WTForms; the staff area is in English).

The forms read what was typed and turn it into plain values; the rules live in
:mod:`voice.priorities.services`, whose problems come back keyed by field name.
"""

from __future__ import annotations

from typing import Any

from wtforms import Form, HiddenField, StringField, TextAreaField

from voice.priorities.models import Priority
from voice.priorities.services import ActionIn, PriorityIn
from voice.web.forms import CheckboxesField, DayField, NumberField, record_id


class PriorityForm(Form):  # type: ignore[misc]
    reporting_year = NumberField("Reporting year")
    title = StringField("Title")
    child_friendly_title = StringField("Title for children and young people (optional)")
    owning_agency = StringField("Who leads on it")
    description = TextAreaField("Description (optional)")


def priority_form_data(priority: Priority) -> dict[str, Any]:
    return {
        "reporting_year": priority.reporting_year,
        "title": priority.title,
        "child_friendly_title": priority.child_friendly_title,
        "owning_agency": priority.owning_agency,
        "description": priority.description,
    }


def priority_in(form: Any) -> PriorityIn:
    return PriorityIn(
        reporting_year=form.reporting_year.data,
        title=form.title.data or "",
        child_friendly_title=form.child_friendly_title.data or "",
        owning_agency=form.owning_agency.data or "",
        description=form.description.data or "",
    )


class ActionForm(Form):  # type: ignore[misc]
    you_said = TextAreaField("What young people said")
    we_did = TextAreaField("What changed because of it")
    agency = StringField("Who made the change (optional)")
    happened_on = DayField("When it changed", named="The date it changed")
    contributions = CheckboxesField("Contributions that led to it")
    themes = CheckboxesField("Themes that led to it")
    form_key = HiddenField()


def ids(values: Any) -> tuple[int, ...]:
    """The whole numbers among the boxes ticked (anything else is not a box the page offers)."""
    return tuple(ident for ident in map(record_id, values or []) if ident is not None)


def action_in(form: Any) -> ActionIn:
    return ActionIn(
        you_said=form.you_said.data or "",
        we_did=form.we_did.data or "",
        agency=form.agency.data or "",
        happened_on=form.happened_on.data,
        contribution_ids=ids(form.contributions.data),
        theme_ids=ids(form.themes.data),
    )


class ThemeLinkForm(Form):  # type: ignore[misc]
    theme = StringField("Theme")
    theme_note = StringField("Why it belongs here (optional)")
