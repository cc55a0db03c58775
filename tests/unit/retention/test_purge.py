"""voice.retention.services.purge: what goes, what stays, dry runs and repeat runs."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from starlette.applications import Starlette

from tests.unit.retention.helpers import ORIGINAL, REDACTED, case, contribution, draft
from voice.audit.models import AuditEvent
from voice.feedback.models import Answer, ContactDetail, Contribution, JourneyDraft, Status
from voice.moderation.models import (
    CaseStatus,
    ModeratorNote,
    Redaction,
    RedactionSource,
    RedactionState,
    SafeguardingCase,
)
from voice.retention.services import purge
from voice.settings import Settings

NOW = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=400)  # beyond 365 days
RECENT = NOW - timedelta(days=30)


def _settings(settings: Settings) -> Settings:
    return replace(settings, retention_days=365, case_retention_days=2555)


async def _originals_kept(contribution_id: int) -> bool:
    texts = await Answer.filter(contribution_id=contribution_id).values_list("text", flat=True)
    return all(text == ORIGINAL for text in texts) and await ContactDetail.exists(
        contribution_id=contribution_id
    )


async def test_old_decided_contributions_lose_their_original_words(
    app: Starlette, settings: Settings
) -> None:
    approved = await contribution(Status.APPROVED, OLD - timedelta(days=5), OLD)
    rejected = await contribution(Status.REJECTED, OLD, OLD + timedelta(days=1))
    undated = await contribution(Status.APPROVED, OLD)  # decided, but no decision time kept
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.originals == [approved.id, rejected.id, undated.id]
    for item in (approved, rejected, undated):
        answers = await Answer.filter(contribution_id=item.id)
        assert [a.text for a in answers] == [None, None]
        assert [a.redacted_text for a in answers] == [REDACTED, REDACTED]
        assert not await ContactDetail.exists(contribution_id=item.id)
        assert (await Contribution.get(id=item.id)).original_purged_at == NOW
    events = await AuditEvent.filter(action="retention.original_deleted").order_by("id")
    assert [e.object_id for e in events] == [str(approved.id), str(rejected.id), str(undated.id)]
    first = events[0]
    assert first.object_type == "contribution" and first.actor_label == "voice purge" and first.at == NOW
    assert first.after == {
        "answers_cleared": 2,
        "contact_deleted": True,
        "notes_deleted": 0,
        "withdrawn_words_deleted": False,
        "purged_at": NOW.isoformat(),
    }
    everything = json.dumps([[e.before, e.after, e.actor_label] for e in await AuditEvent.all()])
    assert "Sam" not in everything and "sam@example.org" not in everything and "Elm" not in everything


async def test_recent_and_undecided_contributions_are_kept(app: Starlette, settings: Settings) -> None:
    recent = await contribution(Status.APPROVED, RECENT, RECENT)
    just_inside = await contribution(Status.REJECTED, OLD, NOW - timedelta(days=364, hours=23))
    received = await contribution(Status.RECEIVED, OLD)
    in_review = await contribution(Status.IN_REVIEW, OLD)
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.originals == []
    for item in (recent, just_inside, received, in_review):
        assert await _originals_kept(item.id)
        assert (await Contribution.get(id=item.id)).original_purged_at is None
    assert not await AuditEvent.exists(action="retention.original_deleted")


async def test_open_case_holds_a_contribution(app: Starlette, settings: Settings) -> None:
    held = await contribution(Status.APPROVED, OLD, OLD)
    open_case = await case(held, CaseStatus.OPEN, OLD)
    acknowledged = await contribution(Status.REJECTED, OLD, OLD)
    ack_case = await case(acknowledged, CaseStatus.ACKNOWLEDGED, OLD)
    closed_recently = await contribution(Status.APPROVED, OLD, OLD)
    await case(closed_recently, CaseStatus.CLOSED, OLD, signed_off_at=RECENT)
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.held == {held.id: [open_case.id], acknowledged.id: [ack_case.id]}
    assert report.originals == [closed_recently.id]  # a closed case does not hold its contribution
    assert await _originals_kept(held.id) and await _originals_kept(acknowledged.id)
    # The case closes; the next run purges the contribution.
    await SafeguardingCase.filter(id=open_case.id).update(status=CaseStatus.CLOSED, signed_off_at=NOW)
    again = await purge(NOW + timedelta(days=1), _settings(settings), dry_run=False)
    assert again.originals == [held.id]
    assert again.held == {acknowledged.id: [ack_case.id]}


async def test_old_closed_cases_are_deleted(app: Starlette, settings: Settings) -> None:
    long_ago = NOW - timedelta(days=2600)
    item = await contribution(Status.APPROVED, long_ago, long_ago)
    old_case = await case(item, CaseStatus.CLOSED, long_ago, signed_off_at=long_ago + timedelta(days=10))
    no_sign_off = await case(None, CaseStatus.CLOSED, long_ago)
    young_case = await case(None, CaseStatus.CLOSED, long_ago, signed_off_at=NOW - timedelta(days=2000))
    old_but_open = await case(None, CaseStatus.OPEN, long_ago)
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.cases == [old_case.id, no_sign_off.id]
    assert not await SafeguardingCase.exists(id=old_case.id)
    assert not await SafeguardingCase.exists(id=no_sign_off.id)
    assert await SafeguardingCase.exists(id=young_case.id) and await SafeguardingCase.exists(
        id=old_but_open.id
    )
    assert await Contribution.exists(id=item.id)  # the contribution (redacted) stays
    event = await AuditEvent.get(action="retention.case_deleted", object_id=str(old_case.id))
    assert event.object_type == "safeguarding_case" and event.at == NOW
    assert event.before is not None and event.before["contribution_id"] == item.id
    assert event.before["status"] == "closed" and event.before["decision"] == "referred_front_door"
    assert "Sam" not in json.dumps([event.before, event.after])


async def test_stale_drafts_are_deleted(app: Starlette, settings: Settings) -> None:
    stale = await draft(NOW - timedelta(hours=25))
    fresh = await draft(NOW - timedelta(hours=23))
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.drafts == [stale.id]
    assert await JourneyDraft.filter().values_list("id", flat=True) == [fresh.id]
    event = await AuditEvent.get(action="retention.drafts_deleted")
    assert event.after is not None and event.after["count"] == 1


async def test_dry_run_changes_nothing_and_audits_nothing(app: Starlette, settings: Settings) -> None:
    old = await contribution(Status.APPROVED, OLD, OLD)
    held = await contribution(Status.APPROVED, OLD, OLD)
    open_case = await case(held, CaseStatus.OPEN, OLD)
    old_case = await case(None, CaseStatus.CLOSED, NOW - timedelta(days=3000), NOW - timedelta(days=2999))
    stale = await draft(NOW - timedelta(days=2))
    report = await purge(NOW, _settings(settings), dry_run=True)
    assert report.dry_run
    assert (report.originals, report.held, report.cases, report.drafts) == (
        [old.id],
        {held.id: [open_case.id]},
        [old_case.id],
        [stale.id],
    )
    assert report.counts == {"originals": 1, "held": 1, "cases": 1, "drafts": 1}
    assert await _originals_kept(old.id)
    assert (await Contribution.get(id=old.id)).original_purged_at is None
    assert await SafeguardingCase.exists(id=old_case.id) and await JourneyDraft.exists(id=stale.id)
    assert await AuditEvent.all().count() == 0
    # The real run then does exactly what the dry run said.
    real = await purge(NOW, _settings(settings), dry_run=False)
    assert (real.originals, real.held, real.cases, real.drafts) == (
        report.originals,
        report.held,
        report.cases,
        report.drafts,
    )


async def test_second_run_finds_nothing_more(app: Starlette, settings: Settings) -> None:
    await contribution(Status.APPROVED, OLD, OLD)
    await case(None, CaseStatus.CLOSED, NOW - timedelta(days=3000), NOW - timedelta(days=2999))
    await draft(NOW - timedelta(days=2))
    first = await purge(NOW, _settings(settings), dry_run=False)
    assert first.counts == {"originals": 1, "held": 0, "cases": 1, "drafts": 1}
    audited = await AuditEvent.all().count()
    second = await purge(NOW, _settings(settings), dry_run=False)
    assert second.counts == {"originals": 0, "held": 0, "cases": 0, "drafts": 0}
    assert await AuditEvent.all().count() == audited  # nothing new to say


async def test_retention_setting_is_used(app: Starlette, settings: Settings) -> None:
    item = await contribution(Status.APPROVED, RECENT, RECENT)
    assert (await purge(NOW, replace(settings, retention_days=31), dry_run=True)).originals == []
    assert (await purge(NOW, replace(settings, retention_days=29), dry_run=True)).originals == [item.id]


async def test_contribution_without_contact_details(app: Starlette, settings: Settings) -> None:
    item = await contribution(Status.REJECTED, OLD, OLD, contact=False, answers=1)
    await purge(NOW, _settings(settings), dry_run=False)
    event = await AuditEvent.get(action="retention.original_deleted")
    assert event.object_id == str(item.id)
    assert event.after == {
        "answers_cleared": 1,
        "contact_deleted": False,
        "notes_deleted": 0,
        "withdrawn_words_deleted": False,
        "purged_at": NOW.isoformat(),
    }


async def test_closed_cases_follow_their_purge_after_date(app: Starlette, settings: Settings) -> None:
    long_ago = NOW - timedelta(days=2600)
    due = await case(None, CaseStatus.CLOSED, RECENT, signed_off_at=RECENT)
    due.purge_after = NOW - timedelta(days=1)
    await due.save(update_fields=["purge_after"])
    not_yet = await case(None, CaseStatus.CLOSED, long_ago, signed_off_at=long_ago)
    not_yet.purge_after = NOW + timedelta(days=1)
    await not_yet.save(update_fields=["purge_after"])
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.cases == [due.id]
    assert await SafeguardingCase.exists(id=not_yet.id)


async def test_purged_reasons_keep_what_was_found_not_the_words(app: Starlette, settings: Settings) -> None:
    """A reason quotes the words that found it, names and all; purging the words purges those."""
    item = await contribution(Status.APPROVED, OLD, OLD)
    item.screening_reasons = [
        "physical abuse (urgent): 'step dad Sam Example hits me' + 'tonight'",
        "Raised by hand: Sam said it happens at 4 Elm Road",
        "A safeguarding case was raised by hand",
    ]
    await item.save(update_fields=["screening_reasons"])
    kept = await contribution(Status.APPROVED, RECENT, RECENT)
    kept.screening_reasons = ["physical abuse (urgent): 'Sam Example hits me'"]
    await kept.save(update_fields=["screening_reasons"])
    await purge(NOW, _settings(settings), dry_run=False)
    purged = await Contribution.get(id=item.id)
    assert purged.screening_reasons == [
        "physical abuse (urgent)",
        "Raised by hand",
        "A safeguarding case was raised by hand",
    ]
    assert (await Contribution.get(id=kept.id)).screening_reasons == [
        "physical abuse (urgent): 'Sam Example hits me'"
    ]


async def test_withdrawn_words_go_at_the_next_purge_with_the_withdrawal_note(
    app: Starlette, settings: Settings
) -> None:
    """Found by an exploratory test (2026-11-24): a withdrawn contribution was never purged, so
    the words its author asked to be taken out, and their contact details, stayed for ever."""
    withdrawn = await contribution(Status.WITHDRAWN, RECENT)  # withdrawn before any decision
    await Contribution.filter(id=withdrawn.id).update(rejection_note="Sam's mum phoned on 3 May")
    held = await contribution(Status.WITHDRAWN, RECENT)
    held_by = await case(held, CaseStatus.OPEN, RECENT)
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.originals == [withdrawn.id] and report.held == {held.id: [held_by.id]}
    answers = await Answer.filter(contribution_id=withdrawn.id)
    assert [(a.text, a.redacted_text) for a in answers] == [(None, ""), (None, "")]
    assert not await ContactDetail.exists(contribution_id=withdrawn.id)
    assert (await Contribution.get(id=withdrawn.id)).rejection_note == ""
    event = await AuditEvent.get(action="retention.original_deleted", object_id=str(withdrawn.id))
    assert event.after is not None and event.after["withdrawn_words_deleted"] is True
    assert await _originals_kept(held.id)  # an open case holds it, as for any other


async def test_a_purge_clears_the_reasons_given_for_redactions(app: Starlette, settings: Settings) -> None:
    """A moderator's reason may name what was hidden ("her phone number 07700..."): it goes with
    the original words it was protecting."""
    old = await contribution(Status.APPROVED, OLD, OLD)
    recent = await contribution(Status.APPROVED, RECENT, RECENT)
    for item in (old, recent):
        answer = await Answer.filter(contribution_id=item.id).first()
        assert answer is not None
        await Redaction.create(
            answer=answer,
            start=11,
            end=22,
            kind="name",
            reason="Sam Example is her full name",
            source=RedactionSource.MODERATOR,
            state=RedactionState.ACCEPTED,
        )
    await purge(NOW, _settings(settings), dry_run=False)
    reasons = {
        item.id: [r.reason for r in await Redaction.filter(answer__contribution_id=item.id)]
        for item in (old, recent)
    }
    assert reasons == {old.id: [""], recent.id: ["Sam Example is her full name"]}


async def test_words_withdrawn_after_an_earlier_purge_go_at_the_next_one(
    app: Starlette, settings: Settings
) -> None:
    """Found by a review (2026-11-24): approved, purged after a year (the redacted words stay
    published), then withdrawn; the next purge never picked it, so the redacted words and the
    withdrawal note stayed for ever."""
    item = await contribution(Status.APPROVED, OLD, OLD)
    assert (await purge(NOW, _settings(settings), dry_run=False)).originals == [item.id]
    await Contribution.filter(id=item.id).update(status=Status.WITHDRAWN, rejection_note="Sam asked by email")
    later = NOW + timedelta(days=1)
    assert (await purge(later, _settings(settings), dry_run=False)).originals == [item.id]
    assert [a.redacted_text for a in await Answer.filter(contribution_id=item.id)] == ["", ""]
    assert (await Contribution.get(id=item.id)).rejection_note == ""
    assert (await purge(later, _settings(settings), dry_run=False)).originals == []  # nothing more to do


async def test_the_team_notes_go_with_the_original_words(app: Starlette, settings: Settings) -> None:
    """Found by exploratory testing (twenty-second session): a moderator's note ("Sam from
    Elm Road, I think") outlived every purge, withdrawn contributions' too. It goes with the
    original words; a contribution kept (recent, or held by an open case) keeps its notes."""
    old = await contribution(Status.APPROVED, OLD, OLD)
    withdrawn = await contribution(Status.WITHDRAWN, RECENT)
    recent = await contribution(Status.APPROVED, RECENT, RECENT)
    held = await contribution(Status.REJECTED, OLD, OLD)
    await case(held, CaseStatus.OPEN, OLD)
    for item in (old, withdrawn, recent, held):
        for body in ("Sounds like Sam at Elm Road", "Checked with the school"):
            await ModeratorNote.create(contribution=item, body=body)
    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.originals == [old.id, withdrawn.id]
    assert not await ModeratorNote.exists(contribution_id__in=[old.id, withdrawn.id])
    assert await ModeratorNote.filter(contribution_id=recent.id).count() == 2
    assert await ModeratorNote.filter(contribution_id=held.id).count() == 2
    events = await AuditEvent.filter(action="retention.original_deleted").order_by("id")
    assert [event.after["notes_deleted"] for event in events if event.after] == [2, 2]
    assert "Elm" not in json.dumps([[e.before, e.after] for e in await AuditEvent.all()])
