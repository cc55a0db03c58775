"""The question editor with JavaScript off: add, edit, delete, move, and every error path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import (
    add_questions,
    element,
    make_consultation,
    summary_links,
    text_of,
    title,
    token,
    value_of,
)
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.consultations import services
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Area, Consultation, Question, QuestionKind


def base(consultation: Consultation) -> str:
    return f"/staff/consultations/{consultation.id}"


async def post(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await token(client), **data})  # type: ignore[arg-type]


def wording(en: str = "", **others: str) -> dict[str, str]:
    fields = {f"prompt_{code}": "" for code in ("en", "ur", "pl", "ar", "ro")}
    fields.update({f"hint_{code}": "" for code in ("en", "ur", "pl", "ar", "ro")})
    fields["prompt_en"] = en
    fields.update(others)
    return fields


def option(
    index: int, value: str = "", emoji: str = "", remove: bool = False, **labels: str
) -> dict[str, str]:
    row = {f"options-{index}-value": value, f"options-{index}-emoji": emoji}
    for code in ("en", "ur", "pl", "ar", "ro"):
        row[f"options-{index}-label_{code}"] = labels.get(code, "")
    if remove:
        row[f"options-{index}-remove"] = "y"
    return row


async def test_choosing_a_kind(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation()
    chooser = await client.get(f"{base(consultation)}/questions/new")
    assert chooser.status_code == 200
    assert title(chooser) == "What kind of question? – Voice"
    nothing = await client.get(f"{base(consultation)}/questions/new?choose=1")
    assert nothing.status_code == 400
    assert title(nothing) == "Error: What kind of question? – Voice"
    assert summary_links(nothing) == [("#kind", "Choose what kind of question to add")]
    bogus = await client.get(f"{base(consultation)}/questions/new?kind=slider")
    assert bogus.status_code == 400
    form = await client.get(f"{base(consultation)}/questions/new?kind=rating")
    assert form.status_code == 200
    assert title(form) == "Add a question – Voice"
    assert element(form, "options-0-emoji").tag == "select"
    # Option words are typed in the consultation's languages, in their direction.
    assert element(form, "options-0-label_ur").get("dir") == "rtl"
    assert 'name="options-0-label_pl" value=""' in form.text  # kept, not shown: Polish is not offered
    assert element(form, "prompt_ur").get("lang") == "ur"


async def test_add_a_free_text_question(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    data = {
        "kind": "free_text",
        **wording("What would help?", prompt_ur="کیا مدد کرے گا؟"),
        "required": "y",
        "max_length": "500",
    }
    response = await post(client, f"{base(consultation)}/questions/new", data)
    assert response.status_code == 303
    question = await Question.get(consultation_id=consultation.id)
    assert response.headers["location"] == f"{base(consultation)}?done=question-added#question-{question.id}"
    assert question.position == 1 and question.kind == QuestionKind.FREE_TEXT
    assert question.prompt == {"en": "What would help?", "ur": "کیا مدد کرے گا؟"}
    assert question.required is True and question.max_length == 500
    event = await AuditEvent.get(action="question.created")
    assert event.object_id == str(question.id) and event.after["consultation_id"] == consultation.id
    page = await client.get(response.headers["location"])
    assert "Question added." in text_of(page) and "What would help?" in text_of(page)


async def test_a_double_click_adds_one_question(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    consultation = await make_consultation()
    data = {"kind": "free_text", **wording("Anything else?"), "max_length": "500"}
    first = await post(client, f"{base(consultation)}/questions/new", data)
    second = await post(client, f"{base(consultation)}/questions/new", data)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert await Question.filter(consultation_id=consultation.id).count() == 1
    assert await AuditEvent.filter(action="question.created").count() == 1
    # Different words are a different question, even a moment later.
    other = await post(client, f"{base(consultation)}/questions/new", {**data, "prompt_en": "What else?"})
    assert other.status_code == 303 and other.headers["location"] != first.headers["location"]
    # The same words again after the repeat window are a second question on purpose.
    monkeypatch.setattr(services, "REPEAT_WINDOW", timedelta(0))
    assert (await post(client, f"{base(consultation)}/questions/new", data)).status_code == 303
    prompts = [q.prompt["en"] for q in await Question.filter(consultation_id=consultation.id)]
    assert prompts == ["Anything else?", "What else?", "Anything else?"]


async def test_free_text_errors_keep_input(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    data = {"kind": "free_text", **wording("", hint_en="A hint", prompt_ur="اردو"), "max_length": "lots"}
    response = await post(client, f"{base(consultation)}/questions/new", data)
    assert response.status_code == 400
    assert title(response) == "Error: Add a question – Voice"
    assert summary_links(response) == [
        ("#prompt_en", "Enter the question in English"),
        ("#max_length", "Enter a whole number, like 2000"),
    ]
    assert value_of(response, "hint_en") == "A hint"
    assert value_of(response, "prompt_ur") == "اردو"
    assert value_of(response, "max_length") == "lots"
    too_big = await post(
        client,
        f"{base(consultation)}/questions/new",
        {"kind": "free_text", **wording("Q"), "max_length": "0"},
    )
    assert summary_links(too_big) == [
        ("#max_length", "The longest answer must be between 1 and 10000 characters")
    ]
    assert not await Question.exists()


async def test_add_a_rating_with_faces(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    data = {
        "kind": "rating",
        **wording("How safe do you feel?"),
        **option(0, emoji="😀", en="Very safe", ur="بہت محفوظ"),
        **option(1),
        **option(2, emoji="🙁", en="Not safe"),
        **option(3),
    }
    response = await post(client, f"{base(consultation)}/questions/new", data)
    assert response.status_code == 303
    question = await Question.get(consultation_id=consultation.id)
    assert question.options == [
        {"value": "very_safe", "label": {"en": "Very safe", "ur": "بہت محفوظ"}, "emoji": "😀"},
        {"value": "not_safe", "label": {"en": "Not safe"}, "emoji": "🙁"},
    ]


async def test_option_errors_keep_every_row(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    data = {
        "kind": "rating",
        **wording("How safe?"),
        **option(0, emoji="😀"),  # a face with no words
        **option(1, ur="محفوظ"),
        **option(2),
    }
    response = await post(client, f"{base(consultation)}/questions/new", data)
    assert response.status_code == 400
    assert summary_links(response) == [
        ("#options-0-label_en", "Enter the words for this option in English"),
        ("#options-1-label_en", "Enter the words for this option in English"),
    ]
    assert element(response, "options-0-emoji").find("option[@selected]").get("value") == "😀"  # type: ignore[union-attr]
    assert value_of(response, "options-1-label_ur") == "محفوظ"
    one = await post(
        client,
        f"{base(consultation)}/questions/new",
        {"kind": "single_choice", **wording("Pick"), **option(0, en="Only one"), **option(1)},
    )
    assert one.status_code == 400
    assert summary_links(one) == [("#options-0-label_en", "Give at least 2 options")]
    assert "Give at least 2 options" in text_of(one)
    assert value_of(one, "options-0-label_en") == "Only one"
    assert not await Question.exists()


async def test_edit_keeps_option_values(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    questions = await add_questions(consultation)
    rating = questions[1]
    form = await client.get(f"{base(consultation)}/questions/{rating.id}")
    assert form.status_code == 200
    assert title(form) == "Change question 2 – Voice"
    assert value_of(form, "prompt_en") == "How safe do you feel in parks?"
    assert value_of(form, "options-0-label_ur") == "محفوظ نہیں"
    assert "Saved as “not_safe”" in form.text
    assert element(form, "options-0-remove").get("type") == "checkbox"
    data = {
        **wording("How safe are parks?"),
        "required": "y",
        **option(0, value="not_safe", emoji="😟", en="Not safe at all", ur="محفوظ نہیں"),
        **option(1, value="very_safe", emoji="😀", en="Very safe", remove=True),
        **option(2, en="Quite safe", emoji="🙂"),
        **option(3, en="Safe enough"),
    }
    response = await post(client, f"{base(consultation)}/questions/{rating.id}", data)
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"?done=question-saved#question-{rating.id}")
    stored = await Question.get(id=rating.id)
    assert [(o["value"], o["label"]["en"], o["emoji"]) for o in stored.options] == [
        ("not_safe", "Not safe at all", "😟"),
        ("quite_safe", "Quite safe", "🙂"),
        ("safe_enough", "Safe enough", None),
    ]
    event = await AuditEvent.get(action="question.updated")
    assert event.before["prompt"]["en"] == "How safe do you feel in parks?"
    assert event.after["prompt"]["en"] == "How safe are parks?"


async def test_edit_errors(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation()
    questions = await add_questions(consultation)
    response = await post(
        client,
        f"{base(consultation)}/questions/{questions[0].id}",
        {**wording("", prompt_ar="x" * 301), "max_length": "20"},
    )
    assert response.status_code == 400
    assert title(response) == "Error: Change question 1 – Voice"
    assert summary_links(response) == [
        ("#prompt_en", "Enter the question in English"),
        ("#prompt_ar", "The question must be 300 characters or fewer"),
    ]
    # Arabic is not offered here, so its words sit in a closed section that opens on an error.
    assert '<details class="details" open>' in response.text
    assert value_of(response, "prompt_ar") == "x" * 301
    assert not await AuditEvent.filter(action="question.updated").exists()


async def test_about_you_questions(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    consultation = await make_consultation()
    form = await client.get(f"{base(consultation)}/questions/new?kind=age_band")
    assert value_of(form, "prompt_en") == "How old are you?"
    assert value_of(form, "prompt_ur") == "آپ کی عمر کیا ہے؟"
    assert value_of(form, "options-0-label_en") == "Under 11"
    assert 'id="required"' not in form.text  # about-you questions are never required
    data = {"kind": "age_band", **wording("How old are you?"), "required": "y"}
    for index, (value, label) in enumerate(
        [("under_11", "Under 11"), ("11_15", "11 to 15"), ("16_18", "16 to 18"), ("adult", "Over 18")]
    ):
        data.update(option(index, value=value, en=label))
    data.update(option(4))
    response = await post(client, f"{base(consultation)}/questions/new", data)
    assert response.status_code == 303
    question = await Question.get(consultation_id=consultation.id)
    assert question.required is False
    assert [o["value"] for o in question.options] == ["under_11", "11_15", "16_18", "adult"]
    # A double click on Save: the second request lands on the question the first added.
    double = await post(client, f"{base(consultation)}/questions/new", data)
    assert double.status_code == 303 and double.headers["location"] == response.headers["location"]
    assert await Question.filter(consultation_id=consultation.id).count() == 1
    # Only one age question per consultation.
    monkeypatch.setattr(services, "REPEAT_WINDOW", timedelta(0))
    again = await post(client, f"{base(consultation)}/questions/new", data)
    assert again.status_code == 400
    assert title(again) == "Error: What kind of question? – Voice"
    assert summary_links(again) == [
        ("#kind", "This consultation already has that question about the person. Choose another kind.")
    ]
    assert await Question.filter(consultation_id=consultation.id).count() == 1

    who = await client.get(f"{base(consultation)}/questions/new?kind=respondent")
    assert value_of(who, "options-2-label_en") == "A professional, answering for someone"
    assert 'id="options-0-remove"' not in who.text and "options-3" not in who.text
    data = {"kind": "respondent", **wording("Who is answering?")}
    data.update(option(0, value="young_person", en="Me"))
    data.update(option(1, value="parent_carer", en="My parent"))
    data.update(option(2, value="professional", en="A worker"))
    data.update(option(3, value="teacher", en="A teacher"))  # not a respondent value: ignored
    assert (await post(client, f"{base(consultation)}/questions/new", data)).status_code == 303
    stored = await Question.get(consultation_id=consultation.id, kind=QuestionKind.RESPONDENT)
    assert [(o["value"], o["label"]["en"]) for o in stored.options] == [
        ("young_person", "Me"),
        ("parent_carer", "My parent"),
        ("professional", "A worker"),
    ]


async def test_area_question_uses_the_area_list(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    await Area.create(code="armley", name="Armley", position=1)
    consultation = await make_consultation()
    form = await client.get(f"{base(consultation)}/questions/new?kind=area")
    assert "People choose from the areas in the area list: Armley." in text_of(form)
    response = await post(
        client, f"{base(consultation)}/questions/new", {"kind": "area", **wording("Where?")}
    )
    assert response.status_code == 303
    question = await Question.get(consultation_id=consultation.id)
    assert question.options == [
        {"value": "armley", "label": dict.fromkeys(("en", "ur", "pl", "ar", "ro"), "Armley"), "emoji": None}
    ]


async def test_move_questions(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation()
    first, second, third, fourth = await add_questions(consultation)
    response = await post(client, f"{base(consultation)}/questions/{third.id}/move", {"direction": "up"})
    assert response.status_code == 303
    assert response.headers["location"] == f"{base(consultation)}?done=question-moved#question-{third.id}"
    response = await post(client, f"{base(consultation)}/questions/{first.id}/move", {"direction": "up"})
    assert response.status_code == 303  # already first: nothing changes, and the page says so
    assert response.headers["location"] == f"{base(consultation)}?done=question-up#question-{first.id}"
    said = text_of(await client.get(response.headers["location"]))
    assert "That question is already first, so nothing moved." in said and "Question moved." not in said
    await post(client, f"{base(consultation)}/questions/{first.id}/move", {"direction": "down"})
    order = (
        await Question.filter(consultation_id=consultation.id)
        .order_by("position")
        .values_list("id", "position")
    )
    assert order == [(third.id, 1), (first.id, 2), (second.id, 3), (fourth.id, 4)]
    assert await AuditEvent.filter(action="question.moved").count() == 2
    bad = await post(client, f"{base(consultation)}/questions/{first.id}/move", {"direction": "sideways"})
    assert bad.status_code == 400
    htmx = await client.post(
        f"{base(consultation)}/questions/{first.id}/move",
        data={"csrf_token": await token(client), "direction": "up"},
        headers={"HX-Request": "true"},
    )
    assert htmx.headers["HX-Redirect"].endswith(f"#question-{first.id}")


async def test_delete_a_question(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation()
    first, second, third, fourth = await add_questions(consultation)
    confirm = await client.get(f"{base(consultation)}/questions/{second.id}/delete")
    assert confirm.status_code == 200
    assert title(confirm) == "Delete question 2? – Voice"
    response = await post(client, f"{base(consultation)}/questions/{second.id}/delete", {})
    assert response.status_code == 303
    assert response.headers["location"] == f"{base(consultation)}?done=question-deleted"
    order = (
        await Question.filter(consultation_id=consultation.id)
        .order_by("position")
        .values_list("id", "position")
    )
    assert order == [(first.id, 1), (third.id, 2), (fourth.id, 3)]
    event = await AuditEvent.get(action="question.deleted")
    assert event.object_id == str(second.id) and event.before["position"] == 2
    # Sent again (a double click, or a second tab): it is gone, which is what was asked.
    again = await post(client, f"{base(consultation)}/questions/{second.id}/delete", {})
    assert (
        again.status_code == 303
        and again.headers["location"] == f"{base(consultation)}?done=question-deleted"
    )
    assert await AuditEvent.filter(action="question.deleted").count() == 1
    assert await Question.filter(consultation_id=consultation.id).count() == 3


async def test_answered_questions_cannot_be_deleted(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    first, *_rest = await add_questions(consultation)
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=first.id, text="Lights"),),
            submitted_at=datetime.now(UTC),
            consultation_id=consultation.id,
        )
    )
    confirm = await client.get(f"{base(consultation)}/questions/{first.id}/delete")
    assert "cannot be deleted" in text_of(confirm) and "Delete question</button>" not in confirm.text
    response = await post(client, f"{base(consultation)}/questions/{first.id}/delete", {})
    assert response.status_code == 400
    assert title(response) == "Error: Delete question 1? – Voice"
    assert await Question.exists(id=first.id)


async def test_questions_belong_to_their_consultation(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    other = await make_consultation("other")
    first, *_rest = await add_questions(other)
    assert (await client.get(f"{base(consultation)}/questions/{first.id}")).status_code == 404
    response = await post(client, f"{base(consultation)}/questions/{first.id}/delete", {})
    assert response.status_code == 404
    assert await Question.exists(id=first.id)


async def test_an_option_people_chose_cannot_be_removed(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    rating = (await add_questions(consultation))[1]
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=rating.id, choices=("very_safe",)),),
            submitted_at=datetime.now(UTC),
            consultation_id=consultation.id,
        )
    )
    before = [dict(option) for option in rating.options]
    page = await client.get(f"{base(consultation)}/questions/{rating.id}")
    assert 'id="options-0-remove"' in page.text  # nobody chose "Not safe"
    assert 'id="options-1-remove"' not in page.text  # "Very safe" was chosen: no Remove box
    assert "People have chosen this option, so it cannot be removed." in text_of(page)
    data = {
        **wording("How safe do you feel in parks?"),
        "required": "y",
        **option(0, value="not_safe", emoji="😟", en="Not safe", remove=True),
        **option(1, value="very_safe", emoji="😀", en="Very safe indeed", remove=True),
        **option(2, en="Quite safe"),
        **option(3, en="Safe enough"),
    }
    response = await post(client, f"{base(consultation)}/questions/{rating.id}", data)
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    message = "People have chosen this option, so it cannot be removed. You can change its words instead."
    assert summary_links(response) == [("#options-1-remove", message)]
    assert value_of(response, "options-1-label_en") == "Very safe indeed"  # what was typed is kept
    assert (await Question.get(id=rating.id)).options == before
    # Changing its words, and removing the option nobody chose, is fine.
    data.pop("options-1-remove")
    assert (await post(client, f"{base(consultation)}/questions/{rating.id}", data)).status_code == 303
    stored = await Question.get(id=rating.id)
    assert [(o["value"], o["label"]["en"]) for o in stored.options] == [
        ("very_safe", "Very safe indeed"),
        ("quite_safe", "Quite safe"),
        ("safe_enough", "Safe enough"),
    ]
