"""Safeguarding cases: the rules, from a possible disclosure arriving to a lead's sign-off.

Services take plain values (ids, strings, the acting :class:`StaffUser`, ``now``) and never
see a request. Every change is written with ``now`` and audited with what it was before and
after. A case keeps the verbatim original words, which are never edited here.

Who may do what:

* safeguarding leads and admins see cases and record acknowledgement, decision, outcome
  and closure;
* only a safeguarding lead signs a case off;
* moderators and admins may raise a case by hand; moderators learn only that a
  case exists (:func:`open_case_ids_for`, :func:`open_case_count`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.audit.services import record
from voice.clock import UK
from voice.events.models import TakeoverEvent
from voice.feedback.journey import about_in_words, choice_words
from voice.feedback.models import SCREENING_RANK, Answer, ContactDetail, Contribution, ScreeningLevel, Status
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase
from voice.problems import lines, one_line, too_long, visible_or_empty
from voice.public.services import localised
from voice.settings import Settings
from voice.web.forms import record_id

OBJECT_TYPE = "safeguarding_case"

#: Who may see and change cases (sign-off excepted).
EDITORS = frozenset({Role.SAFEGUARDING_LEAD, Role.ADMIN})
#: Who may sign a case off.
SIGNERS = frozenset({Role.SAFEGUARDING_LEAD})
#: Who may raise a case by hand.
RAISERS = frozenset({Role.MODERATOR, Role.SAFEGUARDING_LEAD, Role.ADMIN})

MAX_TEXT = 10_000
MAX_REFERENCE = 80  # SafeguardingCase.referral_reference
#: What is stored as the referral reference when there was no referral and none was typed.
NO_REFERENCE = "none"
_NO_REFERENCE_WORDS = {"", "none", "n/a", "na", "-"}

_LEVEL_ORDER = {ScreeningLevel.URGENT.value: 0, ScreeningLevel.CONCERN.value: 1}
#: What a contribution's screening reasons say once a person raised a case for it by hand
#: (the raiser's note is for the safeguarding leads only, so it is not copied there).
RAISED_BY_HAND = "A safeguarding case was raised by hand"
_STATUS_ORDER = {CaseStatus.OPEN: 0, CaseStatus.ACKNOWLEDGED: 1, CaseStatus.CLOSED: 2}

Errors = list[tuple[str | None, str]]


class CaseProblem(Exception):
    """The rules refuse a change. ``errors`` holds (field name or None, message) pairs.

    Field names are the case's own (``acknowledged``, ``decision``, ``reasoning``,
    ``referral_reference``, ``outcome``, ``signed_off``) or a raise form's
    (``contribution_id``, ``note``, ``level``).
    """

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(message for _, message in errors))
        self.errors = list(errors)


class CaseNotFound(LookupError):
    pass


class NotAllowed(PermissionError):
    pass


# --- time limits -------------------------------------------------------------------------


def ack_limit(level: str, settings: Settings) -> timedelta:
    """How long a case at ``level`` may wait for acknowledgement."""
    hours = (
        settings.case_ack_hours_urgent if level == ScreeningLevel.URGENT.value else settings.case_ack_hours
    )
    return timedelta(hours=hours)


def due_at(case: SafeguardingCase, settings: Settings) -> datetime:
    """When the case must be acknowledged by; after this moment it is overdue."""
    return case.opened_at + ack_limit(case.level, settings)


def is_overdue(case: SafeguardingCase, now: datetime, settings: Settings) -> bool:
    """Not acknowledged (nor closed) within its time limit. Exactly at the limit is still in time."""
    if case.acknowledged_at is not None or case.status is CaseStatus.CLOSED:
        return False
    return now > due_at(case, settings)


def decide_by(case: SafeguardingCase) -> datetime:
    """When a decision on what happens next is due: by the end of the first working day
    (Monday to Friday, UK time) after the day the case arrived. A case that arrives on Friday,
    Saturday or Sunday is due by the end of Monday. Bank holidays are not known, so they count
    as working days (the deadline is earlier, never later)."""
    day = case.opened_at.astimezone(UK).date() + timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time.min, UK).astimezone(UTC)


def decide_by_day(case: SafeguardingCase) -> date:
    """The last (working) day of :func:`decide_by`, for the page: "by the end of 24 November"."""
    return (decide_by(case) - timedelta(microseconds=1)).astimezone(UK).date()


def decision_overdue(case: SafeguardingCase, now: datetime) -> bool:
    """No decision recorded by :func:`decide_by` (and the case not closed)."""
    if case.decision is not None or case.status is CaseStatus.CLOSED:
        return False
    return now >= decide_by(case)


async def overdue_cases(now: datetime, settings: Settings) -> list[SafeguardingCase]:
    """Every overdue case, urgent first, then longest waiting first."""
    shortest = min(
        ack_limit(level.value, settings) for level in (ScreeningLevel.CONCERN, ScreeningLevel.URGENT)
    )
    candidates = await SafeguardingCase.filter(
        status=CaseStatus.OPEN, acknowledged_at__isnull=True, opened_at__lt=now - shortest
    )
    found = [case for case in candidates if is_overdue(case, now, settings)]
    return sorted(found, key=lambda case: (_LEVEL_ORDER.get(case.level, 9), case.opened_at, case.id))


async def decision_overdue_cases(now: datetime, *, emailed_too: bool = False) -> list[SafeguardingCase]:
    """Every case with no decision by :func:`decide_by` whose leads have not been emailed about
    it yet (or, ``emailed_too``, every one), urgent first, then longest waiting first."""
    # A decision is due at least a day after a case arrives (the end of the next working day).
    candidates = SafeguardingCase.filter(
        decision__isnull=True, status__not=CaseStatus.CLOSED, opened_at__lt=now - timedelta(hours=23)
    )
    if not emailed_too:
        candidates = candidates.filter(decision_alert_sent_at__isnull=True)
    found = [case for case in await candidates if decision_overdue(case, now)]
    return sorted(found, key=lambda case: (_LEVEL_ORDER.get(case.level, 9), case.opened_at, case.id))


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    case: SafeguardingCase
    overdue: bool
    due_at: datetime
    #: No decision recorded by the end of the first working day after it arrived.
    decision_overdue: bool = False
    decide_by_day: date | None = None


#: How many closed cases the list shows at a time.
CLOSED_PAGE_SIZE = 50


@dataclass(frozen=True)
class ClosedCursor:
    """Where a page of closed cases ends: the list is newest first by (opened_at, id), and the
    next page holds the cases after this one in that order (keyset paging, so a deep page costs
    the same as the first)."""

    opened_at: datetime
    id: int

    def encode(self) -> str:
        return f"{int(self.opened_at.timestamp() * 1_000_000)}.{self.id}"

    @classmethod
    def decode(cls, raw: str) -> ClosedCursor | None:
        """The cursor in ``raw``, or None for anything Voice did not write."""
        micros_text, _, id_text = raw.partition(".")
        ident = record_id(id_text)
        try:
            moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(micros_text))
        except (ValueError, OverflowError):
            return None
        return None if ident is None else cls(moment, ident)

    def older(self) -> Q:
        """Cases after this one in the list (opened earlier, or at the same moment with a lower id)."""
        return Q(opened_at__lt=self.opened_at) | Q(opened_at=self.opened_at, id__lt=self.id)

    def newer_or_same(self) -> Q:
        """Cases on earlier pages, this one included."""
        return Q(opened_at__gt=self.opened_at) | Q(opened_at=self.opened_at, id__gte=self.id)


@dataclass(frozen=True)
class CaseList:
    open: list[CaseRow]
    closed: list[CaseRow]
    #: Every closed case, on any page.
    closed_total: int = 0
    #: How many closed cases come before this page (0 on the first).
    closed_before: int = 0
    #: Where the next page of closed cases starts after, or None on the last page.
    next_cursor: ClosedCursor | None = None


def _row(case: SafeguardingCase, now: datetime, settings: Settings) -> CaseRow:
    return CaseRow(
        case=case,
        overdue=is_overdue(case, now, settings),
        due_at=due_at(case, settings),
        decision_overdue=decision_overdue(case, now),
        decide_by_day=decide_by_day(case),
    )


async def list_cases(
    now: datetime,
    settings: Settings,
    *,
    closed_after: ClosedCursor | None = None,
    closed_limit: int = CLOSED_PAGE_SIZE,
) -> CaseList:
    """Open cases (not yet acknowledged first, urgent first, longest waiting first), then one
    page of closed cases, the most recently opened first: the first page, or the one after
    ``closed_after``."""
    still_open = await SafeguardingCase.exclude(status=CaseStatus.CLOSED)
    still_open.sort(
        key=lambda case: (
            _STATUS_ORDER[case.status],
            _LEVEL_ORDER.get(case.level, 9),
            case.opened_at,
            case.id,
        )
    )
    closed_query = SafeguardingCase.filter(status=CaseStatus.CLOSED)
    page_query = closed_query if closed_after is None else closed_query.filter(closed_after.older())
    closed = await page_query.order_by("-opened_at", "-id").limit(closed_limit + 1)
    more = len(closed) > closed_limit
    closed = closed[:closed_limit]
    before = 0 if closed_after is None else await closed_query.filter(closed_after.newer_or_same()).count()
    return CaseList(
        open=[_row(case, now, settings) for case in still_open],
        closed=[_row(case, now, settings) for case in closed],
        closed_total=await closed_query.count(),
        closed_before=before,
        next_cursor=ClosedCursor(closed[-1].opened_at, closed[-1].id) if more and closed else None,
    )


async def case_exists(case_id: int) -> bool:
    return await SafeguardingCase.exists(id=case_id)


async def get_case(case_id: int) -> SafeguardingCase:
    case = await SafeguardingCase.get_or_none(id=case_id).prefetch_related(
        "raised_by", "acknowledged_by", "signed_off_by", "contribution"
    )
    if case is None:
        raise CaseNotFound(case_id)
    return case


async def contact_for(case: SafeguardingCase) -> ContactDetail | None:
    """The contributor's contact details, or None when the contribution is anonymous."""
    if case.contribution_id is None:  # type: ignore[attr-defined, unused-ignore]
        return None
    return await ContactDetail.get_or_none(contribution_id=case.contribution_id)  # type: ignore[attr-defined, unused-ignore]


