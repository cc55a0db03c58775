"""A reason or note made only of characters that show nothing (zero-width spaces, a word
joiner, a Braille blank) is missing, as blank ones are (exploratory testing, twenty-second
session): a rejection "Other" with no visible reason, a withdrawal with no record of who asked,
an empty team note and a redaction with an empty reason were all saved."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from tests.support.contributions import PHONE_TEXT, make_contribution
from tests.unit.moderation.test_services import NOW
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Answer, Contribution, RejectionReason
from voice.moderation import services
from voice.moderation.models import ModeratorNote, Redaction, RedactionSource
from voice.moderation.services import ModerationError

INVISIBLE = ["\u200b\u200b", " \u2060 ", "\u2800", "\u200d\ufeff\n\u200b"]


def _messages(error: pytest.ExceptionInfo[ModerationError]) -> list[str]:
    return [message for _field, message in error.value.problems()]


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_a_rejection_for_another_reason_needs_a_visible_reason(
    app: Starlette, staff: dict[Role, StaffUser], typed: str
) -> None:
    item = await make_contribution("The park is fine")
    with pytest.raises(ModerationError) as error:
        await services.reject(
            item, by=staff[Role.MODERATOR], now=NOW, reason=RejectionReason.OTHER, note=typed
        )
    assert _messages(error) == ["Say why you are rejecting it"]
    assert (await Contribution.get(id=item.id)).status is item.status


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_a_withdrawal_needs_a_visible_note(
    app: Starlette, staff: dict[Role, StaffUser], typed: str
) -> None:
    item = await make_contribution("The park is fine")
    with pytest.raises(ModerationError) as error:
        await services.withdraw(item, by=staff[Role.MODERATOR], now=NOW, note=typed)
    assert _messages(error) == ["Say who asked for it to be withdrawn and how"]
    assert (await Contribution.get(id=item.id)).status is item.status


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_a_team_note_must_show_something(
    app: Starlette, staff: dict[Role, StaffUser], typed: str
) -> None:
    item = await make_contribution("The park is fine")
    with pytest.raises(ModerationError) as error:
        await services.add_note(item, by=staff[Role.MODERATOR], now=NOW, body=typed)
    assert _messages(error) == ["Enter a note"]
    assert not await ModeratorNote.exists(contribution_id=item.id)


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_a_redaction_needs_a_visible_reason(
    app: Starlette, staff: dict[Role, StaffUser], typed: str
) -> None:
    item = await make_contribution(PHONE_TEXT)
    answer = await Answer.get(contribution_id=item.id)
    before = await Redaction.filter(answer_id=answer.id).count()
    with pytest.raises(ModerationError) as error:
        await services.add_redaction(
            answer, by=staff[Role.MODERATOR], now=NOW, kind="phone", reason=typed, phrase="07700 900123"
        )
    assert _messages(error) == ["Give a reason for the redaction"]
    assert await Redaction.filter(answer_id=answer.id).count() == before


async def test_visible_words_around_invisible_ones_are_kept(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution("The park is fine")
    note = await services.add_note(
        item, by=staff[Role.MODERATOR], now=NOW, body="\u200bChecked with Sam\u200b"
    )
    assert "Checked with Sam" in note.body
    answer = await Answer.get(contribution_id=(await make_contribution("Ring Sam at the club")).id)
    made = await services.add_redaction(
        answer, by=staff[Role.MODERATOR], now=NOW, kind="other", reason="  A place \u200b ", phrase="the club"
    )
    assert [(r.reason, r.source) for r in made] == [("A place \u200b", RedactionSource.MODERATOR)]
