"""Helpers for GOV.UK-style form errors."""

from __future__ import annotations

from typing import Any


def error_list(form: Any) -> list[tuple[str | None, str]]:
    """(field id, message) for the error summary: form-wide errors first, then by field order."""
    items: list[tuple[str | None, str]] = [(None, str(message)) for message in form.form_errors]
    for field in form:
        items.extend((field.id, str(message)) for message in field.errors)
    return items