async def answers_in_words(case: SafeguardingCase) -> list[tuple[str, str]]:
    """The contribution's chosen answers and what it says about the sender, as (heading, words).

    The case keeps the typed words (``original_text``); a young person may have said they do
    not feel safe only by choosing "Not safe", and the lead must see that too. Empty once the
    contribution is no longer kept.
    """
    contribution_id = case.contribution_id  # type: ignore[attr-defined, unused-ignore]
    contribution = await Contribution.get_or_none(id=contribution_id) if contribution_id else None
    if contribution is None:
        return []
    answers = await Answer.filter(contribution_id=contribution.id).order_by("id").prefetch_related("question")
    rows = [
        (localised(answer.question.prompt, "en") if answer.question else "Their answer", words)
        for answer in answers
        if answer.choices and (words := choice_words(answer.question, answer.choices))
    ]
    return rows + await about_in_words(contribution)


async def takeover_event_of(case: SafeguardingCase) -> TakeoverEvent | None:
    """The takeover event where the words were said, for words typed up from one.

    Such words are dated the event day (``Contribution.submitted_at``); the case arrived when
    they were added to Voice (``opened_at``), so the case page shows both."""
    contribution_id = case.contribution_id  # type: ignore[attr-defined, unused-ignore]
    if contribution_id is None:
        return None
    event_id = (
        await Contribution.filter(id=contribution_id, event_id__isnull=False)
        .first()
        .values_list("event_id", flat=True)
    )
    return None if event_id is None else await TakeoverEvent.get_or_none(id=event_id)


