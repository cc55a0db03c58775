"""Takeover events and what young people said at them.

Staff record an event (young people take over a board meeting), then paste what was said:
one comment a line, from sticky notes, a flip chart or a form. Each comment becomes its own
contribution through the same intake as everything else, so it is screened, personal details
are suggested for redaction, possible disclosures open a safeguarding case, and it waits in
the moderation queue. A batch carries a one-time key, so pressing "Add" twice adds it once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from voice.accounts.models import StaffUser
from voice.audit.services import fingerprint, record
from voice.clock import UK, uk_date, usable_date
from voice.db import added_once
from voice.events.models import TakeoverEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consent, Contribution, ContributionKind, ScreeningLevel, Source
from voice.feedback.typed import looks_blank
from voice.priorities.models import InfluenceAction
from voice.problems import Invalid, NotAllowed, Problem, clean_text, lines, one_line, too_long

TITLE_MAX = 200
VENUE_MAX = 200
AGENCY_MAX = 120
SUMMARY_MAX = 2000
PARTICIPANTS_MAX = 10_000
#: The most comments one batch may hold, and the longest comment.
BATCH_MAX = 500
COMMENT_MAX = 2000
#: The problem for a batch whose one-time key is missing or not of a usable length.
EXPIRED = "This form has expired. Copy the comments, reload the page, and paste them again"

#: A list marker at the start of a line: "-", "*", "•", "1.", "2)" and the like.
#: List marks at the start of a pasted line: dashes and bullets (Word's Symbol-font bullet is a
#: private-use character, U+F0B7, and its other levels U+F0A7, U+F0D8, U+F076 and "o" or "§"
#: before a tab), ticks and arrows, and "1.", "2)", "(3)", "a)" numbering.
_MARKER = re.compile(
    r"^\s*(?:[-*•·–—●○◦▪▫■□‣⁃➢➤►▶✓✔✗→⇒\uf0b7\uf0a7\uf0d8\uf076\uf0fc]+|\(?\d{1,3}[.)]|[a-z][.)]|[o§](?=\t))"
    r"(?:\s+|$)"
)


@dataclass(frozen=True)
class EventIn:
    title: str
    held_on: date | None
    venue: str
    host_agency: str
    summary: str
    participants: int | None


def matches(event: TakeoverEvent, data: EventIn, today: date) -> bool:
    """Whether ``event`` is what ``data`` (checked as :func:`check_event` would) describes: a form
    sent again with changes gets the event its first sending added, and must say so."""
    try:
        clean = check_event(data, today)
    except Invalid:  # sent again with a mistake: not what was added, whatever it was
        return False
    return (
        event.title == clean.title
        and event.held_on == clean.held_on
        and event.venue == clean.venue
        and event.host_agency == clean.host_agency
        and event.summary == clean.summary
        and event.participants == (clean.participants or 0)
    )


def event_snapshot(event: TakeoverEvent) -> dict[str, Any]:
    return {
        "title": event.title,
        "held_on": event.held_on.isoformat(),
        "venue": event.venue,
        "host_agency": event.host_agency,
        "summary": event.summary,
        "participants": event.participants or None,  # 0: not given
    }


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


#: The latest day an event with comments may have been held, and why (see :func:`latest_day`).
Latest = tuple[date, str]


def check_event(data: EventIn, today: date, *, latest: Latest | None = None) -> EventIn:
    """The event cleaned up, or :class:`Invalid`. ``latest`` is the last day it can have
    been held given its comments, if it has any (:func:`latest_day`)."""
    title, venue, agency = one_line(data.title), one_line(data.venue), one_line(data.host_agency)
    summary = lines(data.summary)
    problems: list[Problem] = []
    if not title:
        problems.append(("title", "Enter the event's name"))
    problems += too_long("title", title, TITLE_MAX, "The name")
    if data.held_on is None:
        problems.append(("held_on", "Enter the date it was held"))
    elif data.held_on > today:
        problems.append(("held_on", "The date it was held must be today or in the past"))
    elif not usable_date(data.held_on):
        problems.append(("held_on", "The date it was held must be between 2000 and 2099"))
    elif latest is not None and data.held_on > latest[0]:
        problems.append(
            ("held_on", f"The date it was held must be on or before {_day(latest[0])}, {latest[1]}")
        )
    problems += too_long("venue", venue, VENUE_MAX, "The place")
    problems += too_long("host_agency", agency, AGENCY_MAX, "Who hosted it")
    problems += too_long("summary", summary, SUMMARY_MAX, "The summary")
    participants = data.participants
    if participants is not None and not 1 <= participants <= PARTICIPANTS_MAX:
        problems.append(
            (
                "participants",
                f"The number of young people must be between 1 and {PARTICIPANTS_MAX:,}, "
                "or leave it empty if you do not know",
            )
        )
    if problems:
        raise Invalid(problems)
    return EventIn(title, data.held_on, venue, agency, summary, participants)


async def add_event(data: EventIn, by: StaffUser, today: date, form_key: str | None = None) -> TakeoverEvent:
    """Add an event. The same form sent again (``form_key``) gives the event it added."""

    async def add() -> TakeoverEvent:
        clean = check_event(data, today)
        assert clean.held_on is not None
        async with in_transaction():
            event = await TakeoverEvent.create(
                title=clean.title,
                held_on=clean.held_on,
                venue=clean.venue,
                host_agency=clean.host_agency,
                summary=clean.summary,
                participants=clean.participants or 0,
                form_key=form_key,
            )
            await record(
                "event.created",
                by=by,
                object_type="takeover_event",
                object_id=event.id,
                after=event_snapshot(event),
            )
        return event

    return await added_once(TakeoverEvent, form_key, add)


async def first_added_on(event_id: int) -> date | None:
    """The day (UK) the event's first comment reached Voice; None if none has (or none with a
    known time)."""
    first = (
        await Contribution.filter(event_id=event_id, received_at__isnull=False)
        .order_by("received_at")
        .first()
        .values_list("received_at", flat=True)
    )
    return uk_date(first) if isinstance(first, datetime) else None


async def latest_day(event_id: int) -> Latest | None:
    """The last day the event can have been held, given its comments: they were said there,
    so not after Voice received the first of them, nor after a change recorded as "You said,
    we did" that one of them led to (a change cannot come before the words it rests on)."""
    found: Latest | None = None
    added_on = await first_added_on(event_id)
    if added_on is not None:
        found = (added_on, "when its comments were added")
    changed_on = (
        await InfluenceAction.filter(contributions__event_id=event_id)
        .order_by("happened_on")
        .first()
        .values_list("happened_on", flat=True)
    )
    if isinstance(changed_on, date) and (found is None or changed_on < found[0]):
        found = (changed_on, "when a change it led to happened (You said, we did)")
    return found


