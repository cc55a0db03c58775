"""Priorities, the evidence linked to them, and "You said, we did".

Staff add the partnership's priorities for each reporting year, link approved contributions
(or whole themes) to them, and record what changed because of what was said. A young person
then sees "It helps with one of our big goals" and "Something changed because of it" at
``/track`` with their receipt code. Every change is in the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from voice.accounts.models import StaffUser
from voice.audit.services import fingerprint, record
from voice.clock import uk_date
from voice.db import added_once
from voice.feedback.models import Answer, Consent, Contribution, ScreeningLevel, Status
from voice.feedback.typed import without_invisible
from voice.moderation.models import Redaction, RedactionState, SafeguardingCase, Theme
from voice.moderation.services import redacted_snippets
from voice.ordering import Direction, swapped
from voice.priorities.models import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    InfluenceAction,
    Priority,
    PriorityLink,
    reporting_year,
    usable_year,
    year_label,
)
from voice.problems import Invalid, NotAllowed, Problem, lines, one_line, too_long, visible_or_empty
from voice.screening.pii import PLACEHOLDERS, common_english_words, name_data
from voice.web.richtext import clean_rich_text, link_addresses, plain_text

TITLE_MAX = 200
AGENCY_MAX = 120
DESCRIPTION_MAX = 4000
NOTE_MAX = 500
YOU_SAID_MAX = 1000
WE_DID_MAX = 4000


# --- priorities ------------------------------------------------------------


@dataclass(frozen=True)
class PriorityIn:
    reporting_year: int | None
    title: str
    child_friendly_title: str
    owning_agency: str
    description: str


#: A priority's details: what staff write on its form, save, and the audit log keeps.
DETAILS = ("reporting_year", "title", "child_friendly_title", "owning_agency", "description")


def priority_snapshot(priority: Priority | PriorityIn) -> dict[str, Any]:
    """What the audit log keeps of a priority (or of the details typed for one)."""
    return {name: getattr(priority, name) for name in DETAILS}


def priority_fingerprint(priority: Priority) -> str:
    """A short digest of a priority's details: its edit page carries it, so a save made from a
    page opened before someone else's save is caught rather than put back over theirs."""
    return fingerprint(priority_snapshot(priority))


#: The problem of an edit page opened before someone else saved the priority.
STALE_PRIORITY: Problem = (
    "stale",
    "Someone else saved this priority after you opened this page. Your changes below are not "
    "saved. To see theirs, open the priority in a new tab. To keep yours instead, press Save again.",
)


def _taken(title: str, year: int | None) -> str:
    return f"There is already a priority called {title} in {year_label(year or 0)}"


async def check_priority(data: PriorityIn, exclude_id: int | None = None) -> PriorityIn:
    """The cleaned values, or :class:`Invalid` with every problem found."""
    title = one_line(data.title)
    friendly = one_line(data.child_friendly_title)
    agency = one_line(data.owning_agency)
    description = clean_rich_text(data.description)
    problems: list[Problem] = []
    year = data.reporting_year
    if year is None:
        problems.append(("reporting_year", "Enter the year the reporting year starts, like 2026"))
    elif not usable_year(year):
        problems.append(("reporting_year", f"The year must be between {EARLIEST_YEAR} and {LATEST_YEAR}"))
    if not title:
        problems.append(("title", "Enter the priority's title"))
    problems += too_long("title", title, TITLE_MAX, "The title")
    problems += too_long("child_friendly_title", friendly, TITLE_MAX, "The child-friendly title")
    if not agency:
        problems.append(("owning_agency", "Enter who leads on this priority"))
    problems += too_long("owning_agency", agency, AGENCY_MAX, "Who leads")
    # Counted in words a reader sees, not in the tags and entities the sanitiser adds.
    problems += too_long("description", plain_text(description), DESCRIPTION_MAX, "The description")
    if title and year is not None and not problems:
        same = Priority.filter(reporting_year=year, title=title)
        if exclude_id is not None:
            same = same.exclude(id=exclude_id)
        if await same.exists():
            problems.append(("title", _taken(title, year)))
    if problems:
        raise Invalid(problems)
    assert year is not None
    return PriorityIn(year, title, friendly, agency, description)


async def add_priority(data: PriorityIn, by: StaffUser) -> Priority:
    """Add a priority at the end of its reporting year's list."""
    clean = await check_priority(data)
    try:
        return await _create_priority(clean, by)
    except IntegrityError:  # the same title saved a moment ago in another tab
        raise Invalid([("title", _taken(clean.title, clean.reporting_year))]) from None


async def _next_position(year: int) -> int:
    """The position after the last in the year's list (1 for an empty year)."""
    last = await Priority.filter(reporting_year=year).order_by("-position").first()
    return last.position + 1 if last is not None else 1


async def _ordered_ids(year: int) -> list[int]:
    ids: list[Any] = await (
        Priority.filter(reporting_year=year).order_by("position", "id").values_list("id", flat=True)
    )
    return [int(ident) for ident in ids]


async def _renumber(year: int, ordered_ids: Sequence[int] | None = None) -> None:
    """Positions 1..n in the year, in ``ordered_ids`` order (default: the present order, so
    any gap closes). Only priorities whose position changes are written. Call in a transaction."""
    ids = list(ordered_ids) if ordered_ids is not None else await _ordered_ids(year)
    rows = await Priority.filter(id__in=ids).values("id", "position")
    now = {int(row["id"]): int(row["position"]) for row in rows}
    for position, ident in enumerate(ids, start=1):
        if now.get(ident) != position:
            await Priority.filter(id=ident, reporting_year=year).update(position=position)


async def _create_priority(clean: PriorityIn, by: StaffUser) -> Priority:
    assert clean.reporting_year is not None
    async with in_transaction():
        priority = await Priority.create(
            reporting_year=clean.reporting_year,
            position=await _next_position(clean.reporting_year),
            title=clean.title,
            child_friendly_title=clean.child_friendly_title,
            owning_agency=clean.owning_agency,
            description=clean.description,
        )
        await record(
            "priority.created",
            by=by,
            object_type="priority",
            object_id=priority.id,
            after=priority_snapshot(priority),
        )
    return priority


