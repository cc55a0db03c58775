"""The one place a contribution's status changes.

Nothing is published without a person's decision: the only way to ``approved``
is :func:`voice.moderation.services.approve`, which goes through :func:`check_move`.
"""

from __future__ import annotations

from datetime import datetime

from voice.feedback.models import Status

#: Every allowed move. Anything not listed is refused.
ALLOWED: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset({Status.RECEIVED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.REJECTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset(),
}

#: Statuses still waiting for a moderator.
TO_DO: tuple[Status, ...] = (Status.RECEIVED, Status.IN_REVIEW)

#: Statuses that are a final decision (retention counts from these).
DECIDED: tuple[Status, ...] = (Status.APPROVED, Status.REJECTED)


class TransitionError(ValueError):
    """A move the workflow does not allow."""

    def __init__(self, current: Status, wanted: Status) -> None:
        self.current = current
        self.wanted = wanted
        super().__init__(f"A contribution that is {describe(current)} cannot become {describe(wanted)}.")


LABELS: dict[Status, str] = {
    Status.RECEIVED: "received",
    Status.IN_REVIEW: "in review",
    Status.APPROVED: "approved",
    Status.REJECTED: "rejected",
    Status.WITHDRAWN: "withdrawn",
}


def describe(status: Status) -> str:
    return LABELS[status]


def can_move(current: Status, wanted: Status) -> bool:
    return wanted in ALLOWED[current]


def check_move(current: Status, wanted: Status) -> None:
    """Raise :class:`TransitionError` unless ``current -> wanted`` is allowed."""
    if not can_move(current, wanted):
        raise TransitionError(current, wanted)


def decision_mark_of(status: Status, decided_by_id: int | None, decided_at: datetime | None) -> str:
    """Which decision a page showed (status, who and when), from plain values: a move made
    from that page is refused when the decision there now is another one."""
    moment = int(decided_at.timestamp() * 1_000_000) if decided_at is not None else 0
    return f"{status.value}.{decided_by_id or 0}.{moment}"