def event_version(event: TakeoverEvent) -> str:
    """A fingerprint of the event's details. Its edit page carries it, so a page left open while
    someone else saved the event is refused rather than saved over their changes."""
    return fingerprint(event_snapshot(event))


class EventGone(Exception):
    """The event was deleted (in another tab, by someone else) after it was read."""


#: The problem of an edit page opened before someone else saved the event.
STALE_EVENT: Problem = (
    "",
    "Someone else saved this event after you opened this page. Your changes are below, not saved: "
    "check them against the event, then save again.",
)


async def update_event(
    event: TakeoverEvent, data: EventIn, by: StaffUser, now: datetime, *, seen: str = ""
) -> TakeoverEvent:
    """Save the event's details. A new date moves its comments' dates with it, in the same
    transaction (see :func:`redate_comments`). ``seen``: the :func:`event_version` of the page
    the changes were made on ("" for none); if the event changed since, nothing is saved.
    :class:`EventGone` if it was deleted since it was read."""
    async with in_transaction():
        # Compared and saved against the row as it is now, locked on PostgreSQL: another save
        # in flight when ``event`` was read cannot be saved over unseen.
        locked = await TakeoverEvent.filter(id=event.id).select_for_update().first()
        if locked is None:
            raise EventGone(event.id)
        event = locked
        problems = [STALE_EVENT] if seen and seen != event_version(event) else []
        if problems and matches(event, data, uk_date(now)):
            return event  # the same changes sent again (a double click on Save): saved already
        try:
            clean = check_event(data, uk_date(now), latest=await latest_day(event.id))
        except Invalid as invalid:
            raise Invalid(problems + list(invalid.problems)) from None
        if problems:
            raise Invalid(problems)
        assert clean.held_on is not None
        before = event_snapshot(event)
        old_day = event.held_on
        event.title, event.held_on, event.venue = clean.title, clean.held_on, clean.venue
        event.host_agency, event.summary = clean.host_agency, clean.summary
        event.participants = clean.participants or 0
        await event.save()
        after = event_snapshot(event)
        if after != before:
            await record(
                "event.updated",
                by=by,
                object_type="takeover_event",
                object_id=event.id,
                before=before,
                after=after,
            )
        if clean.held_on != old_day:
            moved = await redate_comments(event.id, clean.held_on, now)
            if moved:
                await record(
                    "event.comments_redated",
                    by=by,
                    object_type="takeover_event",
                    object_id=event.id,
                    before={"held_on": old_day.isoformat()},
                    after={"held_on": clean.held_on.isoformat(), "comments": moved},
                )
    return event