async def update_priority(priority: Priority, data: PriorityIn, by: StaffUser, *, seen: str = "") -> Priority:
    """Save a priority's details. ``seen``: the :func:`priority_fingerprint` of the page the
    changes were made on ("" for none). If someone saved it since, nothing is saved
    (:data:`STALE_PRIORITY`), unless what was sent is what is there now (a double click)."""
    stale = bool(seen) and seen != priority_fingerprint(priority)
    try:
        clean = await check_priority(data, exclude_id=priority.id)
    except Invalid as invalid:
        raise Invalid(([STALE_PRIORITY] if stale else []) + list(invalid.problems)) from None
    if stale:
        if priority_snapshot(clean) != priority_snapshot(priority):
            raise Invalid([STALE_PRIORITY])
        return priority  # saved already, as sent
    try:
        return await _save_priority(priority, clean, by)
    except IntegrityError:  # the same title saved a moment ago in another tab
        await priority.refresh_from_db()
        raise Invalid([("title", _taken(clean.title, clean.reporting_year))]) from None


async def _save_priority(priority: Priority, clean: PriorityIn, by: StaffUser) -> Priority:
    assert clean.reporting_year is not None
    before = priority_snapshot(priority)
    old_year = priority.reporting_year
    moved_year = clean.reporting_year != old_year
    async with in_transaction():
        if moved_year:
            # To the end of the new year's list; the old year's list closes up behind it.
            priority.position = await _next_position(clean.reporting_year)
        priority.reporting_year = clean.reporting_year
        priority.title = clean.title
        priority.child_friendly_title = clean.child_friendly_title
        priority.owning_agency = clean.owning_agency
        priority.description = clean.description
        # The position is written only with a new year: one read before a move or a delete
        # elsewhere in the list must not put back a position that has changed since.
        await priority.save(update_fields=[*DETAILS, "position"] if moved_year else list(DETAILS))
        if moved_year:
            await _renumber(old_year)
        after = priority_snapshot(priority)
        if after != before:
            await record(
                "priority.updated",
                by=by,
                object_type="priority",
                object_id=priority.id,
                before=before,
                after=after,
            )
    return priority


async def move_priority(priority: Priority, direction: Direction, by: StaffUser) -> bool:
    """Swap a priority with the one above or below it in its reporting year's list.

    False (and nothing recorded) when it is already at that end. The year's positions are
    1..n afterwards, whatever gaps there were before.
    """
    async with in_transaction():
        year = priority.reporting_year
        move = swapped(await _ordered_ids(year), priority.id, direction)
        if move is None:
            return False
        await _renumber(year, move.ids)
        await record(
            "priority.moved",
            by=by,
            object_type="priority",
            object_id=priority.id,
            before={"reporting_year": year, "title": priority.title, "position": move.was},
            after={"reporting_year": year, "title": priority.title, "position": move.now},
        )
    await priority.refresh_from_db()
    return True


@dataclass(frozen=True)
class Evidence:
    """What keeps a priority from being deleted: every link and every recorded change."""

    contributions: int
    themes: int
    changes: int

    @property
    def any(self) -> bool:
        return bool(self.contributions or self.themes or self.changes)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def why_not_deletable(evidence: Evidence) -> str:
    """Why a priority with evidence cannot be deleted, in one sentence ("" when it can be)."""
    held = []
    if evidence.contributions:
        held.append(_count(evidence.contributions, "contribution is", "contributions are") + " linked to it")
    if evidence.themes:
        held.append(_count(evidence.themes, "theme is", "themes are") + " linked to it")
    if evidence.changes:
        held.append(_count(evidence.changes, "change is", "changes are") + " recorded under it")
    if not held:
        return ""
    listed = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    return f"This priority cannot be deleted because {listed}."


async def evidence_for(priority: Priority) -> Evidence:
    """Every link (whatever its contribution's status) and every change recorded under it."""
    links = await PriorityLink.filter(priority_id=priority.id).values("contribution_id", "theme_id")
    return Evidence(
        contributions=sum(1 for row in links if row["contribution_id"] is not None),
        themes=sum(1 for row in links if row["theme_id"] is not None),
        changes=await InfluenceAction.filter(priority_id=priority.id).count(),
    )


async def delete_priority(priority: Priority, by: StaffUser) -> None:
    """Delete a priority nothing is linked to and no change is recorded under, and close the
    gap it leaves in its year's list. :class:`NotAllowed` otherwise."""
    async with in_transaction():
        # On PostgreSQL this lock waits for anyone linking to the priority at this moment (the
        # foreign-key check on a new link or change takes a share lock on the priority), so
        # nothing slips in between the check and the delete.
        locked = await Priority.filter(id=priority.id).select_for_update().first()
        if locked is None:
            return
        evidence = await evidence_for(locked)
        if evidence.any:
            raise NotAllowed(why_not_deletable(evidence))
        before = {**priority_snapshot(locked), "position": locked.position}
        await locked.delete()
        await _renumber(locked.reporting_year)
        await record(
            "priority.deleted",
            by=by,
            object_type="priority",
            object_id=locked.id,
            before=before,
        )


@dataclass(frozen=True)
class PriorityRow:
    priority: Priority
    contributions: int
    themes: int
    actions: int


async def priorities_in(year: int) -> list[PriorityRow]:
    """The year's priorities in order, with how much evidence each has and every change
    recorded under it, whenever it happened (the staff list of priorities)."""
    return await _rows(await Priority.filter(reporting_year=year).order_by("position", "id"))


async def priorities_reported_in(year: int) -> list[PriorityRow]:
    """The priorities for a reporting year's figures, each counting only the changes that
    happened in that year: the year's own priorities in order, then any other year's priority
    with a change that happened in this one (recorded under last year's priority after
    1 April, say).

    A change belongs to the reporting year it happened in (``InfluenceAction.reporting_year``),
    as on the child-friendly report and in the figures' total, so it is counted in one year
    only, and the changes in this table add up to the year's total."""
    own = await Priority.filter(reporting_year=year).order_by("position", "id")
    changed: list[Any] = await InfluenceAction.filter(
        reporting_year=year, priority_id__not_isnull=True
    ).values_list("priority_id", flat=True)
    others = (
        await Priority.filter(id__in=sorted({int(ident) for ident in changed}))
        .exclude(reporting_year=year)
        .order_by("reporting_year", "position", "id")
        if changed
        else []
    )
    return await _rows([*own, *others], changes_in=year)


