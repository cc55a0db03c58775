"""GOV.UK form errors: one message per field."""

from __future__ import annotations

from voice.accounts.forms import SignInForm
from voice.web.forms import error_list


class _FormData(dict[str, list[str]]):
    def getlist(self, key: str) -> list[str]:
        return self.get(key, [])


def test_a_field_with_two_problems_gets_its_first_message_only() -> None:
    form = SignInForm(formdata=_FormData(email=["x" * 300], password=[""]))
    assert not form.validate()
    assert len(form.email.errors) == 2  # wrong format and too long
    items = error_list(form)
    assert items.count(("email", str(form.email.errors[0]))) == 1
    assert [field for field, _ in items].count("email") == 1
    assert "correct format" in str(form.email.errors[0])
