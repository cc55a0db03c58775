"""Reading the audit log's filters from a query string, with GOV.UK-style errors.

Dates use the GOV.UK date input: separate day, month and year boxes. Nothing
typed is lost: :class:`FilterForm` keeps every raw value to show again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from voice.audit.services import AuditFilter
from voice.clock import DATE_RANGE_MESSAGE, usable_date

PARTS = ("day", "month", "year")
#: Query-string names of the filters (dates are ``from-day``, ``from-month`` and so on).
TEXT_NAMES = ("action", "actor", "object_type", "object_id")
DATE_NAMES = tuple(f"{which}-{part}" for which in ("from", "to") for part in PARTS)
MAX_TEXT = 254


@dataclass
class DateField:
    name: str  # "from" or "to"
    label: str  # "From date"
    values: dict[str, str]
    error: str = ""
    #: Which boxes to mark as wrong ("day", "month", "year").
    wrong: tuple[str, ...] = ()

    @property
    def first_wrong_id(self) -> str:
        return f"{self.name}-{self.wrong[0] if self.wrong else 'day'}"


@dataclass
class FilterForm:
    values: dict[str, str]
    dates: dict[str, DateField]
    #: (field id, message) for the error summary; messages per field in ``field_errors``.
    errors: list[tuple[str | None, str]] = field(default_factory=list)
    field_errors: dict[str, str] = field(default_factory=dict)
    chosen: AuditFilter = AuditFilter()

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as typed, for links (paging, CSV) that keep them."""
        items = [(name, self.values[name]) for name in TEXT_NAMES if self.values[name]]
        for date_field in self.dates.values():
            items.extend(
                (f"{date_field.name}-{part}", date_field.values[part])
                for part in PARTS
                if date_field.values[part]
            )
        return items


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _missing_message(label: str, missing: Sequence[str]) -> str:
    if len(missing) == 1:
        return f"{label} must include a {missing[0]}"
    return f"{label} must include a {missing[0]} and {missing[1]}"


def parse_date(date_field: DateField) -> date | None:
    """The date in ``date_field`` or None if it is empty; sets ``error`` and ``wrong`` if it is not real."""
    values = date_field.values
    label = date_field.label
    given = [part for part in PARTS if values[part]]
    if not given:
        return None
    missing = [part for part in PARTS if not values[part]]
    if missing:
        date_field.error = _missing_message(label, missing)
        date_field.wrong = tuple(missing)
        return None
    if not all(_digits(values[part]) for part in PARTS):
        date_field.error = f"{label} must be a real date"
        date_field.wrong = tuple(part for part in PARTS if not _digits(values[part]))
        return None
    if len(values["year"]) != 4:
        date_field.error = f"{label} must have 4 numbers in the year"
        date_field.wrong = ("year",)
        return None
    try:
        day = date(int(values["year"]), int(values["month"]), int(values["day"]))
    except ValueError:
        date_field.error = f"{label} must be a real date"
        date_field.wrong = PARTS
        return None
    if not usable_date(day):
        date_field.error = f"{label} {DATE_RANGE_MESSAGE}"
        date_field.wrong = ("year",)
        return None
    return day


def parse_filters(params: Mapping[str, str], actions: Sequence[str]) -> FilterForm:
    """Filters from ``params`` (a query string); the action must be one of ``actions``.

    Any object type is accepted (the list offered is only the types Voice writes today).
    """
    values = {name: (params.get(name) or "").strip()[:MAX_TEXT] for name in TEXT_NAMES}
    dates = {
        which: DateField(
            name=which,
            label=label,
            values={part: (params.get(f"{which}-{part}") or "").strip()[:8] for part in PARTS},
        )
        for which, label in (("from", "From date"), ("to", "To date"))
    }
    form = FilterForm(values=values, dates=dates)
    if values["action"] and values["action"] not in actions:
        form.field_errors["action"] = "Choose an action from the list"
    date_from = parse_date(dates["from"])
    date_to = parse_date(dates["to"])
    if date_from and date_to and date_to < date_from:
        dates["to"].error = "To date must be the same as or after the from date"
        dates["to"].wrong = PARTS
        date_to = None
    order = ["action", "actor", "object_type", "object_id"]
    for name in order:
        if name in form.field_errors:
            form.errors.append((name.replace("_", "-"), form.field_errors[name]))
    for date_field in dates.values():
        if date_field.error:
            form.errors.append((date_field.first_wrong_id, date_field.error))
    if not form.errors:
        form.chosen = AuditFilter(
            action=values["action"],
            actor=values["actor"],
            object_type=values["object_type"],
            object_id=values["object_id"],
            date_from=date_from,
            date_to=date_to,
        )
    return form


def page_cursor(params: Mapping[str, str], name: str) -> int | None:
    """A paging cursor (``before`` or ``after``): a positive whole number, or None."""
    raw = (params.get(name) or "").strip()
    if _digits(raw) and len(raw) <= 18:
        return int(raw)
    return None