async def _rows(priorities: Sequence[Priority], *, changes_in: int | None = None) -> list[PriorityRow]:
    """Each priority with its approved contributions and themes linked, and its changes (only
    those that happened in reporting year ``changes_in``, if given)."""
    ids = [priority.id for priority in priorities]
    links = await PriorityLink.filter(priority_id__in=ids).values(
        "priority_id", "contribution_id", "contribution__status", "theme_id"
    )
    # Only approved words count, as on /track and in the report.
    contributions: Counter[int] = Counter(
        int(row["priority_id"])
        for row in links
        if row["contribution_id"] is not None and row["contribution__status"] == Status.APPROVED.value
    )
    themes: Counter[int] = Counter(int(row["priority_id"]) for row in links if row["theme_id"] is not None)
    in_year = {} if changes_in is None else {"reporting_year": changes_in}
    action_rows = await InfluenceAction.filter(priority_id__in=ids, **in_year).values("priority_id")
    actions: Counter[int] = Counter(int(row["priority_id"]) for row in action_rows)
    return [
        PriorityRow(priority, contributions[priority.id], themes[priority.id], actions[priority.id])
        for priority in priorities
    ]


async def years_to_show(today: date) -> list[int]:
    """Reporting years that have priorities, and the current one, newest first."""
    rows = await Priority.all().order_by("reporting_year").distinct().values("reporting_year")
    years = {int(row["reporting_year"]) for row in rows} | {reporting_year(today)}
    return sorted(years, reverse=True)


async def linkable_priorities(today: date) -> list[Priority]:
    """Priorities a contribution or theme may be linked to: this reporting year's and last year's."""
    this_year = reporting_year(today)
    return await Priority.filter(reporting_year__in=(this_year, this_year - 1)).order_by(
        "-reporting_year", "position", "id"
    )


# --- links -----------------------------------------------------------------


async def link_contribution(
    contribution: Contribution, priority_id: int | None, note: str, by: StaffUser, today: date
) -> PriorityLink:
    """Link an approved contribution to a priority of this reporting year or last year's.

    Problems about the whole section (not approved, no priorities yet) are keyed
    ``priorities``, the section's id, because the page then shows no priority field.
    """
    if Status(contribution.status) is not Status.APPROVED:
        raise Invalid([("priorities", "Approve the contribution before you link it to a priority")])
    allowed = {priority.id: priority for priority in await linkable_priorities(today)}
    if not allowed:
        raise Invalid([("priorities", "There are no priorities for this reporting year or last year yet")])
    priority = allowed.get(priority_id) if priority_id is not None else None
    cleaned = one_line(note)
    problems: list[Problem] = []
    if priority is None:
        problems.append(("link-priority", "Choose a priority"))
    elif await PriorityLink.exists(priority_id=priority.id, contribution_id=contribution.id):
        problems.append(("link-priority", f"It is already linked to {priority.title}"))
    problems += too_long("link-note", cleaned, NOTE_MAX, "The note")
    if problems:
        raise Invalid(problems)
    assert priority is not None
    async with in_transaction():
        link = await PriorityLink.create(
            priority=priority, contribution=contribution, note=cleaned, created_by=by
        )
        await record(
            "contribution.priority_linked",
            by=by,
            object_type="contribution",
            object_id=contribution.id,
            after={"priority_id": priority.id, "priority": priority.title, "note": cleaned},
        )
    return link


async def link_theme(priority: Priority, theme_id: int | None, note: str, by: StaffUser) -> PriorityLink:
    """Link a theme: every approved contribution with it counts as evidence for the priority."""
    theme = await Theme.get_or_none(id=theme_id) if theme_id is not None else None
    cleaned = one_line(note)
    problems: list[Problem] = []
    if theme is None:
        problems.append(("theme", "Choose a theme"))
    elif await PriorityLink.exists(priority_id=priority.id, theme_id=theme.id):
        problems.append(("theme", f"The theme {theme.name} is already linked to this priority"))
    problems += too_long("theme_note", cleaned, NOTE_MAX, "The note")
    if problems:
        raise Invalid(problems)
    assert theme is not None
    async with in_transaction():
        link = await PriorityLink.create(priority=priority, theme=theme, note=cleaned, created_by=by)
        await record(
            "theme.priority_linked",
            by=by,
            object_type="theme",
            object_id=theme.id,
            after={
                "priority_id": priority.id,
                "priority": priority.title,
                "theme": theme.name,
                "note": cleaned,
            },
        )
    return link


async def unlink(link: PriorityLink, by: StaffUser) -> None:
    """Remove a link. "What changed" records made from it stay: they are history."""
    priority = await Priority.get(id=link.priority_id)
    is_theme = link.theme_id is not None
    before = {"priority_id": priority.id, "priority": priority.title, "note": link.note}
    async with in_transaction():
        await link.delete()
        await record(
            "theme.priority_unlinked" if is_theme else "contribution.priority_unlinked",
            by=by,
            object_type="theme" if is_theme else "contribution",
            object_id=str(link.theme_id if is_theme else link.contribution_id),
            before=before,
        )


@dataclass(frozen=True)
class LinkedContribution:
    link_id: int
    contribution_id: int
    snippet: str
    note: str
    status: Status
    #: The contribution's language code, for ``lang`` on its words.
    language: str = "en"
    #: A safeguarding case was raised for it: its words are not shown here.
    has_case: bool = False
    #: Its author agreed to have their words quoted ("You said" may not repeat them if not).
    may_quote: bool = True


@dataclass(frozen=True)
class LinkedTheme:
    link_id: int
    theme_id: int
    name: str
    note: str
    approved: int
    #: Of its words, how many may be a disclosure (any status): a change resting on the theme
    #: does not show "You said" on the report for young people.
    disclosures: int = 0


async def possible_disclosures(rows: Sequence[dict[str, Any]]) -> set[int]:
    """Which contributions (rows with ``id`` and ``screening_level``) may be a disclosure: a
    safeguarding case was raised for them, open or closed, or screening flagged them (retention
    deletes a closed case's record; raising a case leaves the level up for good)."""
    ids = [int(row["id"]) for row in rows]
    raised = {
        int(row["contribution_id"])
        for row in await SafeguardingCase.filter(contribution_id__in=ids).values("contribution_id")
    }
    flagged = {int(row["id"]) for row in rows if row["screening_level"] != ScreeningLevel.NONE}
    return raised | flagged


