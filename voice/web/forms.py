"""Helpers for GOV.UK-style form errors."""

from __future__ import annotations

from typing import Any


def error_list(form: Any) -> list[tuple[str | None, str]]:
    """(field id, message) for the error summary: form-wide errors first, then by field order.

    A field gets one message, its first problem, as next to the field itself (GOV.UK).
    """
    items: list[tuple[str | None, str]] = [(None, str(message)) for message in form.form_errors]
    items.extend((field.id, str(field.errors[0])) for field in form if field.errors)
    return items