async def redate_comments(event_id: int, held_on: date, now: datetime) -> int:
    """Date the event's comments as :func:`said_at` would have had the event been on
    ``held_on``: midday (UK) that day, or when Voice received a comment if that was earlier
    (the event was the day they were added). Returns how many comments the event has.

    Only ``submitted_at`` moves, so the queue's date filter, its counts (the tally's triggers
    move each row to its new month), the figures and the report follow the event. When Voice
    received the words does not change, so neither does a safeguarding case's arrival or its
    time limit. A comment without a known receipt time is dated as if added ``now``."""
    midday = datetime.combine(held_on, time(12), tzinfo=UK).astimezone(UTC)
    comments = Contribution.filter(event_id=event_id)
    # (Counted first: SQLite's count of updated rows includes the tally triggers' writes.)
    moved = await comments.count()
    await comments.filter(received_at__gte=midday).update(submitted_at=midday)
    await comments.filter(received_at__lt=midday).update(submitted_at=F("received_at"))
    await comments.filter(received_at__isnull=True).update(submitted_at=min(midday, now))
    return moved


# --- comments --------------------------------------------------------------


def split_comments(text: str) -> list[str]:
    """One comment a line; blank lines (spaces or invisible characters alone) and list markers
    ("-", "•", "1.") dropped."""
    return [comment for _line, comment in numbered_comments(text)]


def numbered_comments(text: str) -> list[tuple[int, str]]:
    """Each comment with the line it is on in the box (counting from 1), to point at it."""
    comments = []
    # splitlines also ends a line at Word's line break (U+2028), \x0b and \x85.
    for number, line in enumerate(clean_text(text).splitlines(), start=1):
        cleaned = one_line(_MARKER.sub("", line, count=1))
        if cleaned and not looks_blank(cleaned):
            comments.append((number, cleaned))
    return comments


def check_comments(
    text: str, language: str, consent: str, languages: tuple[str, ...], *, batch_key: str
) -> list[str]:
    """The comments to add, or :class:`Invalid`: only that the form has expired when its
    one-time key is missing or not of a usable length, else every problem found."""
    if not 8 <= len(batch_key) <= 64:
        raise Invalid([("comments", EXPIRED)])
    numbered = numbered_comments(text)
    comments = [comment for _line, comment in numbered]
    problems: list[Problem] = []
    if not comments:
        problems.append(("comments", "Enter what young people said, one comment a line"))
    elif len(comments) > BATCH_MAX:
        problems.append(("comments", f"Add at most {BATCH_MAX} comments at a time; this has {len(comments)}"))
    else:
        # Counted by the lines in the box (blank lines and list marks included), so the moderator
        # can find them in a paste of 300 lines.
        long_lines = [str(number) for number, comment in numbered if len(comment) > COMMENT_MAX]
        if long_lines:
            which = (
                f"the one on line {long_lines[0]} is longer"
                if len(long_lines) == 1
                else f"the ones on lines {', '.join(long_lines[:5])}"
                + (f" and {len(long_lines) - 5} more" if len(long_lines) > 5 else "")
                + " are longer"
            )
            problems.append(("comments", f"Each comment must be {COMMENT_MAX} characters or fewer; {which}"))
    if language not in languages:
        problems.append(("language", "Choose the language the comments are in"))
    if consent not in {item.value for item in Consent}:
        problems.append(("consent", "Choose what the young people agreed to about quoting their words"))
    if problems:
        raise Invalid(problems)
    return comments


