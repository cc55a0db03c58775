"""The figures the partnership board needs for its statutory annual report, for one
reporting year (1 April to 31 March, UK time): who spoke, how, in what language, what was
decided, which priorities the words were linked to and what changed.

Every figure is a count; no words are read here. Counts are grouped in the database, so a
year with tens of thousands of contributions costs a handful of queries.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Case, When
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from voice.audit.services import csv_safe
from voice.events.models import TakeoverEvent
from voice.feedback.journey import AGE_BAND_WORDS
from voice.feedback.models import Contribution, Status
from voice.moderation.models import Theme
from voice.priorities.models import (
    EARLIEST_YEAR,
    InfluenceAction,
    Priority,
    reporting_year,
    year_bounds,
    year_dates,
    year_label,
)
from voice.priorities.services import action_evidence, priorities_reported_in
from voice.reports.services import takeovers_in

#: How each grouped value is shown; anything not listed is shown as stored.
LABELS: dict[str, dict[str, str]] = {
    "status": {
        "received": "Received",
        "in_review": "In review",
        "approved": "Approved",
        "rejected": "Rejected",
        "withdrawn": "Withdrawn",
    },
    "kind": {"feedback": "Feedback", "takeover": "Takeover events", "lived_experience": "Lived experience"},
    "source": {"online": "Online", "event": "At an event", "staff": "Written down by staff"},
    "respondent": {
        "young_person": "Young people",
        "parent_carer": "Parents and carers",
        "professional": "Professionals, for someone",
        "not_said": "Not said",
    },
    "screening_level": {
        "none": "No concern found",
        "concern": "Possible concern",
        "urgent": "Possibly urgent",
    },
    "language": {"en": "English", "ur": "Urdu", "pl": "Polish", "ar": "Arabic", "ro": "Romanian"},
    "age_band": AGE_BAND_WORDS,
}
NOT_COUNTED = "Changes not counted: the report for young people cannot show them"
#: The groupings shown, in order, with their headings.
GROUPS: tuple[tuple[str, str], ...] = (
    ("status", "Decision"),
    ("kind", "Kind"),
    ("source", "How it reached us"),
    ("respondent", "Who answered"),
    ("language", "Language"),
    ("age_band", "Age group"),
    ("area", "Area"),
    ("screening_level", "Screening"),
)


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    rows: list[Row]


@dataclass(frozen=True)
class PriorityFigures:
    title: str
    agency: str
    contributions: int
    themes: int
    #: Changes recorded under it that happened in the figures' year and still rest on approved
    #: words (see :attr:`Figures.changes`).
    changes: int
    #: How the row is named: another year's priority says which year it belongs to.
    label: str


@dataclass(frozen=True)
class Figures:
    year: int
    label: str
    total: int
    counted: int
    groups: list[Group]
    themes: list[Row]
    priorities: list[PriorityFigures]
    events: int
    event_people: int
    #: Changes that happened in the year and still rest on approved words (or on none at all):
    #: those the child-friendly report shows. Voice can no longer show that the others came
    #: from what young people said, since their words were withdrawn, rejected or put back (or
    #: what changed repeats a hidden personal detail; each priority's page says which).
    changes: int
    changes_not_counted: int


def _label(key: str, value: Any) -> str:
    text = str(value or "")
    return LABELS.get(key, {}).get(text, text or "Not said")


async def _group(key: str, heading: str, year: int) -> Group:
    start, end = year_bounds(year)
    rows = (
        await Contribution.filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(n=Count("id"))
        .group_by(key)
        .values(key, "n")
    )
    found = sorted(
        ((_label(key, row[key]), int(row["n"])) for row in rows), key=lambda item: (-item[1], item[0])
    )
    return Group(key, heading, [Row(label, count) for label, count in found])


async def _themes(year: int) -> list[Row]:
    start, end = year_bounds(year)
    rows = (
        await Theme.filter(
            contributions__status=Status.APPROVED,
            contributions__counted=True,
            contributions__submitted_at__gte=start,
            contributions__submitted_at__lt=end,
        )
        .annotate(n=Count("contributions__id"))
        .group_by("name")
        .values("name", "n")
    )
    return [
        Row(str(row["name"]), int(row["n"])) for row in sorted(rows, key=lambda r: (-int(r["n"]), r["name"]))
    ]


async def _standing_changes(year: int) -> tuple[Counter[int | None], int]:
    """The year's changes that still rest on approved words, by priority, and how many do not."""
    actions = await InfluenceAction.filter(reporting_year=year)
    evidence = await action_evidence(actions)
    standing = Counter(action.priority_id for action in actions if evidence[action.id].public)
    return standing, len(actions) - standing.total()


