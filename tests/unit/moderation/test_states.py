"""Every allowed and every forbidden status move, checked in the one place moves are made."""

from __future__ import annotations

import itertools

import pytest

from voice.feedback.models import Status
from voice.moderation.states import ALLOWED, TransitionError, can_move, check_move

S = Status
EXPECTED_ALLOWED = {
    (S.RECEIVED, S.IN_REVIEW),
    (S.RECEIVED, S.APPROVED),
    (S.RECEIVED, S.REJECTED),
    (S.RECEIVED, S.WITHDRAWN),
    (S.IN_REVIEW, S.RECEIVED),
    (S.IN_REVIEW, S.APPROVED),
    (S.IN_REVIEW, S.REJECTED),
    (S.IN_REVIEW, S.WITHDRAWN),
    (S.APPROVED, S.IN_REVIEW),
    (S.APPROVED, S.WITHDRAWN),
    (S.REJECTED, S.IN_REVIEW),
    (S.REJECTED, S.WITHDRAWN),
}
ALL_PAIRS = list(itertools.product(Status, Status))


def test_the_table_covers_every_status() -> None:
    assert set(ALLOWED) == set(Status)


@pytest.mark.parametrize(("current", "wanted"), sorted(EXPECTED_ALLOWED))
def test_allowed_moves(current: Status, wanted: Status) -> None:
    assert can_move(current, wanted)
    check_move(current, wanted)


@pytest.mark.parametrize(("current", "wanted"), sorted(set(ALL_PAIRS) - EXPECTED_ALLOWED))
def test_forbidden_moves(current: Status, wanted: Status) -> None:
    assert not can_move(current, wanted)
    with pytest.raises(TransitionError) as raised:
        check_move(current, wanted)
    assert raised.value.current is current and raised.value.wanted is wanted
    assert "cannot become" in str(raised.value)


def test_withdrawn_is_final() -> None:
    assert not any(can_move(Status.WITHDRAWN, other) for other in Status)


def test_approved_cannot_be_rejected_without_reopening() -> None:
    assert not can_move(Status.APPROVED, Status.REJECTED)
    assert can_move(Status.APPROVED, Status.IN_REVIEW) and can_move(Status.IN_REVIEW, Status.REJECTED)
