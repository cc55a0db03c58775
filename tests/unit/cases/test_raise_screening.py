"""A case raised by hand puts its contribution with the possible disclosures: level, rank and tally."""

from __future__ import annotations

from datetime import timedelta

from starlette.applications import Starlette

from tests.unit.cases.factory import START, complete_case, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services
from voice.feedback.models import SCREENING_RANK, Contribution, ScreeningLevel
from voice.moderation import tally
from voice.moderation.models import CaseStatus
from voice.moderation.queue import Filters, load_page


async def _raised(contribution_id: int) -> list[AuditEvent]:
    return await AuditEvent.filter(
        action="contribution.screening_raised", object_type="contribution", object_id=str(contribution_id)
    ).order_by("id")


async def test_none_found_goes_up_to_the_case_level_and_is_audited(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    moderator = staff[Role.MODERATOR]
    contribution = await make_contribution("Street lights near the park are broken")
    at = START + timedelta(hours=3)
    case = await services.raise_case(
        contribution.id, by=moderator, note="Someone may be following them", now=at, level="urgent"
    )
    after = await Contribution.get(id=contribution.id)
    assert after.screening_level is ScreeningLevel.URGENT
    assert after.screening_rank == SCREENING_RANK[ScreeningLevel.URGENT]
    assert after.screening_reasons == [services.RAISED_BY_HAND]
    # The note is for the leads: it is in the case, not in what moderators read.
    assert case.reasons == ["Raised by hand: Someone may be following them"]
    [event] = await _raised(contribution.id)
    assert event.actor_id == moderator.id and event.at == at
    assert (event.before, event.after) == ({"screening_level": "none"}, {"screening_level": "urgent"})
    assert await tally.stored() == await tally.recount()


async def test_it_sorts_with_the_disclosures_in_the_queue(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    older = await make_contribution("The buses are late", at=START - timedelta(days=2))
    newer = await make_contribution("I feel scared walking home", at=START)
    page = await load_page(Filters())
    assert [item.id for item in page.items] == [older.id, newer.id]
    await services.raise_case(newer.id, by=staff[Role.MODERATOR], note="Scared", now=START)
    page = await load_page(Filters())
    assert [item.id for item in page.items] == [newer.id, older.id]
    assert page.items[0].screening_level is ScreeningLevel.CONCERN
    assert page.level_counts == {"urgent": 0, "concern": 1, "none": 1}
    concern = await load_page(Filters(level="concern"))
    assert [item.id for item in concern.items] == [newer.id]
    assert await tally.stored() == await tally.recount()


async def test_concern_goes_up_to_urgent(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    contribution = await make_contribution("words", level=ScreeningLevel.CONCERN)
    await services.raise_case(
        contribution.id, by=staff[Role.SAFEGUARDING_LEAD], note="n", now=START, level="urgent"
    )
    after = await Contribution.get(id=contribution.id)
    assert after.screening_level is ScreeningLevel.URGENT and after.screening_rank == 0
    assert after.screening_reasons == ["test reason (concern)", services.RAISED_BY_HAND]
    assert await tally.stored() == await tally.recount()


async def test_a_level_is_never_lowered(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    closed = await complete_case(staff[Role.SAFEGUARDING_LEAD], status=CaseStatus.CLOSED)
    contribution_id = closed.contribution_id  # type: ignore[attr-defined]
    await services.raise_case(contribution_id, by=staff[Role.MODERATOR], note="again", now=START)
    after = await Contribution.get(id=contribution_id)
    assert after.screening_level is ScreeningLevel.URGENT and after.screening_reasons == [
        "test reason (urgent)"
    ]
    assert await _raised(contribution_id) == []


async def test_raised_twice_the_reason_is_written_once(app: Starlette, staff: dict[Role, StaffUser]) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    contribution = await make_contribution("words")
    first = await services.raise_case(contribution.id, by=lead, note="one", now=START)
    await first.filter(id=first.id).update(status=CaseStatus.CLOSED)
    await services.raise_case(contribution.id, by=lead, note="two", now=START, level="urgent")
    after = await Contribution.get(id=contribution.id)
    assert after.screening_level is ScreeningLevel.URGENT
    assert after.screening_reasons == [services.RAISED_BY_HAND]
    assert len(await _raised(contribution.id)) == 2
    assert await tally.stored() == await tally.recount()