async def entered_by_of(contribution: Contribution | None) -> StaffUser | None:
    """The member of staff who typed the words in (a story told to them, or a takeover day's
    comments), for a lead who needs the worker who knows who said them; None for words sent
    online, or when that account is gone."""
    entered_by_id = getattr(contribution, "entered_by_id", None)
    return None if entered_by_id is None else await StaffUser.get_or_none(id=entered_by_id)


@dataclass(frozen=True)
class TakenBack:
    """The words were withdrawn: the person who sent them asked for them to be taken out."""

    #: When, from the audit log (None if the log has no entry for it).
    at: datetime | None


async def taken_back(contribution: Contribution | None) -> TakenBack | None:
    """Whether the case's words were withdrawn, and when. The lead must know (the person may
    be telling the team something), though a withdrawal never ends a safeguarding concern:
    the case stays as it is."""
    if contribution is None or contribution.status is not Status.WITHDRAWN:
        return None
    event = (
        await AuditEvent.filter(
            action="contribution.withdrawn", object_type="contribution", object_id=str(contribution.id)
        )
        .order_by("-id")
        .first()
    )
    return TakenBack(at=event.at if event else None)


async def history(case_id: int) -> list[AuditEvent]:
    """Every audited event for the case, oldest first."""
    return await AuditEvent.filter(object_type=OBJECT_TYPE, object_id=str(case_id)).order_by("id")


