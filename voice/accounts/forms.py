"""Sign-in form (WTForms)."""

from __future__ import annotations

from wtforms import EmailField, Form, PasswordField
from wtforms.validators import InputRequired, Length, Regexp

from voice.accounts.services import MAX_PASSWORD_LENGTH
from voice.web.i18n import lazy_gettext as _l


class SignInForm(Form):  # type: ignore[misc]
    email = EmailField(
        _l("Email address"),
        # browsers trim an email box's spaces; a script or an assistive tool may not
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message=_l("Enter an email address in the correct format, like name@example.org"),
            ),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=MAX_PASSWORD_LENGTH, message=_l("Password must be 64 characters or fewer")),
        ],
    )
