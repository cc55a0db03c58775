"""The area list with JavaScript off: add, rename, reorder, stop offering; area questions follow."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import (
    make_consultation,
    summary_links,
    text_of,
    title,
    token,
    value_of,
)
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Area, Question, QuestionKind


async def post(client: httpx.AsyncClient, path: str, data: dict[str, str]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await token(client, "/staff/areas"), **data})


async def area_question() -> Question:
    consultation = await make_consultation()
    return await Question.create(
        consultation=consultation, position=1, kind=QuestionKind.AREA, prompt={"en": "Where do you live?"}
    )


async def option_values(question: Question) -> list[str]:
    await question.refresh_from_db()
    return [option["value"] for option in question.options]


async def test_add_areas(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    question = await area_question()
    empty = await client.get("/staff/areas")
    assert empty.status_code == 200
    assert title(empty) == "Area list – Voice"
    assert "There are no areas yet." in text_of(empty) and "1 question uses this list." in text_of(empty)
    response = await post(client, "/staff/areas", {"name": "  Chapel   Allerton ", "code": ""})
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/areas?done=area-added"
    await post(client, "/staff/areas", {"name": "Harehills", "code": "harehills_e"})
    assert [(a.code, a.name, a.position) for a in await Area.all().order_by("position")] == [
        ("chapel-allerton", "Chapel Allerton", 1),
        ("harehills_e", "Harehills", 2),
    ]
    assert await option_values(question) == ["chapel-allerton", "harehills_e"]
    assert question.options[0]["label"] == dict.fromkeys(("en", "ur", "pl", "ar", "ro"), "Chapel Allerton")
    event = await AuditEvent.filter(action="area.created").order_by("id").first()
    assert event is not None and event.after == {
        "code": "chapel-allerton",
        "name": "Chapel Allerton",
        "position": 1,
        "active": True,
    }
    page = await client.get("/staff/areas?done=area-added")
    assert "Area added." in text_of(page)


async def test_add_errors_keep_input(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    await Area.create(code="armley", name="Armley", position=1)
    response = await post(client, "/staff/areas", {"name": "", "code": "Not OK"})
    assert response.status_code == 400
    assert title(response) == "Error: Area list – Voice"
    assert summary_links(response) == [
        ("#name", "Enter the area's name"),
        ("#code", "The code can only have lower-case letters, numbers, hyphens and underscores"),
    ]
    assert value_of(response, "code") == "Not OK"
    taken = await post(client, "/staff/areas", {"name": "Armley West", "code": "armley"})
    assert summary_links(taken) == [("#code", "Another area already has this code")]
    assert value_of(taken, "name") == "Armley West"
    same = await post(client, "/staff/areas", {"name": "ARMLEY", "code": ""})
    assert summary_links(same) == [("#name", "There is already an area called ARMLEY")]
    assert await Area.all().count() == 1


async def test_rename_an_area(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    question = await area_question()
    area = await Area.create(code="armley", name="Armley", position=1)
    form = await client.get(f"/staff/areas/{area.id}")
    assert form.status_code == 200
    assert title(form) == "Rename Armley – Voice"
    assert value_of(form, "name") == "Armley"
    response = await post(client, f"/staff/areas/{area.id}", {"name": "Armley and Wortley"})
    assert response.status_code == 303
    await question.refresh_from_db()
    assert question.options[0] == {
        "value": "armley",
        "label": dict.fromkeys(("en", "ur", "pl", "ar", "ro"), "Armley and Wortley"),
        "emoji": None,
    }
    event = await AuditEvent.get(action="area.renamed")
    assert event.before["name"] == "Armley" and event.after["name"] == "Armley and Wortley"
    bad = await post(client, f"/staff/areas/{area.id}", {"name": "x" * 81})
    assert bad.status_code == 400
    assert title(bad) == "Error: Rename Armley and Wortley – Voice"
    assert summary_links(bad) == [("#name", "The name must be 80 characters or fewer")]
    assert value_of(bad, "name") == "x" * 81
    assert (await client.get("/staff/areas/999")).status_code == 404


async def test_reorder_and_stop_offering(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    question = await area_question()
    for position, name in enumerate(("Armley", "Beeston", "Chapeltown"), start=1):
        await Area.create(code=name.lower(), name=name, position=position)
    chapeltown = await Area.get(code="chapeltown")
    response = await post(client, f"/staff/areas/{chapeltown.id}/move", {"direction": "up"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/staff/areas?done=area-moved#area-{chapeltown.id}"
    last = await Area.get(code="beeston")
    stale = await post(client, f"/staff/areas/{last.id}/move", {"direction": "down"})  # already last
    assert stale.headers["location"] == f"/staff/areas?done=area-down#area-{last.id}"
    assert "That area is already last, so nothing moved." in text_of(
        await client.get(stale.headers["location"])
    )
    assert await option_values(question) == ["armley", "chapeltown", "beeston"]
    armley = await Area.get(code="armley")
    response = await post(client, f"/staff/areas/{armley.id}/active", {"active": "0"})
    assert response.headers["location"] == f"/staff/areas?done=area-deactivated#area-{armley.id}"
    assert await option_values(question) == ["chapeltown", "beeston"]
    page = await client.get("/staff/areas")
    assert "Not offered" in text_of(page) and "Offer again" in text_of(page)
    await post(client, f"/staff/areas/{armley.id}/active", {"active": "1"})
    assert await option_values(question) == ["armley", "chapeltown", "beeston"]
    actions = await AuditEvent.filter(object_type="area").order_by("id").values_list("action", flat=True)
    assert actions == ["area.moved", "area.deactivated", "area.reactivated"]
    assert (await post(client, f"/staff/areas/{armley.id}/active", {"active": "maybe"})).status_code == 400
    assert (await post(client, f"/staff/areas/{armley.id}/move", {"direction": ""})).status_code == 400