async def linked_contributions(priority: Priority) -> list[LinkedContribution]:
    links = await PriorityLink.filter(priority_id=priority.id, contribution_id__not_isnull=True).order_by(
        "created_at", "id"
    )
    ids = [link.contribution_id for link in links if link.contribution_id is not None]
    rows = await Contribution.filter(id__in=ids).values(
        "id", "status", "language", "screening_level", "consent"
    )
    statuses = {int(row["id"]): Status(row["status"]) for row in rows}
    languages = {int(row["id"]): str(row["language"]) for row in rows}
    unquotable = {int(row["id"]) for row in rows if row["consent"] == Consent.NOT_QUOTABLE}
    # Only approved words are shown: withdrawn or rejected ones leave every page but the item's.
    # Nor the words of a possible disclosure (a safeguarding case was raised, open or not): this
    # page is read by analysts and partners, and the public report leaves them out too.
    # Screening's level counts too: retention deletes a closed case's record, and raising a case
    # (by screening or by hand) leaves the level up for good, as the public report checks.
    with_case = await possible_disclosures(rows)
    shown = [ident for ident in ids if statuses[ident] is Status.APPROVED and ident not in with_case]
    snippets = await redacted_snippets(shown)
    return [
        LinkedContribution(
            link.id,
            ident,
            snippets.get(ident, ""),
            link.note,
            statuses[ident],
            languages[ident],
            has_case=ident in with_case,
            may_quote=ident not in unquotable,
        )
        for link, ident in zip(links, ids, strict=True)
    ]


async def linked_themes(priority: Priority) -> list[LinkedTheme]:
    links = await PriorityLink.filter(priority_id=priority.id, theme_id__not_isnull=True).prefetch_related(
        "theme"
    )
    theme_ids = [link.theme_id for link in links if link.theme_id is not None]
    rows = await Contribution.filter(themes__id__in=theme_ids, status=Status.APPROVED).values("themes__id")
    approved: Counter[int] = Counter(int(row["themes__id"]) for row in rows)
    flagged: Counter[int] = Counter(theme for theme, _ident, _said in await _theme_disclosures(theme_ids))
    return [
        LinkedTheme(
            link.id,
            link.theme.id,
            link.theme.name,
            link.note,
            approved[link.theme.id],
            flagged[link.theme.id],
        )
        for link in sorted(links, key=lambda item: item.theme.name.lower() if item.theme else "")
        if link.theme is not None
    ]


async def links_of(contribution: Contribution) -> list[PriorityLink]:
    """The priorities a contribution is linked to itself (not through a theme)."""
    return (
        await PriorityLink.filter(contribution_id=contribution.id)
        .order_by("created_at", "id")
        .prefetch_related("priority")
    )


# --- "You said, we did" ----------------------------------------------------


@dataclass(frozen=True)
class ActionIn:
    you_said: str
    we_did: str
    agency: str
    happened_on: date | None
    contribution_ids: tuple[int, ...]
    theme_ids: tuple[int, ...]


def action_snapshot(
    action: InfluenceAction, contribution_ids: Sequence[int], theme_ids: Sequence[int]
) -> dict[str, Any]:
    return {
        "priority_id": action.priority_id,
        "you_said": action.you_said,
        "we_did": action.we_did,
        "agency": action.agency,
        "happened_on": action.happened_on.isoformat(),
        "contribution_ids": sorted(contribution_ids),
        "theme_ids": sorted(theme_ids),
    }


async def _check_action(priority: Priority, data: ActionIn, today: date) -> ActionIn:
    problems: list[Problem] = []
    you_said = lines(data.you_said)
    we_did = clean_rich_text(data.we_did)
    agency = one_line(data.agency)
    if not you_said:
        problems.append(("you_said", "Enter what young people said"))
    problems += too_long("you_said", you_said, YOU_SAID_MAX, "What young people said")
    we_did_words = visible_or_empty(plain_text(we_did))
    if not we_did_words:
        problems.append(("we_did", "Enter what changed because of it"))
    problems += too_long("we_did", we_did_words, WE_DID_MAX, "What changed")
    problems += too_long("agency", agency, AGENCY_MAX, "Who made the change")
    if data.happened_on is None:
        problems.append(("happened_on", "Enter the date it changed"))
    elif data.happened_on > today:
        problems.append(("happened_on", "The date it changed must be today or in the past"))
    # Only what this priority offers counts: approved contributions and themes linked to it
    # (ids only; the page's words and counts are not needed to check the boxes).
    links = PriorityLink.filter(priority_id=priority.id)
    approved = links.filter(contribution__status=Status.APPROVED)
    with_theme = links.filter(theme_id__not_isnull=True)
    linked = {int(row["contribution_id"]) for row in await approved.values("contribution_id")}
    themes = {int(row["theme_id"]) for row in await with_theme.values("theme_id")}
    contribution_ids = tuple(sorted(set(data.contribution_ids) & linked))
    theme_ids = tuple(sorted(set(data.theme_ids) & themes))
    firsts = await _first_approved_words(theme_ids)
    unheard = [name for name, first in firsts if first is None]
    if not contribution_ids and not theme_ids:
        problems.append(("evidence", "Choose at least one contribution or theme that led to the change"))
    elif unheard:
        problems += [
            (
                "evidence",
                f"The theme {name} has no approved contributions yet, "
                "so nothing in it can have led to a change",
            )
            for name in unheard
        ]
    elif data.happened_on is not None and data.happened_on <= today:
        earliest = await _earliest_change_date(contribution_ids, firsts)
        if earliest is not None and data.happened_on < earliest[0]:
            day, why = earliest
            problems.append(("happened_on", f"The date it changed must be on or after {_day(day)}, {why}"))
    copied = await copied_unquotable(you_said, contribution_ids, theme_ids)
    if copied:
        numbers = ", ".join(str(ident) for ident in copied)
        problems.append(
            (
                "you_said",
                f"What young people said copies the words of contribution {numbers}. "
                "They did not agree to be quoted, so say it in your own words",
            )
        )
    for field, label, words in (
        ("you_said", "What young people said", you_said),
        ("we_did", "What changed", readable_words(we_did)),
    ):
        repeated = await hidden_details_repeated(words, contribution_ids, theme_ids)
        if repeated:
            problems.append((field, _repeats_message(label, repeated)))
    if problems:
        raise Invalid(problems)
    return ActionIn(
        you_said, we_did, agency or priority.owning_agency, data.happened_on, contribution_ids, theme_ids
    )


