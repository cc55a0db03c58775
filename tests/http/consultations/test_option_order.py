"""Options can be put in another order (exploratory testing, twenty-second session): a new
option could only go at the end, and rewording answered options to fix the order would change
what the answers stored mean. "Move up" and "Move down" show the form again in the new order,
saving nothing; saving the question keeps the order, and every option keeps its value."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import add_questions, make_consultation, value_of
from tests.http.consultations.test_questions import base, option, post, wording
from tests.support.http import SEEN_RE, seen_on
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Question

MOVED = "It is not saved yet: save the question to keep the new order."


def _form(seen: str) -> dict[str, str]:
    return {
        **wording("How safe do you feel in parks?"),
        "required": "y",
        **option(0, value="not_safe", emoji="🙁", en="Not safe", ur="محفوظ نہیں"),
        **option(1, value="very_safe", emoji="😀", en="Very safe"),
        **option(2, en="A bit safe"),
        "seen": seen,
    }


def _labels(page: httpx.Response, rows: int) -> list[str]:
    return [value_of(page, f"options-{row}-label_en") for row in range(rows)]


async def test_moving_an_option_keeps_everything_typed_and_saves_nothing(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    path = f"{base(consultation)}/questions/{rating.id}"
    before = (await Question.get(id=rating.id)).options
    seen = await seen_on(client, path)
    moved = await post(client, path, {**_form(seen), "move": "up-2"})
    assert moved.status_code == 200 and MOVED in moved.text
    assert _labels(moved, 3) == ["Not safe", "A bit safe", "Very safe"]
    assert 'value="very_safe"' in moved.text.split('id="option-2"', 1)[1].split("</fieldset>", 1)[0]
    assert value_of(moved, "options-0-label_ur") == "محفوظ نہیں"
    assert (await Question.get(id=rating.id)).options == before  # nothing saved
    assert not await AuditEvent.filter(action="question.updated").exists()
    # The page still carries the fingerprint it was opened with, so someone else's save since is caught.
    still = SEEN_RE.search(moved.text)
    assert still and still.group(1) == seen
    # Saving keeps the new order; the new option gets a value, the others keep theirs.
    order = {
        **_form(seen),
        **option(1, en="A bit safe"),
        **option(2, value="very_safe", emoji="😀", en="Very safe"),
    }
    saved = await post(client, path, order)
    assert saved.status_code == 303
    stored = (await Question.get(id=rating.id)).options
    assert [o["label"]["en"] for o in stored] == ["Not safe", "A bit safe", "Very safe"]
    assert stored[0]["value"] == "not_safe" and stored[2]["value"] == "very_safe"
    assert stored[1]["value"] not in {"not_safe", "very_safe", ""}


async def test_the_first_cannot_move_up_nor_the_last_down(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    path = f"{base(consultation)}/questions/{rating.id}"
    page = await client.get(path)
    buttons = re.findall(r'name="move" value="([a-z]+-[0-9]+)"', page.text)
    rows = len(re.findall(r'class="fieldset option-row"', page.text))
    assert buttons[0] == "down-0" and f"up-{rows - 1}" in buttons and f"down-{rows - 1}" not in buttons
    assert "up-0" not in buttons
    # A made-up button moves nothing and saves nothing.
    seen = await seen_on(client, path)
    for made_up in ("up-0", "down-2", "sideways-1", "up-999"):
        same = await post(client, path, {**_form(seen), "move": made_up})
        assert same.status_code == 200 and MOVED not in same.text
        assert _labels(same, 3) == ["Not safe", "Very safe", "A bit safe"]
    assert not await AuditEvent.filter(action="question.updated").exists()


async def test_enter_in_a_box_saves_rather_than_moves(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """A form's first button is the one Enter presses: it is Save, not an option's Move up."""
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    path = f"{base(consultation)}/questions/{rating.id}"
    page = await client.get(path)
    form = page.text.split(f'<form method="post" action="{path}"', 1)[1]
    first_button = re.search(r"<button[^>]*>(.*?)</button>", form, re.S)
    assert first_button and first_button.group(1) == "Save question"
    assert 'name="move"' not in first_button.group(0)
