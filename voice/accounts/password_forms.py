"""The "Change your password" form (the staff area is in English only)."""

from __future__ import annotations

from typing import Any

from wtforms import Form, PasswordField
from wtforms.validators import InputRequired, Length, ValidationError

from voice.accounts.admin_forms import password_policy
from voice.accounts.services import MAX_PASSWORD_LENGTH, WRONG_CURRENT_PASSWORD


class ChangePasswordForm(Form):  # type: ignore[misc]
    """Current, new and confirmed password; set ``account_email`` before validating."""

    account_email: str | None = None

    current_password = PasswordField(
        "Current password",
        validators=[
            InputRequired(message="Enter your current password"),
            # Longer than any password Voice accepts, so it cannot be right.
            Length(max=MAX_PASSWORD_LENGTH, message=WRONG_CURRENT_PASSWORD),
        ],
    )
    new_password = PasswordField(
        "New password",
        validators=[InputRequired(message="Enter a new password"), password_policy],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        validators=[InputRequired(message="Enter your new password again")],
    )

    def validate_confirm_password(self, field: Any) -> None:
        if self.new_password.data and field.data != self.new_password.data:
            raise ValidationError("The passwords do not match. Enter your new password again")
