"""The case forms (WTForms; radios are drawn by hand). Staff pages are English only.

The forms hold what was sent (so nothing typed is lost when a page comes back with errors)
and check its shape; the rules (a front door referral needs its reference, a note is needed
to raise a case, and so on) live in :mod:`voice.cases.services`, which reports every problem.
"""

from __future__ import annotations

from wtforms import Form, StringField, TextAreaField


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class DecisionForm(Form):  # type: ignore[misc]
    #: One of :class:`CaseDecision` (radios, drawn from ``display.DECISION_LABELS``).
    decision = StringField("Decision", filters=[_strip])
    reasoning = TextAreaField("Reasoning", filters=[_strip])
    referral_reference = StringField("Referral reference", filters=[_strip])


class OutcomeForm(Form):  # type: ignore[misc]
    outcome = TextAreaField("Outcome", filters=[_strip])


class RaiseForm(Form):  # type: ignore[misc]
    contribution_id = StringField("Contribution number", filters=[_strip])
    note = TextAreaField("Why this may be a disclosure", filters=[_strip])
    #: ``concern`` or ``urgent`` (radios).
    level = StringField("How serious is it?", filters=[_strip], default="concern")

    def contribution_number(self) -> int | None:
        """The contribution id, when the field holds one."""
        value = self.contribution_id.data or ""
        return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None

    def number_problem(self) -> tuple[str, str] | None:
        if self.contribution_number() is not None:
            return None
        if not self.contribution_id.data:
            return ("contribution_id", "Enter the contribution number")
        return ("contribution_id", "Enter the contribution number using digits only, like 12")