async def figures_for(year: int) -> Figures:
    start, end = year_bounds(year)
    in_year = Contribution.filter(submitted_at__gte=start, submitted_at__lt=end)
    events, people = await takeovers_in(year)
    standing, not_counted = await _standing_changes(year)
    priorities = [
        PriorityFigures(
            row.priority.title,
            row.priority.owning_agency,
            row.contributions,
            row.themes,
            standing[row.priority.id],
            label=row.priority.title
            if row.priority.reporting_year == year
            else f"{row.priority.title} (a {year_label(row.priority.reporting_year)} priority)",
        )
        for row in await priorities_reported_in(year)
    ]
    return Figures(
        year=year,
        label=year_label(year),
        total=await in_year.count(),
        counted=await in_year.filter(status=Status.APPROVED, counted=True).count(),
        groups=[await _group(key, heading, year) for key, heading in GROUPS],
        themes=await _themes(year),
        priorities=priorities,
        events=events,
        event_people=people,
        changes=standing.total(),
        changes_not_counted=not_counted,
    )


async def _years_named(rows: QuerySet[Any], year: Case) -> set[int]:
    """The distinct years ``year`` names for ``rows``, grouped in the database."""
    found = (
        await rows.annotate(year=year)
        .group_by("year")
        .order_by("year")  # in place of the model's ordering, which PostgreSQL would group by too
        .values("year")
    )
    return {int(row["year"]) for row in found if row["year"] is not None}


async def years_with_figures(today: date) -> list[int]:
    """Reporting years the board can ask figures for, newest first: every year up to this one
    with contributions, takeover events or priorities, and this one; never a year to come.

    Each source is one grouped query that names the reporting year in the database (a CASE
    over the years' bounds, newest first, so recent rows match at once), not a query a year.
    """
    current = reporting_year(today)
    newest_first = range(current, EARLIEST_YEAR - 1, -1)
    start, _ = year_bounds(EARLIEST_YEAR)
    _, end = year_bounds(current)
    received = Case(*(When(submitted_at__gte=year_bounds(year)[0], then=str(year)) for year in newest_first))
    years = await _years_named(Contribution.filter(submitted_at__gte=start, submitted_at__lt=end), received)
    first, _ = year_dates(EARLIEST_YEAR)
    _, after = year_dates(current)
    held = Case(*(When(held_on__gte=year_dates(year)[0], then=str(year)) for year in newest_first))
    years |= await _years_named(TakeoverEvent.filter(held_on__gte=first, held_on__lt=after), held)
    priorities = (
        await Priority.filter(reporting_year__gte=EARLIEST_YEAR, reporting_year__lte=current)
        .group_by("reporting_year")
        .order_by("reporting_year")
        .values("reporting_year")
    )
    years |= {int(row["reporting_year"]) for row in priorities}
    return sorted(years | {current}, reverse=True)


def _csv_rows(figures: Figures) -> Iterable[list[str]]:
    yield ["section", "item", "count"]
    yield ["total", "Contributions received", str(figures.total)]
    yield ["total", "Approved and counted in figures", str(figures.counted)]
    for group in figures.groups:
        for row in group.rows:
            yield [group.heading, row.label, str(row.count)]
    for row in figures.themes:
        yield ["Theme (approved)", row.label, str(row.count)]
    for priority in figures.priorities:
        yield ["Priority: contributions linked", priority.label, str(priority.contributions)]
        yield ["Priority: themes linked", priority.label, str(priority.themes)]
        yield ["Priority: changes recorded", priority.label, str(priority.changes)]
    yield ["Takeover events", "Events held", str(figures.events)]
    yield ["Takeover events", "Young people taking part", str(figures.event_people)]
    yield ["You said, we did", "Changes recorded", str(figures.changes)]
    yield ["You said, we did", NOT_COUNTED, str(figures.changes_not_counted)]


def figures_csv(figures: Figures) -> str:
    """The figures as CSV; cells a spreadsheet would run as formulas are quoted (staff type
    theme and priority names)."""
    out = io.StringIO()
    out.write("\ufeff")  # a byte-order mark, so Excel reads the names as UTF-8
    writer = csv.writer(out)
    for row in _csv_rows(figures):
        writer.writerow([csv_safe(cell) for cell in row])
    return out.getvalue()