def _repeats_message(label: str, repeated: Sequence[tuple[int, str]]) -> str:
    """Which contributions' hidden details were repeated, and of what kind (never the words)."""
    numbers = ", ".join(sorted({str(ident) for ident, _kind in repeated}, key=int))
    kinds = ", ".join(sorted({PLACEHOLDERS.get(kind, "[personal detail]") for _ident, kind in repeated}))
    return f"{label} includes personal details hidden from contribution {numbers} ({kinds}). Leave them out"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


#: "You said" quotes someone when it repeats this many of their words in a row (or all of its
#: own words, when it has fewer but at least ``_QUOTE_MIN_WORDS``).
_QUOTE_RUN = 5
_QUOTE_MIN_WORDS = 4
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("’", "'").replace("'", ""))


def _runs(words: Sequence[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[start : start + size]) for start in range(len(words) - size + 1)}


def _quoting_runs(you_said: str) -> tuple[int, set[tuple[str, ...]]]:
    """How many words in a row make ``you_said`` a quote, and its runs of that many: five, or
    all of a shorter "You said" of four words or more (no runs for a shorter one)."""
    said = _words(you_said)
    size = min(_QUOTE_RUN, len(said))
    return size, _runs(said, size) if size >= _QUOTE_MIN_WORDS else set()


def _holds(words: str, quoting: tuple[int, set[tuple[str, ...]]]) -> bool:
    size, runs = quoting
    return not runs.isdisjoint(_runs(_words(words), size))


def quotes(you_said: str, words: str) -> bool:
    """Whether ``you_said`` repeats ``words`` word for word: a run of five of them in a row
    (ignoring case and punctuation), or all of a shorter "You said" of four words or more."""
    return _holds(words, _quoting_runs(you_said))


async def copied_unquotable(
    you_said: str, contribution_ids: Sequence[int], theme_ids: Sequence[int]
) -> list[int]:
    """The contributions, chosen or in the chosen themes, whose authors did not agree to be
    quoted and whose words ``you_said`` repeats (see :func:`quotes`). Words they agreed to
    have quoted may be repeated, whether or not a moderator chose them for the report's quotes."""
    quoting = _quoting_runs(you_said)
    if not quoting[1]:
        return []
    unquotable = Answer.filter(contribution__consent=Consent.NOT_QUOTABLE)
    fields = ("contribution_id", "text", "redacted_text")
    rows = await unquotable.filter(contribution_id__in=list(contribution_ids)).values(*fields)
    if theme_ids:
        rows += await unquotable.filter(contribution__themes__id__in=list(theme_ids)).values(*fields)
    return sorted({int(row["contribution_id"]) for row in rows if _answer_quoted(row, quoting)})


#: Redactions that hide words from readers: accepted, and suggested ones not yet decided.
HIDING = (RedactionState.SUGGESTED, RedactionState.ACCEPTED)
DETAIL_FIELDS = ("answer__text", "start", "end", "kind")
#: A number hidden as a detail is repeated when its digits are, however spaced, if it has this
#: many (a phone number, say); shorter ones only as words.
_DETAIL_DIGITS = 6


def _detail(row: dict[str, Any]) -> str:
    """The words a redaction hides (none once retention has deleted the original)."""
    return str(row["answer__text"] or "")[int(row["start"]) : int(row["end"])]


def _digits(text: str) -> str:
    """The digits of ``text`` as 0-9, whatever script they are written in (Arabic-Indic, full width)."""
    return "".join(str(unicodedata.decimal(char)) for char in text if char.isdecimal())


def _runs_in(words: Sequence[str], said: Sequence[str]) -> bool:
    size = len(words)
    return bool(size) and any(
        said[start : start + size] == list(words) for start in range(len(said) - size + 1)
    )


#: Kinds of detail any word of which, on its own, gives the detail away: "Jamie" of a hidden
#: "Jamie Smith", "Parkside" of "Parkside Academy" (see :func:`_repeats_a_word`).
_WORD_BY_WORD = frozenset({"name", "school", "address"})
_APOSTROPHES = str.maketrans({"’": " ", "'": " ", "ʼ": " ", "‘": " "})


def _forms(text: str) -> list[list[str]]:
    """The words of ``text`` read two ways: an apostrophe joining ("OBrien") and splitting
    ("Kayden" "s"), so a possessive or a name with an apostrophe is found either way."""
    return [_words(text), _WORD.findall(text.casefold().translate(_APOSTROPHES))]


def _repeats_a_word(said: str, detail: str, kind: str) -> bool:
    """Whether ``said`` has a word of a hidden name, school or address on its own.

    A word no everyday English word counts however it is written ("Parkside", "Kayden"). An
    everyday word ("Road", "Academy") of a school or an address only counts in the detail's
    run of words. Of a name, an everyday word that is a name too ("Jamie", "Smith", "Will")
    counts written with a capital, as a name is; the commonest words ("Young") never alone.
    Initials and numbers only count in the run."""
    large, everyday = common_english_words(), name_data().common
    tokens = _WORD.findall(said.translate(_APOSTROPHES))
    folded = {word.casefold() for form in _forms(said) for word in form}
    capitalised = {word.casefold() for word in tokens if word[:1].isupper()}
    for word in {w.casefold() for w in _WORD.findall(detail.translate(_APOSTROPHES))}:
        if len(word) < 3 or word.isdecimal() or word in everyday:
            continue
        if word not in large:
            if word in folded:
                return True
        elif kind == "name" and word in capitalised:
            return True
    return False


def _phone_forms(digits: str) -> list[str]:
    """A number's digits, and for a UK number its digits after the 0 (+44 7700 900123)."""
    return [digits, digits[1:]] if digits.startswith("0") and len(digits) > _DETAIL_DIGITS else [digits]


