"""Putting a year's priorities in order and deleting one, with JavaScript off: the buttons on the
list, the confirmation page, what is refused and why, and the positions afterwards."""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import element, page, summary_links, text_of, title
from tests.http.priorities.test_priorities import NOW, approved, make_priority, moderator, post
from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.clock import FixedClock
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py


async def order(year: int) -> list[tuple[str, int]]:
    """(title, position) of the year's priorities, in the order the list shows them."""
    rows = (
        await Priority.filter(reporting_year=year).order_by("position", "id").values_list("title", "position")
    )
    return [(str(name), int(position)) for name, position in rows]


async def three(year: int = 2026) -> list[Priority]:
    """Three priorities in ``year``, all at position 1 (as an old database might hold them)."""
    return [await make_priority(name, year=year) for name in ("First goal", "Second goal", "Third goal")]


def buttons(response: httpx.Response, priority: Priority) -> list[str]:
    """The accessible names of the buttons in a priority's card on the list."""
    card = element(response, f"priority-{priority.id}")
    return [" ".join("".join(button.itertext()).split()) for button in card.iter("button")]


def forms_posting_to(response: httpx.Response, action: str) -> list[Element]:
    return [form for form in page(response).iter("form") if form.get("action") == action]


async def test_move_buttons_name_their_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    first, second, third = await three()
    listing = await client.get("/staff/priorities")
    assert buttons(listing, first) == ["Move down First goal"]
    assert buttons(listing, second) == ["Move up Second goal", "Move down Second goal"]
    assert buttons(listing, third) == ["Move up Third goal"]
    for form in forms_posting_to(listing, f"/staff/priorities/{second.id}/move"):
        assert form.get("method") == "post"
        fields = {field.get("name"): field.get("value") for field in form.iter("input")}
        assert fields["csrf_token"] and fields["direction"] in ("up", "down")
    alone = await make_priority("Only goal", year=2027)
    next_year = await client.get("/staff/priorities?year=2027")
    assert buttons(next_year, alone) == []  # nothing to swap with


