"""Forms for the staff accounts admin pages (the staff area is in English only)."""

from __future__ import annotations

from typing import Any

from wtforms import EmailField, Form, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp, ValidationError

from voice.accounts.models import Role
from voice.accounts.services import PasswordProblem, check_password_policy
from voice.problems import visible_or_empty

ROLE_LABELS: dict[str, str] = {
    Role.ADMIN.value: "Admin",
    Role.MODERATOR.value: "Moderator",
    Role.SAFEGUARDING_LEAD.value: "Safeguarding lead",
    Role.ANALYST.value: "Analyst or partner viewer",
}

ROLE_HINTS: dict[str, str] = {
    Role.ADMIN.value: "Everything, including staff accounts and the audit log.",
    Role.MODERATOR.value: "Reads, redacts and approves what people send; runs consultations.",
    Role.SAFEGUARDING_LEAD.value: "Sees and acts on possible disclosures.",
    Role.ANALYST.value: "Reads approved, redacted contributions and figures.",
}

#: (value, label) pairs for the radios (templates/accounts/_staff_macros.html draws them).
ROLE_CHOICES: list[tuple[str, str]] = list(ROLE_LABELS.items())
ACTIVE_CHOICES: list[tuple[str, str]] = [
    ("yes", "Active: can sign in"),
    ("no", "Deactivated: cannot sign in"),
]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _visible(value: str | None) -> str | None:
    """Stripped, and "" when it shows nothing, so a name of zero-width spaces is missing."""
    return visible_or_empty(value.strip()) if isinstance(value, str) else value


def password_policy(form: Any, field: Any) -> None:
    """The project's password rules; the email address is the form's ``email`` field or, on a
    form about an existing account, its ``account_email``."""
    email = form.email.data if "email" in form else getattr(form, "account_email", None)
    try:
        check_password_policy(field.data or "", email=email)
    except PasswordProblem as exc:
        raise ValidationError(str(exc)) from exc


class NewStaffForm(Form):  # type: ignore[misc]
    email = EmailField(
        "Email address",
        filters=[_strip],
        validators=[
            InputRequired(message="Enter their email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message="Enter an email address in the correct format, like name@example.org",
            ),
        ],
    )
    display_name = StringField(
        "Full name",
        filters=[_visible],
        validators=[
            DataRequired(message="Enter their full name"),
            Length(max=120, message="Full name must be 120 characters or fewer"),
        ],
    )
    role = StringField("Role")
    password = PasswordField(
        "Password",
        validators=[InputRequired(message="Enter a password"), password_policy],
    )

    def validate_role(self, field: Any) -> None:
        if field.data not in ROLE_LABELS:
            raise ValidationError("Choose a role")


class EditStaffForm(Form):  # type: ignore[misc]
    role = StringField("Role")
    active = StringField("Can they sign in?")

    def validate_role(self, field: Any) -> None:
        if field.data not in ROLE_LABELS:
            raise ValidationError("Choose a role")

    def validate_active(self, field: Any) -> None:
        if field.data not in dict(ACTIVE_CHOICES):
            raise ValidationError("Choose whether they can sign in")


class TemporaryPasswordForm(Form):  # type: ignore[misc]
    """An admin sets a temporary password; set ``account_email`` before validating."""

    account_email: str | None = None

    temporary_password = PasswordField(
        "Temporary password",
        validators=[InputRequired(message="Enter a temporary password"), password_policy],
    )
