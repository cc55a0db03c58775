"""The child-friendly version of the partnership's annual report, made from Voice's own data.

Everything on it has already been through a staff decision: contributions that were approved
and counted in figures, words that were approved as quotable (their redacted form only), the
priorities staff entered and the changes staff recorded. A reporting year runs from 1 April
to 31 March, UK time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from voice.events.models import TakeoverEvent
from voice.feedback.models import Answer, Contribution, ContributionKind, Respondent, ScreeningLevel, Status
from voice.moderation.models import SafeguardingCase
from voice.priorities.models import InfluenceAction, Priority, reporting_year, year_bounds, year_dates

#: Most quotes shown; the newest approved quotable words come first.
QUOTES = 6
QUOTE_MAX = 300


@dataclass(frozen=True)
class Goal:
    title: str
    agency: str


@dataclass(frozen=True)
class Change:
    you_said: str
    we_did: str  # safe HTML (sanitised with nh3 when staff saved it)
    agency: str
    happened_on: date


@dataclass(frozen=True)
class Quote:
    text: str
    language: str


@dataclass(frozen=True)
class ChildReport:
    year: int
    finished: bool
    voices: int
    lived_experience: int
    takeover_events: int
    takeover_people: int
    languages: int
    goals: list[Goal]
    changes: list[Change]
    quotes: list[Quote]


def _heard(start: datetime, end: datetime) -> QuerySet[Contribution]:
    """Approved words from children, young people and families in the year. What a
    professional sent on someone's behalf is left out of a page written to children."""
    return Contribution.filter(status=Status.APPROVED, submitted_at__gte=start, submitted_at__lt=end).exclude(
        respondent=Respondent.PROFESSIONAL
    )


def _with_a_case() -> Subquery:
    """Contributions that have (or had) a safeguarding case, whoever opened it and whatever its
    state. ``contribution_id`` is null once a contribution is gone: NOT IN must never see a null."""
    return Subquery(SafeguardingCase.filter(contribution_id__isnull=False).values("contribution_id"))


async def _quotes(start: datetime, end: datetime) -> list[Quote]:
    """Approved, quotable words in their redacted form. Words that had something removed are
    left out: a "[name]" in the middle reads badly to a child and hints at who it was.

    A possible disclosure is never quoted: not when screening flagged it, and not when a person
    raised a safeguarding case for it by hand (open, acknowledged or closed), even if it was
    approved as quotable before or after."""
    chosen = (
        await _heard(start, end)
        .filter(quotable=True, screening_level=ScreeningLevel.NONE)
        .exclude(id__in=_with_a_case())
        .order_by("-submitted_at", "-id")
        .limit(QUOTES * 4)
        .values("id", "language")
    )
    if not chosen:
        return []
    ids = [int(row["id"]) for row in chosen]
    rows = (
        await Answer.filter(contribution_id__in=ids)
        .order_by("id")
        .values("contribution_id", "text", "redacted_text")
    )
    words: dict[int, list[str]] = {}
    spoiled: set[int] = set()
    for row in rows:
        redacted = str(row["redacted_text"] or "")
        if row["text"] is not None and redacted != row["text"]:
            spoiled.add(int(row["contribution_id"]))
        if redacted.strip():
            words.setdefault(int(row["contribution_id"]), []).append(" ".join(redacted.split()))
    found = []
    for row in chosen:
        ident = int(row["id"])
        text = " ".join(words.get(ident, []))
        if text and ident not in spoiled and "[" not in text and len(text) <= QUOTE_MAX:
            found.append(Quote(text, str(row["language"])))
        if len(found) == QUOTES:
            break
    return found


async def takeovers_in(year: int) -> tuple[int, int]:
    """How many takeover events were held in the reporting year, and how many took part."""
    first, after = year_dates(year)
    rows = await TakeoverEvent.filter(held_on__gte=first, held_on__lt=after).values("participants")
    return len(rows), sum(int(row["participants"] or 0) for row in rows)


async def child_report(year: int, today: date) -> ChildReport:
    start, end = year_bounds(year)
    counted = _heard(start, end).filter(counted=True)
    voices = await counted.count()
    lived = await counted.filter(kind=ContributionKind.LIVED_EXPERIENCE).count()
    language_rows = await counted.order_by("language").distinct().values("language")
    events, people = await takeovers_in(year)
    priorities = await Priority.filter(reporting_year=year).order_by("position", "id")
    actions = await InfluenceAction.filter(reporting_year=year).order_by("happened_on", "id")
    return ChildReport(
        year=year,
        finished=reporting_year(today) > year,
        voices=voices,
        lived_experience=lived,
        takeover_events=events,
        takeover_people=people,
        languages=len({row["language"] for row in language_rows}),
        goals=[Goal(p.child_friendly_title or p.title, p.owning_agency) for p in priorities],
        changes=[Change(a.you_said, a.we_did, a.agency, a.happened_on) for a in actions],
        quotes=await _quotes(start, end),
    )


async def years_with_reports(today: date) -> list[int]:
    """Reporting years up to this one that have priorities or changes, newest first."""
    current = reporting_year(today)
    years = {
        int(row["reporting_year"])
        for row in await Priority.all().order_by("reporting_year").distinct().values("reporting_year")
    }
    years |= {
        int(row["reporting_year"])
        for row in await InfluenceAction.all().order_by("reporting_year").distinct().values("reporting_year")
    }
    return sorted((year for year in years if year <= current), reverse=True)
