"""GOV.UK form errors: one message per field."""

from __future__ import annotations

import pytest
from wtforms import Form

from voice.accounts.forms import SignInForm
from voice.web.forms import NumberField, error_list


class DummyPostData(dict[str, list[str]]):
    """Form data as WTForms reads it from a request."""

    def getlist(self, key: str) -> list[str]:
        return self[key]


class _NumberForm(Form):  # type: ignore[misc]
    count = NumberField("How many")


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


@pytest.mark.parametrize(
    ("typed", "read"),
    [("12", 12), (" 14 ", 14), ("0", 0), ("-3", -3), ("+5", 5), ("", None), ("   ", None)],
)
def test_a_number_field_reads_whole_numbers(typed: str, read: int | None) -> None:
    form = _NumberForm(DummyPostData({"count": [typed]}))
    assert form.validate() and form.count.data == read


@pytest.mark.parametrize(
    "typed",
    ["1_000", "1,000", "12.5", "٣", "１２", "²", "1e3", "ten", "0x10", "1234567890123"],
)
def test_a_number_field_refuses_what_is_not_typed_as_a_whole_number(typed: str) -> None:
    """``int`` alone would take "1_000" and digits of other scripts (found by an exploratory test:
    "1_000" young people were saved as 1000)."""
    form = _NumberForm(DummyPostData({"count": [typed]}))
    assert not form.validate()
    assert form.count.errors == ["Enter a whole number, like 2000"] and form.count.data is None