async def open_case_count() -> int:
    """Cases not yet closed (moderators may know how many, nothing more)."""
    return await SafeguardingCase.exclude(status=CaseStatus.CLOSED).count()


async def had_closed_case(contribution_id: int) -> bool:
    """Whether the safeguarding leads closed a case for this contribution (moderators may know
    that much, so nobody raises the same worry again without knowing)."""
    return await SafeguardingCase.filter(contribution_id=contribution_id, status=CaseStatus.CLOSED).exists()


async def open_case_ids_for(contribution_ids: list[int]) -> set[int]:
    """Which of these contributions have a safeguarding case that is not closed."""
    if not contribution_ids:
        return set()
    found: list[Any] = list(
        await SafeguardingCase.filter(contribution_id__in=list(contribution_ids))
        .exclude(status=CaseStatus.CLOSED)
        .values_list("contribution_id", flat=True)
    )
    return {int(value) for value in found if value is not None}


@dataclass(frozen=True)
class CaseSummary:
    """For the staff home page of leads and admins."""

    open_count: int
    overdue: list[CaseRow]
    #: Cases with no decision in time (acknowledged or not), as on the cases page.
    decisions_late: list[CaseRow]


async def case_summary(now: datetime, settings: Settings) -> CaseSummary:
    overdue = [_row(case, now, settings) for case in await overdue_cases(now, settings)]
    late = [_row(case, now, settings) for case in await decision_overdue_cases(now, emailed_too=True)]
    return CaseSummary(open_count=await open_case_count(), overdue=overdue, decisions_late=late)


# --- rules -------------------------------------------------------------------------------


def _require(user: StaffUser, roles: Iterable[Role], doing: str) -> None:
    if not user.is_active or user.role not in frozenset(roles):
        raise NotAllowed(f"{user.email} ({user.role}) may not {doing}")


def _reference_missing(case: SafeguardingCase) -> bool:
    reference = visible_or_empty(case.referral_reference.strip())
    if not reference:
        return True
    return case.decision is CaseDecision.REFERRED_FRONT_DOOR and reference.lower() in _NO_REFERENCE_WORDS