def repeats_detail(you_said: str, detail: str, kind: str = "") -> bool:
    """Whether ``you_said`` repeats a hidden ``detail``: its words in a row (ignoring case,
    punctuation, and an apostrophe: "Kayden's" repeats "Kayden"), or, for a number of six
    digits or more, its digits however they are spaced (a UK number with +44 as well).

    A detail of one everyday English word (screening may take "Will" or "Hope" for a name) only
    counts written as it was, capital and all: "we will" does not repeat "Will". For a name, a
    school or an address (``kind``), one of its words on its own repeats it too (see
    :func:`_repeats_a_word`)."""
    said, detail = without_invisible(you_said), without_invisible(detail)
    words = _words(detail)
    if len(words) == 1 and words[0] in common_english_words():
        as_written = _WORD.findall(said.translate(_APOSTROPHES))
        if _runs_in(_WORD.findall(detail.translate(_APOSTROPHES)), as_written):
            return True
    elif any(_runs_in(run, form) for run, form in zip(_forms(detail), _forms(said), strict=True)):
        return True
    if kind in _WORD_BY_WORD and len(words) > 1 and _repeats_a_word(said, detail, kind):
        return True
    digits, said_digits = _digits(detail), _digits(said)
    return any(len(form) >= _DETAIL_DIGITS and form in said_digits for form in _phone_forms(digits))


async def hidden_details_repeated(
    you_said: str, contribution_ids: Sequence[int], theme_ids: Sequence[int]
) -> list[tuple[int, str]]:
    """(contribution, kind) for each personal detail hidden from the chosen contributions, or
    from those in the chosen themes, that ``you_said`` repeats (see :func:`repeats_detail`)."""
    hiding = Redaction.filter(state__in=HIDING)
    fields = ("answer__contribution_id", *DETAIL_FIELDS)
    rows = await hiding.filter(answer__contribution_id__in=list(contribution_ids)).values(*fields)
    if theme_ids:
        rows += await hiding.filter(answer__contribution__themes__id__in=list(theme_ids)).values(*fields)
    return sorted(
        {
            (int(row["answer__contribution_id"]), str(row["kind"]))
            for row in rows
            if repeats_detail(you_said, _detail(row), str(row["kind"]))
        }
    )


async def _first_approved_words(theme_ids: Sequence[int]) -> list[tuple[str, datetime | None]]:
    """Each chosen theme's name, by name, with when its first approved words were said or sent
    (None if it has none: a theme is evidence only through its approved words)."""
    firsts: list[tuple[str, datetime | None]] = []
    for theme in await Theme.filter(id__in=list(theme_ids)).order_by("name"):
        first = (
            await Contribution.filter(themes__id=theme.id, status=Status.APPROVED)
            .order_by("submitted_at")
            .first()
            .values_list("submitted_at", flat=True)
        )
        firsts.append((theme.name, first if isinstance(first, datetime) else None))
    return firsts


async def _earliest_change_date(
    contribution_ids: Sequence[int], theme_firsts: Sequence[tuple[str, datetime | None]]
) -> tuple[date, str] | None:
    """The earliest day (UK) a change resting on these words can have happened, and why.

    The change happened because of every contribution chosen, so none can be newer than it:
    the newest one sets the day (the oldest would let words that came later "lead" to it).
    A theme leads to a change through its approved words from on or before the change's day
    (as on /track), so each theme chosen needs one: its first sets the day. Words are dated
    when they were said or sent (``submitted_at``; a takeover comment, its event's day).
    """
    found: tuple[date, str] | None = None
    if contribution_ids:
        moments: list[Any] = await Contribution.filter(id__in=list(contribution_ids)).values_list(
            "submitted_at", flat=True
        )
        if moments:
            found = (
                max(uk_date(moment) for moment in moments),
                "the date of the newest contribution you chose",
            )
    for name, first in theme_firsts:
        if first is not None and (found is None or uk_date(first) > found[0]):
            found = (
                uk_date(first),
                f"the date of the first approved contribution with the theme {name}",
            )
    return found


async def add_action(
    priority: Priority, data: ActionIn, by: StaffUser, today: date, form_key: str | None = None
) -> InfluenceAction:
    """Record what changed because of what was said, linked to the words that led to it.

    The same form sent again (``form_key``) gives the change it recorded."""

    async def add() -> InfluenceAction:
        clean = await _check_action(priority, data, today)
        assert clean.happened_on is not None
        async with in_transaction():
            action = await InfluenceAction.create(
                priority=priority,
                reporting_year=reporting_year(clean.happened_on),
                you_said=clean.you_said,
                we_did=clean.we_did,
                agency=clean.agency,
                happened_on=clean.happened_on,
                created_by=by,
                form_key=form_key,
            )
            if clean.contribution_ids:
                await action.contributions.add(*await Contribution.filter(id__in=clean.contribution_ids))
            if clean.theme_ids:
                await action.themes.add(*await Theme.filter(id__in=clean.theme_ids))
            await record(
                "influence_action.created",
                by=by,
                object_type="influence_action",
                object_id=action.id,
                after=action_snapshot(action, clean.contribution_ids, clean.theme_ids),
            )
        return action

    return await added_once(InfluenceAction, form_key, add)


async def remove_action(action: InfluenceAction, by: StaffUser) -> None:
    contribution_ids = [int(row["id"]) for row in await action.contributions.all().values("id")]
    theme_ids = [int(row["id"]) for row in await action.themes.all().values("id")]
    before = action_snapshot(action, contribution_ids, theme_ids)
    async with in_transaction():
        await action.delete()
        await record(
            "influence_action.deleted",
            by=by,
            object_type="influence_action",
            object_id=action.id,
            before=before,
        )


