"""The partnership's priorities and the evidence that voice changed practice."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from voice.clock import EARLIEST_DATE, LATEST_DATE, UK

if TYPE_CHECKING:
    from voice.accounts.models import StaffUser
    from voice.feedback.models import Contribution
    from voice.moderation.models import Theme


def reporting_year(day: date) -> int:
    """The reporting year that day falls in, named by its first year.

    The partnership reports from 1 April to 31 March: 2025-04-01 and 2026-03-31
    are both in reporting year 2025 ("2025 to 2026").
    """
    return day.year if day.month >= 4 else day.year - 1


#: Reporting years staff may choose: each must start and end within the dates Voice accepts.
EARLIEST_YEAR = EARLIEST_DATE.year
LATEST_YEAR = LATEST_DATE.year - 1


def usable_year(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def year_label(year: int) -> str:
    """How a reporting year is written: 2026 is "2026 to 2027" (1 April to 31 March)."""
    return f"{year} to {year + 1}"


def year_dates(year: int) -> tuple[date, date]:
    """The reporting year as days: from 1 April ``year`` up to (not including) 1 April next."""
    return date(year, 4, 1), date(year + 1, 4, 1)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The reporting year as UTC instants: from midnight on 1 April, UK time, to the next."""
    first, after = year_dates(year)
    return (
        datetime.combine(first, time(), tzinfo=UK).astimezone(UTC),
        datetime.combine(after, time(), tzinfo=UK).astimezone(UTC),
    )


class Priority(Model):
    id = fields.IntField(primary_key=True)
    reporting_year = fields.IntField(db_index=True)
    position = fields.IntField(default=0)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    child_friendly_title = fields.CharField(max_length=200, default="")
    owning_agency = fields.CharField(max_length=120)

    class Meta:
        table = "priority"
        ordering = ["reporting_year", "position"]
        unique_together = (("reporting_year", "title"),)


# Links a contribution or a theme to a priority.
class PriorityLink(Model):
    id = fields.IntField(primary_key=True)
    priority: fields.ForeignKeyRelation[Priority] = fields.ForeignKeyField(
        "voice.Priority", related_name="links", on_delete=fields.CASCADE
    )
    contribution: fields.ForeignKeyNullableRelation[Contribution] = fields.ForeignKeyField(
        "voice.Contribution", null=True, related_name="priority_links", on_delete=fields.CASCADE
    )
    theme: fields.ForeignKeyNullableRelation[Theme] = fields.ForeignKeyField(
        "voice.Theme", null=True, related_name="priority_links", on_delete=fields.CASCADE
    )
    note = fields.TextField(default="")
    created_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    priority_id: int
    contribution_id: int | None
    theme_id: int | None

    class Meta:
        table = "priority_link"
        indexes = (("contribution_id",), ("theme_id",))


# What the partnership did because of what it heard: "You said, we did".
class InfluenceAction(Model):
    id = fields.IntField(primary_key=True)
    priority: fields.ForeignKeyNullableRelation[Priority] = fields.ForeignKeyField(
        "voice.Priority", null=True, related_name="actions", on_delete=fields.SET_NULL
    )
    reporting_year = fields.IntField(db_index=True)
    you_said = fields.TextField()
    we_did = fields.TextField()
    agency = fields.CharField(max_length=120, default="")
    happened_on = fields.DateField()
    created_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    # The one-time key of the form that recorded it (see ``TakeoverEvent.form_key``).
    form_key = fields.CharField(max_length=64, null=True, unique=True)
    # Set for good when retention deletes the original words behind it while "You said" (or
    # "We did") repeats a personal detail hidden from them: after that the detail cannot be
    # compared any more, and the report must go on leaving the words out.
    you_said_withheld = fields.BooleanField(default=False)
    we_did_withheld = fields.BooleanField(default=False)
    contributions: fields.ManyToManyRelation[Contribution] = fields.ManyToManyField(
        "voice.Contribution", related_name="influence_actions", through="influence_contribution"
    )
    themes: fields.ManyToManyRelation[Theme] = fields.ManyToManyField(
        "voice.Theme", related_name="influence_actions", through="influence_theme"
    )
    priority_id: int | None

    class Meta:
        table = "influence_action"
        ordering = ["-happened_on"]
