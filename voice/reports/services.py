"""The child-friendly version of the partnership's annual report, made from Voice's own data.

Everything on it has already been through a staff decision: contributions that were approved
and counted in figures, words that were approved as quotable (their redacted form only), the
priorities staff entered and the changes staff recorded. A reporting year runs from 1 April
to 31 March, UK time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import F, Q, Subquery
from tortoise.queryset import QuerySet

from voice.events.models import TakeoverEvent
from voice.feedback.models import Answer, Contribution, ContributionKind, Respondent, ScreeningLevel, Status
from voice.moderation.models import SafeguardingCase
from voice.priorities.models import InfluenceAction, Priority, reporting_year, year_bounds, year_dates
from voice.priorities.services import action_evidence

#: Most quotes shown; the newest approved quotable words come first.
QUOTES = 6
QUOTE_MAX = 300
#: Quotable words read at a time while filling the quotes.
QUOTE_PAGE = QUOTES * 4


@dataclass(frozen=True)
class Goal:
    title: str
    agency: str


@dataclass(frozen=True)
class Change:
    #: Empty when words it rests on are no longer approved: "You said" might be those words.
    you_said: str
    we_did: str  # safe HTML (sanitised with nh3 when staff saved it)
    agency: str
    happened_on: date
    #: The report it is on (``/report/<year>``).
    reporting_year: int


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
    #: Changes recorded for the year that are not shown: nothing approved stands under them now.
    changes_held: int
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


def _altered_words() -> Subquery:
    """Contributions with an answer that had something taken out: its redacted words differ from
    the original, or (once retention has deleted the original) still show a "[" mark."""
    differs = Q(text__not_isnull=True) & ~Q(redacted_text=F("text"))
    return Subquery(Answer.filter(differs | Q(redacted_text__contains="[")).values("contribution_id"))


def _quote_key(text: str) -> str:
    """The same words, whatever their capitals and spacing, are quoted once."""
    return " ".join(text.split()).casefold()


async def _quote_texts(ids: list[int]) -> dict[int, str]:
    """Each contribution's redacted answers, joined, spacing tidied."""
    rows = (
        await Answer.filter(contribution_id__in=ids).order_by("id").values("contribution_id", "redacted_text")
    )
    words: dict[int, list[str]] = {}
    for row in rows:
        redacted = " ".join(str(row["redacted_text"] or "").split())
        if redacted:
            words.setdefault(int(row["contribution_id"]), []).append(redacted)
    return {ident: " ".join(parts) for ident, parts in words.items()}


async def _quotes(start: datetime, end: datetime) -> list[Quote]:
    """Approved, quotable words in their redacted form, newest first, each text once. Words that
    had something removed are left out: a "[name]" in the middle reads badly to a child and hints
    at who it was.

    A possible disclosure is never quoted: not when screening flagged it, and not when a person
    raised a safeguarding case for it by hand (open, acknowledged or closed), even if it was
    approved as quotable before or after.

    The database leaves out everything it can; what only Python can judge (too long, empty, the
    same words again) is skipped page by page, so any number of unusable words never hides older
    usable ones, and no more than a page of rows is held at a time."""
    eligible = (
        _heard(start, end)
        .filter(quotable=True, screening_level=ScreeningLevel.NONE)
        .exclude(id__in=_with_a_case())
        .exclude(id__in=_altered_words())
    )
    found: list[Quote] = []
    seen: set[str] = set()
    after: tuple[datetime, int] | None = None
    while len(found) < QUOTES:
        page = eligible
        if after is not None:
            moment, last_id = after
            page = page.filter(Q(submitted_at__lt=moment) | Q(submitted_at=moment, id__lt=last_id))
        chosen = (
            await page.order_by("-submitted_at", "-id")
            .limit(QUOTE_PAGE)
            .values("id", "language", "submitted_at")
        )
        if not chosen:
            break
        texts = await _quote_texts([int(row["id"]) for row in chosen])
        for row in chosen:
            text = texts.get(int(row["id"]), "")
            key = _quote_key(text)
            if not text or len(text) > QUOTE_MAX or key in seen:
                continue
            seen.add(key)
            found.append(Quote(text, str(row["language"])))
            if len(found) == QUOTES:
                break
        if len(chosen) < QUOTE_PAGE:
            break
        after = (chosen[-1]["submitted_at"], int(chosen[-1]["id"]))
    return found


def _held_in(year: int) -> QuerySet[TakeoverEvent]:
    first, after = year_dates(year)
    return TakeoverEvent.filter(held_on__gte=first, held_on__lt=after)


async def _events_and_people(events: QuerySet[TakeoverEvent]) -> tuple[int, int]:
    rows = await events.values("participants")
    return len(rows), sum(int(row["participants"] or 0) for row in rows)


async def takeovers_in(year: int) -> tuple[int, int]:
    """How many takeover events were held in the reporting year, and how many took part (the
    board's figures: every event recorded)."""
    return await _events_and_people(_held_in(year))


async def takeovers_heard(year: int) -> tuple[int, int]:
    """Takeover events held in the reporting year that young people's approved words came from,
    and how many took part in them. An event recorded by mistake, or whose comments are not
    typed up or approved yet, is not a meeting young people can be told they took over."""
    start, end = year_bounds(year)
    heard = Contribution.filter(
        status=Status.APPROVED, submitted_at__gte=start, submitted_at__lt=end, event_id__not_isnull=True
    ).values("event_id")
    return await _events_and_people(_held_in(year).filter(id__in=Subquery(heard)))


async def _changes(year: int) -> tuple[list[Change], int]:
    """The year's changes, as far as the words they rest on are still approved: "You said" only
    while every contribution chosen for it still is, and the change only while something
    approved still stands under it (a contribution, or a theme with approved words from by then).
    Also how many changes were left out for that reason."""
    actions = await InfluenceAction.filter(reporting_year=year).order_by("happened_on", "id")
    shown = await changes_shown(actions)
    return shown, len(actions) - len(shown)


async def changes_shown(actions: Sequence[InfluenceAction]) -> list[Change]:
    """Of ``actions``, in their order, the changes the report shows, as it shows them (the
    report for their year, and a young person's ``/track`` page for words they rest on)."""
    evidence = await action_evidence(actions)
    return [
        Change(
            action.you_said if evidence[action.id].you_said_public else "",
            action.we_did,
            action.agency,
            action.happened_on,
            action.reporting_year,
        )
        for action in actions
        if evidence[action.id].public
    ]


async def child_report(year: int, today: date) -> ChildReport:
    start, end = year_bounds(year)
    counted = _heard(start, end).filter(counted=True)
    voices = await counted.count()
    lived = await counted.filter(kind=ContributionKind.LIVED_EXPERIENCE).count()
    language_rows = await counted.order_by("language").distinct().values("language")
    events, people = await takeovers_heard(year)
    priorities = await Priority.filter(reporting_year=year).order_by("position", "id")
    changes, held = await _changes(year)
    return ChildReport(
        year=year,
        finished=reporting_year(today) > year,
        voices=voices,
        lived_experience=lived,
        takeover_events=events,
        takeover_people=people,
        languages=len({row["language"] for row in language_rows}),
        goals=[Goal(p.child_friendly_title or p.title, p.owning_agency) for p in priorities],
        changes=changes,
        changes_held=held,
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