@dataclass(frozen=True)
class ActionEvidence:
    """What a recorded change still rests on.

    Every change is recorded from approved words, but words can be withdrawn, rejected or put
    back in review afterwards. The public report must then stop showing them: "You said" may be
    those very words, so it is left out while any contribution the change rests on is no longer
    approved, and a change left with nothing approved to stand on is not shown at all.
    """

    #: Contributions chosen when it was recorded.
    contributions: int = 0
    #: Of those, how many were withdrawn since.
    withdrawn: int = 0
    #: Of those, how many are rejected or back in review (no longer approved, not withdrawn).
    not_approved: int = 0
    #: Themes chosen when it was recorded.
    themes: int = 0
    #: Of those, how many still have approved words from on or before the day it happened
    #: (as on /track: a change through a theme is "because of" words said by then).
    themes_standing: int = 0
    #: Words in those themes, said by then, that were withdrawn, rejected or put back in review:
    #: "You said" may be theirs too.
    theme_words_gone: int = 0
    #: Contributions it rests on that may be a disclosure: a safeguarding case was raised for
    #: them (by screening or by hand, open or closed), or screening flagged them. Staff may
    #: have written their words as "You said", so the public report never shows it.
    disclosures: int = 0
    #: The same for words in the themes it rests on that were there when it was recorded
    #: (sent by then): staff may have written those as "You said" too.
    theme_disclosures: int = 0
    #: Whether "You said" repeats, word for word, the words of someone who did not agree to
    #: be quoted (chosen, or in its themes by the time it was recorded; see :func:`quotes`).
    #: The form refuses such a "You said"; this catches changes recorded before it did.
    copies_unquotable: bool = False
    #: Whether "You said" repeats a personal detail hidden (or suggested for hiding) from the
    #: words it rests on: staff may have copied it from the original. The form refuses it now.
    repeats_hidden: bool = False
    #: The same for "We did": the change is then not on the report at all.
    we_did_repeats_hidden: bool = False

    @property
    def gone(self) -> int:
        """Contributions it rests on that are no longer approved, withdrawn or otherwise."""
        return self.withdrawn + self.not_approved

    @property
    def approved(self) -> int:
        return self.contributions - self.gone

    @property
    def public(self) -> bool:
        """Whether the public report shows the change at all: not when what changed repeats a
        hidden personal detail, nor once nothing approved stands under it. One recorded with no
        evidence (only possible outside the form, which requires some) has nothing to lose."""
        if self.we_did_repeats_hidden:
            return False
        if not self.contributions and not self.themes:
            return True
        return self.approved > 0 or self.themes_standing > 0

    @property
    def you_said_public(self) -> bool:
        """Whether the public report shows its "You said": never once words it rests on have
        left, nor when they may be a disclosure, since staff may have written those very words
        there."""
        return (
            self.public
            and self.gone == 0
            and self.theme_words_gone == 0
            and self.disclosures == 0
            and self.theme_disclosures == 0
            and not self.copies_unquotable
            and not self.repeats_hidden
        )


async def _first_approved_days(theme_ids: Sequence[int]) -> dict[int, date]:
    """Each theme's first approved words, as a UK day (themes with none are left out).
    One small query per theme: a change rests on a handful at most."""
    firsts: dict[int, date] = {}
    for theme_id in sorted(set(theme_ids)):
        first = (
            await Contribution.filter(themes__id=theme_id, status=Status.APPROVED)
            .order_by("submitted_at")
            .first()
            .values_list("submitted_at", flat=True)
        )
        if isinstance(first, datetime):
            firsts[theme_id] = uk_date(first)
    return firsts


async def action_evidence(actions: Sequence[InfluenceAction]) -> dict[int, ActionEvidence]:
    """What each change still rests on, by the change's id (three queries, and one per theme)."""
    ids = [action.id for action in actions]
    if not ids:
        return {}
    contributions: Counter[int] = Counter()
    withdrawn: Counter[int] = Counter()
    not_approved: Counter[int] = Counter()
    disclosures: Counter[int] = Counter()
    rows = await Contribution.filter(influence_actions__id__in=ids).values(
        "influence_actions__id", "id", "status", "screening_level"
    )
    with_case = await possible_disclosures(rows)
    for row in rows:
        ident = int(row["influence_actions__id"])
        status = Status(row["status"])
        contributions[ident] += 1
        if int(row["id"]) in with_case:
            disclosures[ident] += 1
        if status is Status.WITHDRAWN:
            withdrawn[ident] += 1
        elif status is not Status.APPROVED:
            not_approved[ident] += 1
    chosen = await _themes_of(ids)
    all_themes = sorted({theme for themes in chosen.values() for theme in themes})
    firsts = await _first_approved_days(all_themes)
    left = await _theme_words_gone(all_themes)
    flagged = await _theme_disclosures(all_themes)
    copying = await _copying_unquotable(actions, chosen)
    repeating, repeating_did = await _repeating_hidden(actions, chosen)
    found: dict[int, ActionEvidence] = {}
    for action in actions:
        themes = chosen.get(action.id, [])
        standing = sum(1 for theme in themes if theme in firsts and firsts[theme] <= action.happened_on)
        theme_gone = len(
            {ident for theme, ident, day in left if theme in themes and day <= action.happened_on}
        )
        theme_flagged = len(
            {ident for theme, ident, said in flagged if theme in themes and said <= action.created_at}
        )
        found[action.id] = ActionEvidence(
            contributions[action.id],
            withdrawn[action.id],
            not_approved[action.id],
            len(themes),
            standing,
            theme_gone,
            disclosures[action.id],
            theme_flagged,
            action.id in copying,
            action.id in repeating or action.you_said_withheld,
            action.id in repeating_did or action.we_did_withheld,
        )
    return found


async def _rows_behind(
    actions: Sequence[InfluenceAction],
    themes: dict[int, list[int]],
    query: QuerySet[Any],
    to_contribution: str,
    fields: Sequence[str],
) -> dict[int, list[dict[str, Any]]]:
    """``fields`` of the rows of ``query`` (answers or redactions; ``to_contribution`` leads
    from them to their contribution, as ``"contribution__"``) behind each change, by its id:
    rows of contributions chosen for it, and of contributions in its themes that were sent by
    the time it was recorded (staff cannot have copied words that came later). Two queries."""
    ids = [action.id for action in actions]
    found: dict[int, list[dict[str, Any]]] = {ident: [] for ident in ids}
    if not ids:
        return found
    by_action = f"{to_contribution}influence_actions__id"
    for row in await query.filter(**{f"{by_action}__in": ids}).values(by_action, *fields):
        found[int(row[by_action])].append(row)
    theme_ids = sorted({theme for ident in ids for theme in themes.get(ident, [])})
    if not theme_ids:
        return found
    by_theme, sent = f"{to_contribution}themes__id", f"{to_contribution}submitted_at"
    in_themes: dict[int, list[dict[str, Any]]] = {}
    for row in await query.filter(**{f"{by_theme}__in": theme_ids}).values(by_theme, sent, *fields):
        in_themes.setdefault(int(row[by_theme]), []).append(row)
    for action in actions:
        for theme in themes.get(action.id, []):
            found[action.id] += [row for row in in_themes.get(theme, []) if row[sent] <= action.created_at]
    return found


