"""What a moderator sees highlighted is exactly what readers will not see.

Overlapping redactions (or one typed over a suggestion) used to leave hidden words
unhighlighted; typing words screening already suggested added a second redaction instead of
accepting the suggestion.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from tests.support.contributions import PHONE_TEXT, make_contribution
from tests.unit.moderation.test_services import NOW
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Answer
from voice.moderation import services
from voice.moderation.models import Redaction, RedactionState
from voice.moderation.routes import _segments

TEXT = "We meet at the Green Lane youth hut on Fridays"


def redaction(phrase: str, state: RedactionState = RedactionState.ACCEPTED, text: str = TEXT) -> Redaction:
    start = text.index(phrase)
    return Redaction(start=start, end=start + len(phrase), state=state, kind="address", reason="r")


def hidden(parts: list[tuple[str, Redaction | None]]) -> list[tuple[str, str]]:
    return [(words, found.state.value) for words, found in parts if found is not None]


def test_overlapping_redactions_highlight_everything_they_hide() -> None:
    parts = _segments(TEXT, [redaction("Green Lane"), redaction("Lane youth hut")])
    assert "".join(words for words, _found in parts) == TEXT  # nothing lost or repeated
    assert hidden(parts) == [("Green Lane", "accepted"), (" youth hut", "accepted")]  # side by side


def test_accepted_shows_over_a_suggestion_and_dismissed_hides_nothing() -> None:
    parts = _segments(
        TEXT,
        [
            redaction("Green Lane youth", RedactionState.SUGGESTED),
            redaction("Lane"),
            redaction("Fridays", RedactionState.DISMISSED),
        ],
    )
    assert hidden(parts) == [("Green ", "suggested"), ("Lane", "accepted"), (" youth", "suggested")]
    assert "Fridays" in [words for words, found in parts if found is None][-1]


def test_a_redaction_inside_another_is_covered() -> None:
    parts = _segments(TEXT, [redaction("Green Lane youth hut"), redaction("youth")])
    assert hidden(parts) == [("Green Lane youth hut", "accepted")]


async def test_typing_a_suggested_phrase_accepts_the_suggestion(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution(PHONE_TEXT)
    answer = await Answer.get(contribution_id=item.id)
    suggestion = await Redaction.get(answer_id=answer.id)
    phrase = PHONE_TEXT[suggestion.start : suggestion.end]
    made = await services.add_redaction(
        answer, by=staff[Role.MODERATOR], now=NOW, kind="phone", reason="Their number", phrase=phrase
    )
    assert [r.id for r in made] == [suggestion.id]
    assert await Redaction.filter(answer_id=answer.id).count() == 1
    assert (await Redaction.get(id=suggestion.id)).state is RedactionState.ACCEPTED
    assert await AuditEvent.filter(action="redaction.accepted", object_id=str(suggestion.id)).exists()
    assert not await AuditEvent.filter(action="redaction.added").exists()


async def test_part_of_a_word_is_refused_saying_whole_words(
    app: Starlette, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution("The epsilon club is great")
    answer = await Answer.get(contribution_id=item.id)
    with pytest.raises(services.ModerationError, match="not in this answer as whole words"):
        await services.add_redaction(
            answer, by=staff[Role.MODERATOR], now=NOW, kind="other", reason="Names a club", phrase="eps"
        )
