"""Retention: what ``voice purge`` deletes, and when.

1. **Original words.** A contribution approved or rejected more than
   ``settings.retention_days`` ago (counted from ``decided_at``, or from
   ``submitted_at`` when no decision time was kept) loses its original words:
   every ``Answer.text`` becomes None (the redacted words stay), its contact
   details are deleted, its screening reasons keep only what was found, not
   the words they quoted ("physical abuse (urgent)", not "... 'step dad Dave
   hits me'"), its redactions lose the moderator's reason (it may name what was
   taken out), the team's notes on it are deleted (they may repeat the words, or name
   someone), and ``original_purged_at`` is set. A contribution with a
   safeguarding case that is not closed is *held*: kept whole and reported.
   A **withdrawn** contribution (its author asked for it to be taken out) is due
   at the next purge, whenever it was withdrawn, and loses its redacted words
   and the withdrawal note (who asked, and how) too.
2. **Safeguarding case records.** A closed case whose ``purge_after`` (set on
   closing to the close time plus ``settings.case_retention_days``) has passed is
   deleted outright; a closed case without one counts from its sign-off (or its
   opening, if it has no sign-off time): the record holds the
   verbatim original, so blanking fields would keep little worth having and
   invite mistakes. The audit log keeps that the case existed and when it went.
3. **Journey drafts** (answers in progress) not touched for 24 hours are deleted.

Every deleted original and case is audited (``retention.original_deleted``,
``retention.case_deleted``) with ids and dates only, never personal content;
deleted drafts get one ``retention.drafts_deleted`` entry with their number.
A dry run changes nothing and writes nothing to the audit log. Running purge
again straight away finds nothing more to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from voice.audit.services import record
from voice.feedback.models import Answer, ContactDetail, Contribution, JourneyDraft, Status
from voice.moderation.models import CaseStatus, ModeratorNote, Redaction, SafeguardingCase
from voice.priorities.services import withhold_before_purge
from voice.settings import Settings

#: Answers in progress older than this are deleted (the journey itself drops them sooner).
DRAFT_RETENTION = timedelta(hours=24)
ACTOR = "voice purge"
_CHUNK = 500


@dataclass
class PurgeReport:
    """What a purge did (or, in a dry run, would do). Lists hold ids, oldest first."""

    now: datetime
    dry_run: bool
    #: Contributions whose original words were (or would be) deleted.
    originals: list[int] = field(default_factory=list)
    #: Contributions due for purging but held by an open safeguarding case: id -> case ids.
    held: dict[int, list[int]] = field(default_factory=dict)
    #: Closed safeguarding cases deleted.
    cases: list[int] = field(default_factory=list)
    #: Journey drafts deleted.
    drafts: list[int] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "originals": len(self.originals),
            "held": len(self.held),
            "cases": len(self.cases),
            "drafts": len(self.drafts),
        }


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


async def _ids(query: Any) -> list[int]:
    """The ids a query matches, in id order."""
    rows: list[Any] = await query.order_by("id").values_list("id", flat=True)
    return [int(row) for row in rows]


async def _open_cases(contribution_ids: Sequence[int]) -> dict[int, list[int]]:
    """contribution id -> ids of its safeguarding cases that are not closed."""
    found: dict[int, list[int]] = {}
    for chunk in _chunks(contribution_ids):
        rows = (
            await SafeguardingCase.filter(contribution_id__in=list(chunk))
            .exclude(status=CaseStatus.CLOSED)
            .order_by("id")
            .values_list("contribution_id", "id")
        )
        for contribution_id, case_id in rows:
            found.setdefault(int(contribution_id), []).append(int(case_id))
    return found


async def _due_contributions(cutoff: datetime) -> list[int]:
    decided_long_ago = Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, submitted_at__lt=cutoff)
    decided = Q(
        decided_long_ago, Q(original_purged_at__isnull=True), status__in=[Status.APPROVED, Status.REJECTED]
    )
    return await _ids(Contribution.filter(decided | _WITHDRAWN_NOT_PURGED))


#: Withdrawn and not purged since: never purged, or purged before it was withdrawn (the note a
#: withdrawal needs is still there; a purge empties it).
_WITHDRAWN_NOT_PURGED = Q(status=Status.WITHDRAWN) & (
    Q(original_purged_at__isnull=True) | ~Q(rejection_note="")
)


def without_quote(reason: str) -> str:
    """A screening reason without the words it quotes, a hand-raised case without its note.

    Reasons read "<what was found> (<level>): <the words that found it>" or "Raised by hand:
    <note>"; the words, and a note, may hold the very details purging deletes."""
    return reason.split(":", 1)[0].strip()


