"""Putting a staff list in order: "Move up" and "Move down" on questions, areas and priorities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Direction = Literal["up", "down"]


@dataclass(frozen=True)
class Move:
    """A list's new order after one item swapped places with its neighbour."""

    ids: list[int]
    #: The item's position (from 1) before and after.
    was: int
    now: int


def swapped(ids: Sequence[int], ident: int, direction: Direction) -> Move | None:
    """``ids`` with ``ident`` swapped with the item above or below it; None when it is not in
    the list or is already at that end."""
    if ident not in ids:
        return None
    index = ids.index(ident)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ids):
        return None
    order = list(ids)
    order[index], order[other] = order[other], order[index]
    return Move(order, index + 1, other + 1)


def direction_of(value: object) -> Direction | None:
    """The direction a Move up / Move down form sent, or None for anything else."""
    if value == "up":
        return "up"
    if value == "down":
        return "down"
    return None
