"""Two people changing one question: a save from a page opened before the other's save is
refused with everything typed kept, rather than silently undoing the other's change."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import add_questions, make_consultation, summary_links, title, value_of
from tests.http.consultations.test_questions import base, option, post, wording
from tests.support.http import SEEN_RE, error_summary_text, seen_on
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.consultations import services
from voice.feedback.models import Question


async def test_a_stale_save_is_refused_and_a_second_save_is_a_choice(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    path = f"{base(consultation)}/questions/{rating.id}"
    opened = await seen_on(client, path)
    # Someone else rewords an option and saves first.
    other = {
        **wording("How safe do you feel in parks?"),
        "required": "y",
        **option(0, value="not_safe", emoji="🙁", en="Not safe at all", ur="محفوظ نہیں"),
        **option(1, value="very_safe", emoji="😀", en="Very safe"),
        "seen": opened,
    }
    first = await post(client, path, other)
    assert first.status_code == 303, summary_links(first)
    theirs = (await Question.get(id=rating.id)).options
    # This page, opened before, changes only the wording.
    mine = {
        **wording("How safe are the parks near you?"),
        "required": "y",
        **option(0, value="not_safe", emoji="🙁", en="Not safe", ur="محفوظ نہیں"),
        **option(1, value="very_safe", emoji="😀", en="Very safe"),
        "seen": opened,
    }
    refused = await post(client, path, mine)
    assert refused.status_code == 409 and title(refused).startswith("Error: Change question 2")
    summary = error_summary_text(refused)
    assert "Someone else saved this question after you opened it" in summary
    assert value_of(refused, "prompt_en") == "How safe are the parks near you?"  # typed, kept
    assert (await Question.get(id=rating.id)).options == theirs  # nothing undone
    assert await AuditEvent.filter(action="question.updated").count() == 1
    # The refusal carries the fingerprint as it is now: saving again replaces theirs, knowingly.
    now_seen = SEEN_RE.search(refused.text)
    assert now_seen and now_seen.group(1) == services.question_fingerprint(await Question.get(id=rating.id))
    again = await post(client, path, {**mine, "seen": now_seen.group(1)})
    assert again.status_code == 303
    assert (await Question.get(id=rating.id)).prompt["en"] == "How safe are the parks near you?"


async def test_a_move_by_someone_else_is_not_a_conflict(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    questions = await add_questions(consultation)
    path = f"{base(consultation)}/questions/{questions[1].id}"
    opened = await seen_on(client, path)
    await services.move_question(questions[1], "up", moderator)
    data = {
        **wording("How safe are parks?"),
        "required": "y",
        **option(0, value="not_safe", en="Not safe"),
        **option(1, value="very_safe", en="Very safe"),
    }
    assert (await post(client, path, {**data, "seen": opened})).status_code == 303


async def test_two_options_with_the_same_words_are_refused(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    path = f"{base(consultation)}/questions/{rating.id}"
    data = {
        **wording("How safe do you feel in parks?"),
        "required": "y",
        **option(0, value="not_safe", en="Same"),
        **option(1, value="very_safe", en="same "),
    }
    refused = await post(client, path, data)
    assert refused.status_code == 400
    assert ("#options-1-label_en", "Each option needs different words") in summary_links(refused)
    assert value_of(refused, "options-1-label_en") == "same "