def missing_items(case: SafeguardingCase, *, for_sign_off: bool = False) -> Errors:
    """What the record still lacks before it can be closed (or, ``for_sign_off``, signed off)."""
    missing: Errors = []
    if case.acknowledged_at is None or case.acknowledged_by_id is None:  # type: ignore[attr-defined, unused-ignore]
        missing.append(("acknowledged", "Nobody has acknowledged the case yet"))
    if case.decision is None:
        missing.append(("decision", "No decision has been recorded"))
    if not visible_or_empty(case.reasoning.strip()):
        missing.append(("reasoning", "No reasoning has been recorded for the decision"))
    if _reference_missing(case):
        if case.decision is CaseDecision.REFERRED_FRONT_DOOR:
            missing.append(("referral_reference", "No front door referral reference has been recorded"))
        else:
            missing.append(("referral_reference", "No referral reference has been recorded (it can be none)"))
    if not visible_or_empty(case.outcome.strip()):
        missing.append(("outcome", "No outcome has been recorded"))
    if not for_sign_off and (case.signed_off_at is None or case.signed_off_by_id is None):  # type: ignore[attr-defined, unused-ignore]
        missing.append(("signed_off", "A safeguarding lead has not signed off the case"))
    return missing


def check_decision(decision: str, reasoning: str, referral_reference: str) -> tuple[CaseDecision, str, str]:
    """Validate a decision. Returns (decision, reasoning, reference); raises :class:`CaseProblem`.

    A front door referral needs its reference. For any other decision a blank reference is
    stored as ``none``, so the record says plainly that there was none.
    """
    errors: Errors = []
    chosen: CaseDecision | None
    try:
        chosen = CaseDecision(decision)
    except ValueError:
        chosen = None
        errors.append(("decision", "Choose a decision"))
    reasoning = lines(reasoning)
    if not reasoning:
        errors.append(("reasoning", "Enter the reasoning for the decision"))
    elif len(reasoning) > MAX_TEXT:
        errors.append(("reasoning", f"Reasoning must be {MAX_TEXT:,} characters or fewer"))
    reference = one_line(referral_reference)
    if long := too_long("referral_reference", reference, MAX_REFERENCE, "Referral reference"):
        errors += long
    elif chosen is CaseDecision.REFERRED_FRONT_DOOR and reference.lower() in _NO_REFERENCE_WORDS:
        errors.append(("referral_reference", "Enter the front door referral reference"))
    elif chosen is not None and chosen is not CaseDecision.REFERRED_FRONT_DOOR and not reference:
        reference = NO_REFERENCE
    if errors or chosen is None:
        raise CaseProblem(errors)
    return chosen, reasoning, reference


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


#: The key for :func:`written`'s fingerprints: random for each run of the server and never
#: stored, so a fingerprint cannot be checked against guesses (a referral reference has a
#: small fixed format). Before and after in one audit entry are comparable; entries made by
#: different runs are not.
_AUDIT_TEXT_KEY = secrets.token_bytes(32)


