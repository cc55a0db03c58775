"""A rejection's reason and note belong to that decision (exploratory testing, nineteenth
session): they stayed on a contribution put back in review, and a withdrawal kept the old
reason beside its own note. The audit log keeps every one."""

from __future__ import annotations

from datetime import timedelta

from starlette.applications import Starlette

from tests.support.contributions import BASE_TIME, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Contribution, RejectionReason, Status
from voice.moderation import services

NOW = BASE_TIME + timedelta(hours=2)


async def _rejected(by: StaffUser) -> Contribution:
    item = await make_contribution("Buy cheap trainers at this site")
    await services.reject(item, by=by, now=NOW, reason=RejectionReason.OTHER, note="Advert, not feedback")
    stored = await Contribution.get(id=item.id)
    assert (stored.rejection_reason, stored.rejection_note) == ("other", "Advert, not feedback")
    return stored


async def test_put_back_in_review_clears_the_rejection(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    moderator = staff[Role.MODERATOR]
    item = await _rejected(moderator)
    await services.reopen(item, by=moderator, now=NOW)
    stored = await Contribution.get(id=item.id)
    assert stored.status is Status.IN_REVIEW
    assert (stored.rejection_reason, stored.rejection_note) == ("", "")
    rejected = await AuditEvent.get(action="contribution.rejected", object_id=str(item.id))
    assert rejected.after is not None and rejected.after["rejection_note"] == "Advert, not feedback"


async def test_a_withdrawal_keeps_its_own_note_and_no_old_reason(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    item = await _rejected(moderator)
    await services.withdraw(item, by=moderator, now=NOW, note="Asked by phone")
    stored = await Contribution.get(id=item.id)
    assert stored.status is Status.WITHDRAWN
    assert (stored.rejection_reason, stored.rejection_note) == ("", "Asked by phone")