async def _purge_original(contribution_id: int, now: datetime) -> bool:
    """Delete one contribution's original words and contact details; False if nothing was due."""
    async with in_transaction():
        cases = SafeguardingCase.filter(contribution_id=contribution_id)
        if await cases.exclude(status=CaseStatus.CLOSED).exists():
            return False  # a case was opened since the contribution was picked
        marked = await Contribution.filter(
            Q(id=contribution_id) & (Q(original_purged_at__isnull=True) | _WITHDRAWN_NOT_PURGED)
        ).update(original_purged_at=now)
        if not marked:
            return False  # another purge got there first
        withdrawn = await Contribution.filter(id=contribution_id, status=Status.WITHDRAWN).exists()
        # While the words are here: which changes repeat a detail hidden from them (for good).
        await withhold_before_purge(contribution_id)
        cleared: dict[str, Any] = {"text": None, "redacted_text": ""} if withdrawn else {"text": None}
        answers = await Answer.filter(contribution_id=contribution_id).update(**cleared)
        answer_ids = await _ids(Answer.filter(contribution_id=contribution_id))
        await Redaction.filter(answer_id__in=answer_ids).update(reason="")
        reasons = await Contribution.filter(id=contribution_id).values_list("screening_reasons", flat=True)
        await Contribution.filter(id=contribution_id).update(
            screening_reasons=[without_quote(str(reason)) for reason in (reasons[0] if reasons else [])],
            **({"rejection_note": ""} if withdrawn else {}),
        )
        contacts = await ContactDetail.filter(contribution_id=contribution_id).delete()
        notes = await ModeratorNote.filter(contribution_id=contribution_id).delete()
        await record(
            "retention.original_deleted",
            actor_label=ACTOR,
            object_type="contribution",
            object_id=contribution_id,
            after={
                "answers_cleared": answers,
                "contact_deleted": contacts > 0,
                "notes_deleted": notes,
                "withdrawn_words_deleted": withdrawn,
                "purged_at": now.isoformat(),
            },
            at=now,
        )
    return True


async def _due_cases(now: datetime, cutoff: datetime) -> list[int]:
    # Closing a case sets purge_after (close time + VOICE_CASE_RETENTION_DAYS), and the case page
    # shows that date; cases closed without it count from their sign-off (or opening) instead.
    fallback = Q(signed_off_at__lt=cutoff) | Q(signed_off_at__isnull=True, opened_at__lt=cutoff)
    due = Q(purge_after__lt=now) | (Q(purge_after__isnull=True) & fallback)
    return await _ids(SafeguardingCase.filter(due, status=CaseStatus.CLOSED))


async def _delete_case(case_id: int, now: datetime) -> bool:
    async with in_transaction():
        case = await SafeguardingCase.get_or_none(id=case_id, status=CaseStatus.CLOSED)
        if case is None:
            return False
        before = {
            "status": case.status.value,
            "level": case.level,
            "decision": case.decision.value if case.decision else None,
            "opened_at": case.opened_at.isoformat(),
            "signed_off_at": case.signed_off_at.isoformat() if case.signed_off_at else None,
            "contribution_id": case.contribution_id,  # type: ignore[attr-defined]
        }
        await SafeguardingCase.filter(id=case_id).delete()
        await record(
            "retention.case_deleted",
            actor_label=ACTOR,
            object_type="safeguarding_case",
            object_id=case_id,
            before=before,
            after={"deleted_at": now.isoformat()},
            at=now,
        )
    return True


async def purge(now: datetime, settings: Settings, *, dry_run: bool) -> PurgeReport:
    """Delete what has been kept long enough (see the module docstring). Safe to repeat."""
    report = PurgeReport(now=now, dry_run=dry_run)

    due = await _due_contributions(now - timedelta(days=settings.retention_days))
    report.held = await _open_cases(due)
    for contribution_id in due:
        if contribution_id in report.held:
            continue
        if dry_run or await _purge_original(contribution_id, now):
            report.originals.append(contribution_id)

    for case_id in await _due_cases(now, now - timedelta(days=settings.case_retention_days)):
        if dry_run or await _delete_case(case_id, now):
            report.cases.append(case_id)

    draft_cutoff = now - DRAFT_RETENTION
    drafts = await _ids(JourneyDraft.filter(updated_at__lt=draft_cutoff))
    if drafts and not dry_run:
        deleted = 0
        for chunk in _chunks(drafts):
            deleted += await JourneyDraft.filter(id__in=list(chunk), updated_at__lt=draft_cutoff).delete()
        await record(
            "retention.drafts_deleted",
            actor_label=ACTOR,
            object_type="journey_draft",
            after={"count": deleted, "not_updated_since": draft_cutoff.isoformat()},
            at=now,
        )
    report.drafts = drafts
    return report