def written(text: str) -> str:
    """What the audit log keeps of a lead's or moderator's free text about a case: that it was
    written, how long it is and a fingerprint that changes when it does, never the words.

    The log is never changed or deleted, and a case's record is purged after its retention
    period: the reasoning, outcome or a note may name the child or family, so only this stays.
    """
    if not text:
        return ""
    digest = hmac.new(_AUDIT_TEXT_KEY, text.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
    return f"{len(text)} characters, fingerprint {digest}"


def snapshot(case: SafeguardingCase) -> dict[str, Any]:
    """The case's changeable state, for the audit log (never the original words, nor the words
    of the lead's reasoning, referral reference or outcome: see :func:`written`)."""
    return {
        "status": case.status.value,
        "acknowledged_by_id": case.acknowledged_by_id,  # type: ignore[attr-defined, unused-ignore]
        "acknowledged_at": _stamp(case.acknowledged_at),
        "decision": case.decision.value if case.decision else None,
        "reasoning": written(case.reasoning),
        "referral_reference": written(case.referral_reference),
        "outcome": written(case.outcome),
        "signed_off_by_id": case.signed_off_by_id,  # type: ignore[attr-defined, unused-ignore]
        "signed_off_at": _stamp(case.signed_off_at),
        "purge_after": _stamp(case.purge_after),
    }


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


async def _audit(
    action: str,
    case: SafeguardingCase,
    by: StaffUser | None,
    now: datetime,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    await record(
        action,
        by=by,
        object_type=OBJECT_TYPE,
        object_id=case.id,
        before=before,
        after=after,
        at=now,
    )


async def _editable(case_id: int) -> SafeguardingCase:
    case = await SafeguardingCase.get_or_none(id=case_id)
    if case is None:
        raise CaseNotFound(case_id)
    if case.status is CaseStatus.CLOSED:
        raise CaseProblem([(None, "This case is closed and cannot be changed")])
    return case


def _require_acknowledged(case: SafeguardingCase) -> None:
    if case.acknowledged_at is None:
        raise CaseProblem([("acknowledged", "Acknowledge the case first")])


def record_version(case: SafeguardingCase) -> str:
    """A fingerprint of the record a lead reads and signs. The case page's forms carry it,
    so a form left open while someone else changed the case is refused, not applied."""
    parts = (
        case.status,
        case.decision or "",
        case.reasoning,
        case.referral_reference,
        case.outcome,
        case.acknowledged_at or "",
        case.signed_off_at or "",
    )
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


STALE_MESSAGE = "This case changed since you opened it. Check the record below, then try again."


def _as_read(case: SafeguardingCase) -> dict[str, Any]:
    """Filters that find the case's row only while its record is still as ``case`` holds it.
    Every change is an update with them (a compare-and-swap): of two people acting on a case at
    the same moment, the second finds nothing to update and is refused, never both saved."""
    return {
        "id": case.id,
        "status": case.status,
        **({"decision": case.decision} if case.decision is not None else {"decision__isnull": True}),
        "reasoning": case.reasoning,
        "referral_reference": case.referral_reference,
        "outcome": case.outcome,
        "signed_off_at__isnull": case.signed_off_at is None,
    }


def _check_seen(case: SafeguardingCase, seen: str) -> None:
    """``seen``: the :func:`record_version` of the page the action was taken on ("" for none)."""
    if seen and seen != record_version(case):
        raise CaseProblem([(None, STALE_MESSAGE)])


async def _swap(case: SafeguardingCase, **values: Any) -> SafeguardingCase:
    """Update the case only if its record is still as ``case`` holds it; the case as saved."""
    if not await SafeguardingCase.filter(**_as_read(case)).update(**values):
        raise CaseProblem([(None, STALE_MESSAGE)])
    return await SafeguardingCase.get(id=case.id)


async def record_view(case: SafeguardingCase, *, by: StaffUser, now: datetime) -> None:
    """Someone read the case (its original words and contact details)."""
    _require(by, EDITORS, "view a safeguarding case")
    await _audit("case.viewed", case, by, now, None, None)


async def acknowledge(case_id: int, *, by: StaffUser, now: datetime) -> SafeguardingCase:
    _require(by, EDITORS, "acknowledge a safeguarding case")
    case = await _editable(case_id)
    if case.acknowledged_at is not None:
        raise CaseProblem([(None, "This case has already been acknowledged")])
    before = snapshot(case)
    async with in_transaction():
        # Conditional: two people pressing the button at once acknowledge it once.
        claimed = await SafeguardingCase.filter(
            id=case_id, status=CaseStatus.OPEN, acknowledged_at__isnull=True
        ).update(status=CaseStatus.ACKNOWLEDGED, acknowledged_by_id=by.id, acknowledged_at=now)
        if not claimed:
            raise CaseProblem([(None, "This case has already been acknowledged")])
        case = await SafeguardingCase.get(id=case_id)
        await _audit("case.acknowledged", case, by, now, *_changed(before, snapshot(case)))
    return case


@dataclass(frozen=True)
class Saved:
    case: SafeguardingCase
    changed: bool
    #: The change undid a lead's sign-off: the record must be signed off again.
    sign_off_withdrawn: bool = False


async def _save_fields(
    case: SafeguardingCase, action: str, by: StaffUser, now: datetime, values: dict[str, Any]
) -> Saved:
    before = snapshot(case)
    if all(getattr(case, name) == value for name, value in values.items()):
        return Saved(case=case, changed=False)
    withdrawn = case.signed_off_at is not None
    unsigned = {"signed_off_by_id": None, "signed_off_at": None} if withdrawn else {}
    async with in_transaction():
        case = await _swap(case, **values, **unsigned)
        await _audit(action, case, by, now, *_changed(before, snapshot(case)))
        if withdrawn:
            await _audit(
                "case.sign_off_withdrawn",
                case,
                by,
                now,
                {"signed_off_by_id": before["signed_off_by_id"], "signed_off_at": before["signed_off_at"]},
                {"signed_off_by_id": None, "signed_off_at": None},
            )
    return Saved(case=case, changed=True, sign_off_withdrawn=withdrawn)


async def record_decision(
    case_id: int,
    *,
    by: StaffUser,
    now: datetime,
    decision: str,
    reasoning: str,
    referral_reference: str,
    seen: str = "",
) -> Saved:
    """Record (or correct) the decision, its reasoning and the referral reference."""
    _require(by, EDITORS, "record a decision")
    case = await _editable(case_id)
    _check_seen(case, seen)
    _require_acknowledged(case)
    chosen, reasoning, reference = check_decision(decision, reasoning, referral_reference)
    return await _save_fields(
        case,
        "case.decision_recorded",
        by,
        now,
        {"decision": chosen, "reasoning": reasoning, "referral_reference": reference},
    )


async def record_outcome(
    case_id: int, *, by: StaffUser, now: datetime, outcome: str, seen: str = ""
) -> Saved:
    _require(by, EDITORS, "record an outcome")
    case = await _editable(case_id)
    _check_seen(case, seen)
    _require_acknowledged(case)
    outcome = lines(outcome)
    if not outcome:
        raise CaseProblem([("outcome", "Enter the outcome")])
    if len(outcome) > MAX_TEXT:
        raise CaseProblem([("outcome", f"Outcome must be {MAX_TEXT:,} characters or fewer")])
    return await _save_fields(case, "case.outcome_recorded", by, now, {"outcome": outcome})


async def sign_off(case_id: int, *, by: StaffUser, now: datetime, seen: str = "") -> SafeguardingCase:
    """A safeguarding lead confirms the record is complete and right. Admins cannot. The record
    signed is the one read here, as the page showed it (``seen``): changed meanwhile, refused."""
    _require(by, SIGNERS, "sign off a safeguarding case")
    case = await _editable(case_id)
    if case.signed_off_at is not None:
        raise CaseProblem([(None, "This case has already been signed off")])
    _check_seen(case, seen)
    missing = missing_items(case, for_sign_off=True)
    if missing:
        raise CaseProblem(missing)
    before = snapshot(case)
    async with in_transaction():
        case = await _swap(case, signed_off_by_id=by.id, signed_off_at=now)
        await _audit("case.signed_off", case, by, now, *_changed(before, snapshot(case)))
    return case


async def close(
    case_id: int, *, by: StaffUser, now: datetime, retention_days: int, seen: str = ""
) -> SafeguardingCase:
    """Close a complete, signed-off case; it is kept for ``retention_days`` and then purged.

    Refused, listing everything missing, while any part of the record is missing; and when the
    record changed since it was read (a sign-off withdrawn by an edit at the same moment).
    """
    _require(by, EDITORS, "close a safeguarding case")
    case = await _editable(case_id)
    _check_seen(case, seen)
    missing = missing_items(case)
    if missing:
        raise CaseProblem(missing)
    before = snapshot(case)
    purge_after = now + timedelta(days=retention_days)
    async with in_transaction():
        case = await _swap(case, status=CaseStatus.CLOSED, purge_after=purge_after)
        await _audit("case.closed", case, by, now, *_changed(before, snapshot(case)))
    return case


def check_raise(note: str, level: str) -> Errors:
    """Problems with a note and level for raising a case by hand."""
    errors: Errors = []
    note = lines(note)
    if not note:
        errors.append(("note", "Enter a note saying why this may be a disclosure"))
    elif len(note) > MAX_TEXT:
        errors.append(("note", f"Note must be {MAX_TEXT:,} characters or fewer"))
    if level not in (ScreeningLevel.CONCERN.value, ScreeningLevel.URGENT.value):
        errors.append(("level", "Choose concern or urgent"))
    return errors


async def raise_case(
    contribution_id: int,
    *,
    by: StaffUser,
    note: str,
    now: datetime,
    level: ScreeningLevel | str = ScreeningLevel.CONCERN,
) -> SafeguardingCase:
    """Open a case by hand for a contribution screening did not flag (or flagged too low).

    Copies the contribution's original answers verbatim; the note becomes one of the reasons.
    Refused when the contribution already has a case that is not closed.

    The contribution's screening level (and rank) goes up to the case's level when it was
    lower, in the same transaction, so it sorts with the possible disclosures in the
    moderation queue, is counted with them, and is never quoted, even after the case is closed
    and purged. A level is never lowered. The queue tally follows by itself: the triggers of
    migration 0004 move the count on any update of ``screening_rank``.
    """
    _require(by, RAISERS, "raise a safeguarding case")
    note = lines(note)
    errors = check_raise(note, str(level))
    contribution = await Contribution.get_or_none(id=contribution_id)
    if contribution is None:
        errors.append(("contribution_id", "There is no contribution with that number"))
    elif (
        await SafeguardingCase.filter(contribution_id=contribution_id)
        .exclude(status=CaseStatus.CLOSED)
        .exists()
    ):
        errors.append(("contribution_id", "This contribution already has an open safeguarding case"))
    if errors or contribution is None:
        raise CaseProblem(errors)
    answers = await Answer.filter(contribution_id=contribution_id).order_by("id")
    original = "\n\n".join(answer.text for answer in answers if answer.text)
    async with in_transaction():
        case = await SafeguardingCase.create(
            contribution=contribution,
            level=str(level),
            original_text=original,
            reasons=[*contribution.screening_reasons, f"Raised by hand: {note}"],
            opened_at=now,
            raised_by=by,
        )
        await _audit(
            "case.raised",
            case,
            by,
            now,
            None,
            {"level": case.level, "contribution_id": contribution_id, "note": written(note)},
        )
        await _raise_screening(contribution, ScreeningLevel(str(level)), by=by, now=now)
    return case


async def _raise_screening(
    contribution: Contribution, level: ScreeningLevel, *, by: StaffUser, now: datetime
) -> None:
    """Put a contribution with a hand-raised case at (at least) the case's level, audited."""
    before = ScreeningLevel(contribution.screening_level)
    if SCREENING_RANK[before] <= SCREENING_RANK[level]:
        return  # already this level or higher (a lower rank sorts first)
    reasons = list(contribution.screening_reasons)
    if RAISED_BY_HAND not in reasons:
        reasons.append(RAISED_BY_HAND)
    # Conditional: a contribution that went as high meanwhile is left alone.
    changed = await Contribution.filter(id=contribution.id, screening_rank__gt=SCREENING_RANK[level]).update(
        screening_level=level, screening_rank=SCREENING_RANK[level], screening_reasons=reasons
    )
    if not changed:
        return
    await record(
        "contribution.screening_raised",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        before={"screening_level": before.value},
        after={"screening_level": level.value},
        at=now,
    )
