"""Move up / Move down: the shared swap behind questions, areas and priorities, and the form value."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException

from voice.ordering import Direction, Move, direction_of, swapped
from voice.web.forms import form_direction


def test_moving_up_swaps_with_the_item_above() -> None:
    assert swapped([4, 7, 9], 7, "up") == Move([7, 4, 9], was=2, now=1)


def test_moving_down_swaps_with_the_item_below() -> None:
    assert swapped([4, 7, 9], 7, "down") == Move([4, 9, 7], was=2, now=3)


def test_the_list_given_is_left_as_it_was() -> None:
    ids = [4, 7, 9]
    swapped(ids, 9, "up")
    assert ids == [4, 7, 9]


@pytest.mark.parametrize(("ident", "direction"), [(4, "up"), (9, "down"), (5, "up"), (5, "down")])
def test_nothing_moves_past_an_end_or_when_the_item_is_not_there(ident: int, direction: Direction) -> None:
    assert swapped([4, 7, 9], ident, direction) is None


def test_a_single_item_cannot_move() -> None:
    assert swapped([3], 3, "up") is None
    assert swapped([3], 3, "down") is None


@pytest.mark.parametrize("value", ["up", "down"])
def test_the_two_directions_a_form_may_send(value: str) -> None:
    assert direction_of(value) == value
    assert form_direction(value) == value


@pytest.mark.parametrize("value", [None, "", "UP", " up", "left", 1])
def test_anything_else_is_a_bad_request(value: object) -> None:
    assert direction_of(value) is None
    with pytest.raises(HTTPException) as raised:
        form_direction(value)
    assert raised.value.status_code == 400