@dataclass(frozen=True)
class Added:
    added: int
    already: int
    concerns: int


def counts_signature(secret_key: str, event_id: int, counts: Added) -> str:
    """A keyed fingerprint of a batch's counts, sent with them in the address of the event's
    page, so its notice is only ever what Voice did: a link with made-up counts ("7 may be
    disclosures") shows no notice."""
    message = f"event-comments:{event_id}:{counts.added}:{counts.concerns}:{counts.already}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:16]


def counts_signed(secret_key: str, event_id: int, counts: Added, signature: str) -> bool:
    """Whether ``signature`` is the one Voice gave ``counts`` (in constant time)."""
    expected = counts_signature(secret_key, event_id, counts)
    return hmac.compare_digest(signature.encode(), expected.encode())


def _tokens(batch_key: str, event_id: int, comments: list[str]) -> list[str]:
    """One-time tokens for a batch: the same words sent again with the same form add nothing,
    while different words (Back, edit, Add) are new. A comment said twice in one batch is two
    comments: its tokens count how many times it came before."""
    seen: dict[str, int] = {}
    tokens = []
    for comment in comments:
        seen[comment] = seen.get(comment, 0) + 1
        key = f"event:{event_id}:{batch_key}:{seen[comment]}:{comment}"
        tokens.append(hashlib.sha256(key.encode()).hexdigest())
    return tokens


def said_at(event: TakeoverEvent, now: datetime) -> datetime:
    """When the comments were said: midday (UK) on the day of the event, or now if that is
    earlier (an event held today). Reports count them in the event's reporting year.
    Voice received them now (``received_at``): a safeguarding case one opens arrives now, not
    on the event day. A corrected event date moves them (:func:`redate_comments`)."""
    midday = datetime.combine(event.held_on, time(12), tzinfo=UK)
    return min(midday, now)


async def add_comments(
    event: TakeoverEvent,
    comments: list[str],
    *,
    language: str,
    consent: Consent,
    batch_key: str,
    by: StaffUser,
    now: datetime,
) -> Added:
    """Each comment through intake, as a takeover contribution entered by ``by``."""
    added = already = concerns = 0
    when = said_at(event, now)
    for comment, token in zip(comments, _tokens(batch_key, event.id, comments), strict=True):
        result = await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text=comment),),
                submitted_at=when,
                received_at=now,
                kind=ContributionKind.TAKEOVER,
                source=Source.EVENT,
                language=language,
                event_id=event.id,
                entered_by_id=by.id,
                consent=consent,
                submission_token=token,
            )
        )
        if not result.created:
            already += 1
            continue
        added += 1
        if result.level is not ScreeningLevel.NONE:
            concerns += 1
    if added:
        await record(
            "event.comments_added",
            by=by,
            object_type="takeover_event",
            object_id=event.id,
            after={
                "added": added,
                "language": language,
                "consent": consent.value,
                "possible_disclosures": concerns,
            },
        )
    return Added(added, already, concerns)


#: Why an event with comments stays: what young people said is the evidence that they were heard.
HAS_COMMENTS = (
    "It has comments. What young people said stays as evidence that they were heard: if the "
    "comments were added by mistake, reject them in the moderation queue instead."
)


async def why_not_deletable(event: TakeoverEvent) -> str:
    """Empty when ``event`` may be deleted (no comments at all); otherwise why not."""
    return HAS_COMMENTS if await Contribution.exists(event_id=event.id) else ""


async def delete_event(event: TakeoverEvent, by: StaffUser) -> None:
    """Delete an event recorded by mistake. Refused (:class:`NotAllowed`) once it has comments."""
    async with in_transaction():
        why_not = await why_not_deletable(event)
        if why_not:
            raise NotAllowed(why_not)
        snapshot = event_snapshot(event)
        await TakeoverEvent.filter(id=event.id).delete()
        await record(
            "event.deleted", by=by, object_type="takeover_event", object_id=event.id, before=snapshot
        )