async def test_move_up_and_down(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    first, second, third = await three()
    other_year = await make_priority("Last year's goal", year=2025)
    up = await post(client, f"/staff/priorities/{third.id}/move", {"direction": "up"})
    assert up.status_code == 303
    assert up.headers["location"] == f"/staff/priorities?year=2026&done=moved#priority-{third.id}"
    assert await order(2026) == [("First goal", 1), ("Third goal", 2), ("Second goal", 3)]
    listing = await client.get(up.headers["location"])
    assert title(listing) == "Priorities 2026 to 2027 – Voice" and "Priority moved." in text_of(listing)
    shown = text_of(listing)
    assert shown.index("First goal") < shown.index("Third goal") < shown.index("Second goal")

    down = await post(client, f"/staff/priorities/{first.id}/move", {"direction": "down"})
    assert down.status_code == 303
    assert await order(2026) == [("Third goal", 1), ("First goal", 2), ("Second goal", 3)]
    event = await AuditEvent.filter(action="priority.moved").order_by("-id").first()
    assert event is not None and event.object_type == "priority" and event.object_id == str(first.id)
    assert event.actor_label == moderator.email
    assert event.before == {"reporting_year": 2026, "title": "First goal", "position": 1}
    assert event.after == {"reporting_year": 2026, "title": "First goal", "position": 2}

    # Already at the end: nothing moves and nothing is recorded.
    top = await post(client, f"/staff/priorities/{third.id}/move", {"direction": "up"})
    bottom = await post(client, f"/staff/priorities/{second.id}/move", {"direction": "down"})
    assert top.status_code == bottom.status_code == 303
    # A stale page (a colleague reordered): the page says nothing moved, not "Priority moved."
    assert top.headers["location"] == f"/staff/priorities?year=2026&done=up#priority-{third.id}"
    assert bottom.headers["location"] == f"/staff/priorities?year=2026&done=down#priority-{second.id}"
    said = text_of(await client.get(top.headers["location"]))
    assert "That priority is already first, so nothing moved." in said and "Priority moved." not in said
    said = text_of(await client.get(bottom.headers["location"]))
    assert "That priority is already last, so nothing moved." in said
    assert await order(2026) == [("Third goal", 1), ("First goal", 2), ("Second goal", 3)]
    assert await AuditEvent.filter(action="priority.moved").count() == 2
    # Another year's list is its own: moving within 2026 never touches 2025.
    await other_year.refresh_from_db()
    assert (other_year.reporting_year, other_year.position) == (2025, 1)


async def test_the_year_is_kept(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    await make_priority("Old goal", year=2024)
    newer = await make_priority("Newer goal", year=2024)
    response = await post(client, f"/staff/priorities/{newer.id}/move", {"direction": "up"})
    assert response.headers["location"] == f"/staff/priorities?year=2024&done=moved#priority-{newer.id}"
    listing = await client.get(response.headers["location"])
    assert title(listing) == "Priorities 2024 to 2025 – Voice"
    assert await order(2024) == [("Newer goal", 1), ("Old goal", 2)]


async def test_odd_moves_are_refused_not_crashes(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    first, _second, _third = await three()
    for direction in ("sideways", "", "UP"):
        response = await post(client, f"/staff/priorities/{first.id}/move", {"direction": direction})
        assert response.status_code == 400, direction
    missing = await post(client, "/staff/priorities/999999/move", {"direction": "up"})
    assert missing.status_code == 404
    no_token = await client.post(f"/staff/priorities/{first.id}/move", data={"direction": "down"})
    assert no_token.status_code == 403
    assert await AuditEvent.filter(action="priority.moved").count() == 0


async def test_analyst_sees_no_buttons(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(NOW)
    first, _second, _third = await three()
    await sign_in(client, staff[Role.ANALYST])
    listing = await client.get("/staff/priorities")
    assert listing.status_code == 200 and "Second goal" in text_of(listing)
    assert buttons(listing, first) == [] and "/move" not in listing.text
    detail = await client.get(f"/staff/priorities/{first.id}")
    assert "/delete" not in detail.text
    refused = await client.get(f"/staff/priorities/{first.id}/delete")
    assert refused.status_code == 403


# --- delete ------------------------------------------------------------------


async def test_delete_a_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    _first, second, _third = await three()
    detail = await client.get(f"/staff/priorities/{second.id}")
    assert f'href="/staff/priorities/{second.id}/delete"' in detail.text
    assert "Delete the priority: Second goal" in text_of(detail)
    confirm = await client.get(f"/staff/priorities/{second.id}/delete")
    assert confirm.status_code == 200
    assert title(confirm) == "Are you sure you want to delete Second goal? – Voice"
    [form] = forms_posting_to(confirm, f"/staff/priorities/{second.id}/delete")
    assert [" ".join("".join(b.itertext()).split()) for b in form.iter("button")] == ["Delete priority"]
    assert await Priority.exists(id=second.id)  # looking at the page deletes nothing

    deleted = await post(client, f"/staff/priorities/{second.id}/delete", {})
    assert deleted.status_code == 303
    assert deleted.headers["location"] == "/staff/priorities?year=2026&done=deleted"
    assert not await Priority.exists(id=second.id)
    assert await order(2026) == [("First goal", 1), ("Third goal", 2)]
    event = await AuditEvent.get(action="priority.deleted")
    assert event.object_type == "priority" and event.object_id == str(second.id)
    assert event.actor_label == moderator.email
    assert event.before is not None and event.before["title"] == "Second goal"
    assert event.before["reporting_year"] == 2026 and event.after is None
    listing = await client.get(deleted.headers["location"])
    assert "Priority deleted." in text_of(listing) and "Second goal" not in text_of(listing)
    assert (await client.get(f"/staff/priorities/{second.id}/delete")).status_code == 404
    # Sent again (a double click, or a second tab): it is gone, which is what was asked.
    again = await post(client, f"/staff/priorities/{second.id}/delete", {})
    assert again.status_code == 303 and again.headers["location"] == "/staff/priorities?done=deleted"
    assert await AuditEvent.filter(action="priority.deleted").count() == 1
    assert await order(2026) == [("First goal", 1), ("Third goal", 2)]
    assert (await post(client, f"/staff/priorities/{second.id + 1000}/delete", {})).status_code == 404


async def test_a_priority_with_evidence_cannot_be_deleted(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    contribution = await approved("Parks need lights", moderator)
    theme = await Theme.create(name="Parks")
    await PriorityLink.create(priority=priority, contribution=contribution)
    await PriorityLink.create(priority=priority, theme=theme)
    await InfluenceAction.create(
        priority=priority,
        reporting_year=2026,
        you_said="Lights",
        we_did="<p>Lights</p>",
        happened_on=NOW.date(),
    )
    why = (
        "This priority cannot be deleted because 1 contribution is linked to it, 1 theme is linked to it"
        " and 1 change is recorded under it."
    )
    page_ = await client.get(f"/staff/priorities/{priority.id}/delete")
    assert page_.status_code == 200
    assert title(page_) == "Keeping children safe online cannot be deleted – Voice"
    assert why in text_of(page_)
    assert forms_posting_to(page_, f"/staff/priorities/{priority.id}/delete") == []

    refused = await post(client, f"/staff/priorities/{priority.id}/delete", {})
    assert refused.status_code == 400
    assert title(refused) == "Error: Keeping children safe online cannot be deleted – Voice"
    summary = page(refused).find(".//*[@data-error-summary]")
    assert summary is not None and why in " ".join("".join(summary.itertext()).split())
    assert summary_links(refused) == []  # the whole page is the problem, no field to link to
    assert await Priority.exists(id=priority.id)
    assert await PriorityLink.filter(priority_id=priority.id).count() == 2
    assert not await AuditEvent.filter(action="priority.deleted").exists()


async def test_any_link_or_change_keeps_a_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    waiting = await make_priority("Linked to words not yet approved")
    await PriorityLink.create(priority=waiting, contribution=await make_contribution("Still in review"))
    changed = await make_priority("Only a change")
    for day in (date(2026, 5, 1), date(2026, 6, 1)):
        await InfluenceAction.create(
            priority=changed, reporting_year=2026, you_said="Said", we_did="<p>Did</p>", happened_on=day
        )
    first = await client.get(f"/staff/priorities/{waiting.id}/delete")
    assert "because 1 contribution is linked to it." in text_of(first)
    second = await client.get(f"/staff/priorities/{changed.id}/delete")
    assert "because 2 changes are recorded under it." in text_of(second)
    for priority in (waiting, changed):
        response = await post(client, f"/staff/priorities/{priority.id}/delete", {})
        assert response.status_code == 400 and await Priority.exists(id=priority.id)


# --- positions stay 1..n -------------------------------------------------------


async def test_moving_to_another_year_closes_the_gap(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    _first, second, _third = await three()
    await make_priority("Next year's goal", year=2027)
    data = {
        "reporting_year": "2027",
        "title": "Second goal",
        "child_friendly_title": "Safe online",
        "owning_agency": "Leeds City Council",
        "description": "",
    }
    saved = await post(client, f"/staff/priorities/{second.id}/edit", data)
    assert saved.status_code == 303
    assert await order(2026) == [("First goal", 1), ("Third goal", 2)]
    assert await order(2027) == [("Next year's goal", 1), ("Second goal", 2)]
    event = await AuditEvent.get(action="priority.updated")
    assert event.before is not None and event.after is not None
    assert (event.before["reporting_year"], event.after["reporting_year"]) == (2026, 2027)