async def _copying_unquotable(actions: Sequence[InfluenceAction], themes: dict[int, list[int]]) -> set[int]:
    """The changes whose "You said" repeats words of someone who did not agree to be quoted."""
    quoting = {action.id: _quoting_runs(action.you_said) for action in actions}
    wanted = [action for action in actions if quoting[action.id][1]]
    unquotable = Answer.filter(contribution__consent=Consent.NOT_QUOTABLE)
    rows = await _rows_behind(wanted, themes, unquotable, "contribution__", ("text", "redacted_text"))
    return {
        ident for ident, found in rows.items() if any(_answer_quoted(row, quoting[ident]) for row in found)
    }


async def _repeating_hidden(
    actions: Sequence[InfluenceAction], themes: dict[int, list[int]]
) -> tuple[set[int], set[int]]:
    """The changes whose "You said", and those whose "We did", repeats a personal detail hidden
    from words behind them (recorded before the form refused it)."""
    hiding = Redaction.filter(state__in=HIDING)
    rows = await _rows_behind(actions, themes, hiding, "answer__contribution__", DETAIL_FIELDS)
    details = {ident: [(_detail(row), str(row["kind"])) for row in found] for ident, found in rows.items()}

    def repeating(texts: dict[int, str]) -> set[int]:
        return {
            ident
            for ident, found in details.items()
            if any(repeats_detail(texts[ident], detail, kind) for detail, kind in found)
        }

    said = repeating({action.id: action.you_said for action in actions})
    did = repeating({action.id: readable_words(action.we_did) for action in actions})
    return said, did


def readable_words(html: str) -> str:
    """Rich text's words for comparing with hidden details: as :func:`plain_text` gives them,
    again with tags taken out without a space, as a reader sees "Jess<em>ica</em>", and the
    addresses its links go to ("mailto:jamie@example.com"), which are published too."""
    joined = " ".join(unescape(re.sub(r"<[^>]*>", "", html)).split())
    return "\n".join([plain_text(html), joined, *link_addresses(html)])


async def withhold_before_purge(contribution_id: int) -> int:
    """Before retention deletes a contribution's original words, mark for good the changes
    resting on it (chosen, or through a theme it was in by the time they were recorded) whose
    "You said" or "We did" repeats a detail hidden from them. How many were marked."""
    direct = InfluenceAction.filter(contributions__id=contribution_id)
    themed = InfluenceAction.filter(themes__contributions__id=contribution_id)
    ids = {int(row["id"]) for row in [*await direct.values("id"), *await themed.values("id")]}
    if not ids:
        return 0
    actions = await InfluenceAction.filter(id__in=sorted(ids))
    said, did = await _repeating_hidden(actions, await _themes_of(sorted(ids)))
    for action in actions:
        if action.id in said:
            action.you_said_withheld = True
        if action.id in did:
            action.we_did_withheld = True
    marked = [action for action in actions if action.id in said | did]
    for action in marked:
        await action.save(update_fields=["you_said_withheld", "we_did_withheld"])
    return len(marked)


def _answer_quoted(row: dict[str, Any], quoting: tuple[int, set[tuple[str, ...]]]) -> bool:
    return any(_holds(str(text), quoting) for text in (row["text"], row["redacted_text"]) if text)


async def _themes_of(action_ids: Sequence[int]) -> dict[int, list[int]]:
    """The themes chosen for each change, by the change's id."""
    chosen: dict[int, list[int]] = {}
    for row in await Theme.filter(influence_actions__id__in=list(action_ids)).values(
        "influence_actions__id", "id"
    ):
        chosen.setdefault(int(row["influence_actions__id"]), []).append(int(row["id"]))
    return chosen


async def _theme_disclosures(theme_ids: Sequence[int]) -> list[tuple[int, int, datetime]]:
    """(theme, contribution, moment sent) for words in these themes that may be a disclosure
    (see :func:`possible_disclosures`), whatever their status now. Only those rows are read:
    a theme may hold thousands of contributions."""
    if not theme_ids:
        return []
    in_themes = Contribution.filter(themes__id__in=list(theme_ids))
    fields = ("themes__id", "id", "submitted_at")
    flagged = await in_themes.filter(screening_level__not=ScreeningLevel.NONE).values(*fields)
    raised = await in_themes.filter(cases__id__not_isnull=True).values(*fields)
    found = {(int(row["themes__id"]), int(row["id"])): row["submitted_at"] for row in [*flagged, *raised]}
    return [(theme, ident, moment) for (theme, ident), moment in sorted(found.items())]


async def _theme_words_gone(theme_ids: Sequence[int]) -> list[tuple[int, int, date]]:
    """(theme, contribution, UK day said) for words in these themes that were withdrawn,
    rejected or put back in review."""
    if not theme_ids:
        return []
    rows = await Contribution.filter(
        themes__id__in=list(theme_ids), status__in=[Status.WITHDRAWN, Status.REJECTED, Status.IN_REVIEW]
    ).values("themes__id", "id", "submitted_at")
    return [(int(row["themes__id"]), int(row["id"]), uk_date(row["submitted_at"])) for row in rows]


@dataclass(frozen=True)
class ActionRow:
    action: InfluenceAction
    evidence: ActionEvidence = ActionEvidence()

    @property
    def contributions(self) -> int:
        return self.evidence.contributions

    @property
    def themes(self) -> int:
        return self.evidence.themes


async def actions_for(priority: Priority) -> list[ActionRow]:
    actions = await InfluenceAction.filter(priority_id=priority.id).order_by("-happened_on", "-id")
    evidence = await action_evidence(actions)
    return [ActionRow(action, evidence[action.id]) for action in actions]
