"""Priorities, links and "You said, we did" with JavaScript off, and what /track shows after."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links, text_of, title, value_of
from tests.support.contributions import PHONE_TEXT, make_contribution
from tests.support.http import csrf_token, moderator_at, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.clock import FixedClock
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Contribution, RejectionReason
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # reporting year 2026 to 2027
LOCATION = re.compile(r"^/staff/priorities/(\d+)\?done=added$")


@pytest.fixture
async def moderator(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    return await moderator_at(NOW, app, client, staff)


async def post(client: httpx.AsyncClient, path: str, data: dict[str, str | list[str]]) -> httpx.Response:
    token = await csrf_token(client, "/staff/priorities")
    return await client.post(path, data={"csrf_token": token, **data})


async def make_priority(title: str = "Keeping children safe online", year: int = 2026) -> Priority:
    return await Priority.create(
        reporting_year=year,
        position=1,
        title=title,
        child_friendly_title="Safe online",
        owning_agency="Leeds City Council",
    )


async def approved(text: str, by: StaffUser) -> Contribution:
    contribution = await make_contribution(text)
    await moderation.approve(contribution, by=by, now=NOW, counted=True, quotable=False)
    await contribution.refresh_from_db()
    return contribution


async def steps(client: httpx.AsyncClient, code: str) -> str:
    page = await client.get("/track", params={"code": code})
    assert page.status_code == 200
    return text_of(page)


LINKED = "It helps with one of our big goals (done)"
CHANGED = "Something changed because of it (done)"


# --- priorities ------------------------------------------------------------


async def test_add_a_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    empty = await client.get("/staff/priorities")
    assert title(empty) == "Priorities 2026 to 2027 – Voice"
    assert "There are no priorities for 2026 to 2027 yet." in text_of(empty)
    form = await client.get("/staff/priorities/new")
    assert title(form) == "Add a priority – Voice" and value_of(form, "reporting_year") == "2026"
    response = await post(
        client,
        "/staff/priorities",
        {
            "reporting_year": "2026",
            "title": "  Keeping children   safe online ",
            "child_friendly_title": "Safe online",
            "owning_agency": "Leeds City Council",
            "description": "Staying safe on apps.\n\n<script>alert(1)</script><strong>Games</strong> too.",
        },
    )
    assert response.status_code == 303
    found = LOCATION.match(response.headers["location"])
    assert found is not None
    priority = await Priority.get(id=int(found.group(1)))
    assert priority.title == "Keeping children safe online" and priority.position == 1
    assert priority.description == "<p>Staying safe on apps.</p>\n<p><strong>Games</strong> too.</p>"
    page = await client.get(response.headers["location"])
    assert title(page) == "Keeping children safe online – Voice"
    assert "Priority added." in text_of(page) and "<strong>Games</strong> too." in page.text
    assert "alert(1)" not in page.text
    event = await AuditEvent.get(action="priority.created")
    assert event.object_id == str(priority.id) and event.actor_label == moderator.email
    assert event.after is not None and event.after["title"] == "Keeping children safe online"
    listed = await client.get("/staff/priorities")
    assert "Keeping children safe online" in text_of(listed) and "Contributions linked0" in text_of(listed)


async def test_priority_errors_keep_what_was_typed(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    response = await post(
        client,
        "/staff/priorities",
        {"reporting_year": "next year", "title": "", "owning_agency": "", "child_friendly_title": "Kept"},
    )
    assert response.status_code == 400
    assert title(response) == "Error: Add a priority – Voice"
    assert summary_links(response) == [
        ("#reporting_year", "Enter a whole number, like 2000"),
        ("#title", "Enter the priority's title"),
        ("#owning_agency", "Enter who leads on this priority"),
    ]
    assert value_of(response, "reporting_year") == "next year"
    assert value_of(response, "child_friendly_title") == "Kept"
    await make_priority("Neglect")
    same = await post(
        client, "/staff/priorities", {"reporting_year": "2026", "title": "Neglect", "owning_agency": "Police"}
    )
    assert summary_links(same) == [("#title", "There is already a priority called Neglect in 2026 to 2027")]
    too_long = await post(
        client,
        "/staff/priorities",
        {"reporting_year": "1999", "title": "x" * 201, "owning_agency": "Police"},
    )
    assert summary_links(too_long) == [
        ("#reporting_year", "The year must be between 2000 and 2098"),
        ("#title", "The title must be 200 characters or fewer"),
    ]
    next_year = await post(
        client, "/staff/priorities", {"reporting_year": "2027", "title": "Neglect", "owning_agency": "Police"}
    )
    assert next_year.status_code == 303
    assert await Priority.filter(title="Neglect").count() == 2


async def test_change_a_priority(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    form = await client.get(f"/staff/priorities/{priority.id}/edit")
    assert title(form) == "Change Keeping children safe online – Voice"
    assert value_of(form, "owning_agency") == "Leeds City Council"
    data = {
        "reporting_year": "2026",
        "title": "Online safety",
        "child_friendly_title": "Safe online",
        "owning_agency": "Leeds City Council",
        "description": "",
    }
    saved = await post(client, f"/staff/priorities/{priority.id}/edit", data)
    assert saved.headers["location"] == f"/staff/priorities/{priority.id}?done=saved"
    event = await AuditEvent.get(action="priority.updated")
    assert event.before is not None and event.after is not None
    assert (event.before["title"], event.after["title"]) == ("Keeping children safe online", "Online safety")
    again = await post(client, f"/staff/priorities/{priority.id}/edit", data)
    assert again.status_code == 303
    assert await AuditEvent.filter(action="priority.updated").count() == 1  # nothing changed, nothing logged
    wrong = await post(client, f"/staff/priorities/{priority.id}/edit", {**data, "owning_agency": " "})
    assert wrong.status_code == 400
    assert title(wrong) == "Error: Change Online safety – Voice"
    assert summary_links(wrong) == [("#owning_agency", "Enter who leads on this priority")]
    assert value_of(wrong, "title") == "Online safety"
    missing = await client.get("/staff/priorities/999999")
    assert missing.status_code == 404


async def test_years(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    await make_priority("Last year's goal", year=2025)
    await make_priority("This year's goal", year=2026)
    current = await client.get("/staff/priorities")
    assert "This year's goal" in text_of(current) and "Last year's goal" not in text_of(current)
    assert 'href="/staff/priorities?year=2025"' in current.text
    last = await client.get("/staff/priorities?year=2025")
    assert title(last) == "Priorities 2025 to 2026 – Voice" and "Last year's goal" in text_of(last)
    nonsense = await client.get("/staff/priorities?year=soon")
    assert title(nonsense) == "Priorities 2026 to 2027 – Voice"


# --- linking contributions -------------------------------------------------


async def test_link_a_contribution_and_track_it(
    client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    priority = await make_priority()
    waiting = await make_contribution("More youth clubs please")
    item = await client.get(f"/staff/moderation/{waiting.id}")
    assert "Approve it before you link it to a priority." in text_of(item)
    refused = await post(
        client, f"/staff/moderation/{waiting.id}/priorities", {"priority": str(priority.id), "note": ""}
    )
    assert refused.status_code == 400
    # No priority field is drawn before approval, so the summary links to the section.
    assert summary_links(refused) == [
        ("#priorities", "Approve the contribution before you link it to a priority")
    ]

    contribution = await approved(PHONE_TEXT, moderator)
    assert LINKED not in await steps(client, contribution.receipt_code)
    item = await client.get(f"/staff/moderation/{contribution.id}")
    assert "It is not linked to a priority." in text_of(item)
    assert f'<option value="{priority.id}">Keeping children safe online (2026 to 2027)</option>' in item.text
    nothing = await post(
        client, f"/staff/moderation/{contribution.id}/priorities", {"priority": "", "note": "n" * 501}
    )
    assert summary_links(nothing) == [
        ("#link-priority", "Choose a priority"),
        ("#link-note", "The note must be 500 characters or fewer"),
    ]
    tampered = await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": "²"})
    assert summary_links(tampered) == [("#link-priority", "Choose a priority")]
    long_note = await post(
        client,
        f"/staff/moderation/{contribution.id}/priorities",
        {"priority": str(priority.id), "note": "n" * 501},
    )
    assert summary_links(long_note) == [("#link-note", "The note must be 500 characters or fewer")]
    assert value_of(long_note, "link-note") == "n" * 501

    linked = await post(
        client,
        f"/staff/moderation/{contribution.id}/priorities",
        {"priority": str(priority.id), "note": "Asks for a club"},
    )
    assert linked.status_code == 303
    assert linked.headers["location"] == f"/staff/moderation/{contribution.id}?done=priority#priorities"
    link = await PriorityLink.get(contribution_id=contribution.id)
    assert (link.priority_id, link.note, link.created_by_id) == (priority.id, "Asks for a club", moderator.id)  # type: ignore[attr-defined]
    event = await AuditEvent.get(action="contribution.priority_linked")
    assert event.object_type == "contribution" and event.object_id == str(contribution.id)
    assert event.after == {"priority_id": priority.id, "priority": priority.title, "note": "Asks for a club"}
    assert LINKED in await steps(client, contribution.receipt_code)

    twice = await post(
        client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(priority.id)}
    )
    assert summary_links(twice) == [
        ("#link-priority", "It is already linked to Keeping children safe online")
    ]
    assert await PriorityLink.filter(contribution_id=contribution.id).count() == 1

    detail = await client.get(f"/staff/priorities/{priority.id}")
    shown = text_of(detail)
    assert f"Contribution {contribution.id}" in shown and "[phone number]" in shown
    assert "07700 900123" not in detail.text  # only the redacted words, never the original

    removed = await post(client, f"/staff/moderation/{contribution.id}/priorities/{link.id}/remove", {})
    assert removed.headers["location"] == f"/staff/moderation/{contribution.id}?done=unlinked#priorities"
    assert not await PriorityLink.exists(id=link.id)
    assert await AuditEvent.filter(action="contribution.priority_unlinked").count() == 1
    assert LINKED not in await steps(client, contribution.receipt_code)


async def test_only_this_and_last_years_priorities_can_be_chosen(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    old = await make_priority("An old goal", year=2024)
    last = await make_priority("Last year's goal", year=2025)
    contribution = await approved("The bus home is late", moderator)
    item = await client.get(f"/staff/moderation/{contribution.id}")
    assert "Last year's goal (2025 to 2026)" in text_of(item) and "An old goal" not in text_of(item)
    response = await post(
        client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(old.id)}
    )
    assert summary_links(response) == [("#link-priority", "Choose a priority")]
    ok = await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(last.id)})
    assert ok.status_code == 303


async def test_a_link_counts_only_while_approved(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    contribution = await approved("Teachers should ask us", moderator)
    await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(priority.id)})
    assert LINKED in await steps(client, contribution.receipt_code)
    await moderation.reopen(contribution, by=moderator, now=NOW)
    await moderation.reject(
        contribution, by=moderator, now=NOW, reason=RejectionReason.SPAM, note="Not real after all"
    )
    shown = await steps(client, contribution.receipt_code)
    assert LINKED not in shown
    detail = await client.get(f"/staff/priorities/{priority.id}")
    assert "no longer approved: it is not counted" in text_of(detail)


# --- themes ----------------------------------------------------------------


async def test_link_a_theme(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    theme = await Theme.create(name="Online games")
    contribution = await approved("Games chats are scary", moderator)
    await moderation.set_themes(contribution, [theme.id], by=moderator, now=NOW)
    empty = await post(client, f"/staff/priorities/{priority.id}/themes", {"theme": ""})
    assert empty.status_code == 400
    assert title(empty) == "Error: Keeping children safe online – Voice"
    assert summary_links(empty) == [("#theme", "Choose a theme")]
    done = await post(
        client,
        f"/staff/priorities/{priority.id}/themes",
        {"theme": str(theme.id), "theme_note": "Many said it"},
    )
    assert done.headers["location"] == f"/staff/priorities/{priority.id}?done=theme-linked#themes"
    page = await client.get(done.headers["location"])
    assert "Online games (1 approved contribution): Many said it" in text_of(page)
    assert '<option value="' + str(theme.id) + '">' not in page.text  # a linked theme is not offered again
    assert LINKED in await steps(client, contribution.receipt_code)
    event = await AuditEvent.get(action="theme.priority_linked")
    assert event.object_type == "theme" and event.object_id == str(theme.id)
    twice = await post(client, f"/staff/priorities/{priority.id}/themes", {"theme": str(theme.id)})
    # Its only theme is linked, so no theme field is drawn: the summary links to the section.
    assert summary_links(twice) == [("#themes", "The theme Online games is already linked to this priority")]
    assert "themes-error" in twice.text
    link = await PriorityLink.get(theme_id=theme.id)
    gone = await post(client, f"/staff/priorities/{priority.id}/links/{link.id}/remove", {})
    assert gone.headers["location"] == f"/staff/priorities/{priority.id}?done=unlinked#themes"
    assert await AuditEvent.filter(action="theme.priority_unlinked").count() == 1
    assert LINKED not in await steps(client, contribution.receipt_code)
    other = await make_priority("Another", year=2026)
    wrong_priority = await post(client, f"/staff/priorities/{other.id}/links/{link.id}/remove", {})
    assert wrong_priority.status_code == 404


# --- "You said, we did" ----------------------------------------------------


async def test_record_what_changed(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    bare = await client.get(f"/staff/priorities/{priority.id}")
    assert "Link a contribution or a theme first" in text_of(bare)
    contribution = await approved("We want to learn about apps at school", moderator)
    await post(client, f"/staff/moderation/{contribution.id}/priorities", {"priority": str(priority.id)})
    form = await client.get(f"/staff/priorities/{priority.id}/changes/new")
    assert title(form) == "Record what changed – Voice"
    assert value_of(form, "agency") == "Leeds City Council"

    path = f"/staff/priorities/{priority.id}/changes/new"
    empty = await post(client, path, {"you_said": "", "we_did": "<script>x</script>", "happened_on": ""})
    assert empty.status_code == 400
    assert title(empty) == "Error: Record what changed – Voice"
    assert summary_links(empty) == [
        ("#you_said", "Enter what young people said"),
        ("#we_did", "Enter what changed because of it"),
        ("#happened_on", "Enter the date it changed"),
        (
            f"#contribution-{contribution.id}",
            "Choose at least one contribution or theme that led to the change",
        ),
    ]
    future = await post(
        client,
        path,
        {
            "you_said": "Teach us about apps",
            "we_did": "Lessons",
            "happened_on": "2026-12-01",
            "contributions": [str(contribution.id)],
        },
    )
    assert summary_links(future) == [("#happened_on", "The date it changed must be today or in the past")]
    assert value_of(future, "you_said") == "Teach us about apps"
    assert f'value="{contribution.id}" checked' in future.text

    # A box for a contribution not linked to this priority is ignored, not trusted.
    stranger = await approved("Not linked", moderator)
    made = await post(
        client,
        path,
        {
            "you_said": "Teach us about apps",
            "we_did": "Every school now teaches <em>online safety</em> in Year 7.",
            "agency": "",
            "happened_on": "2026-11-21",
            "contributions": [str(contribution.id), str(stranger.id)],
        },
    )
    assert made.headers["location"] == f"/staff/priorities/{priority.id}?done=action-added#changes"
    action = await InfluenceAction.get(priority_id=priority.id)
    assert action.reporting_year == 2026 and action.agency == "Leeds City Council"
    assert action.we_did == "<p>Every school now teaches <em>online safety</em> in Year 7.</p>"
    assert [c.id for c in await action.contributions.all()] == [contribution.id]
    event = await AuditEvent.get(action="influence_action.created")
    assert event.after is not None and event.after["contribution_ids"] == [contribution.id]
    assert CHANGED in await steps(client, contribution.receipt_code)
    assert CHANGED not in await steps(client, stranger.receipt_code)
    page = await client.get(made.headers["location"])
    assert "You said: Teach us about apps" in text_of(page) and "<em>online safety</em>" in page.text
    assert "Leeds City Council, 21 November 2026." in text_of(page)

    assert f'href="/staff/priorities/{priority.id}/changes/{action.id}/remove"' in page.text
    sure = await client.get(f"/staff/priorities/{priority.id}/changes/{action.id}/remove")
    assert title(sure) == "Are you sure you want to remove this change? – Voice"
    assert "You said: Teach us about apps" in text_of(sure) and "This cannot be undone." in text_of(sure)
    assert await InfluenceAction.exists(id=action.id)  # asking changes nothing
    removed = await post(client, f"/staff/priorities/{priority.id}/changes/{action.id}/remove", {})
    assert removed.headers["location"] == f"/staff/priorities/{priority.id}?done=action-removed#changes"
    assert not await InfluenceAction.exists(id=action.id)
    assert await AuditEvent.filter(action="influence_action.deleted").count() == 1
    assert CHANGED not in await steps(client, contribution.receipt_code)
    # Sent again (a double click, or a second tab): it is gone, which is what was asked.
    again = await post(client, f"/staff/priorities/{priority.id}/changes/{action.id}/remove", {})
    assert again.headers["location"] == removed.headers["location"]
    never = await post(client, f"/staff/priorities/{priority.id}/changes/{action.id + 1000}/remove", {})
    assert never.status_code == 404
    assert await AuditEvent.filter(action="influence_action.deleted").count() == 1


async def test_a_change_from_a_theme(client: httpx.AsyncClient, moderator: StaffUser) -> None:
    priority = await make_priority()
    theme = await Theme.create(name="Buses")
    contribution = await approved("Night buses please", moderator)
    await moderation.set_themes(contribution, [theme.id], by=moderator, now=NOW)
    await post(client, f"/staff/priorities/{priority.id}/themes", {"theme": str(theme.id)})
    made = await post(
        client,
        f"/staff/priorities/{priority.id}/changes/new",
        {"you_said": "Buses", "we_did": "More buses", "happened_on": "2026-11-21", "themes": [str(theme.id)]},
    )
    assert made.status_code == 303
    assert CHANGED in await steps(client, contribution.receipt_code)
    # A change through a theme that happened before the words arrived (20 November) does not count.
    later = await approved("Night buses, again", moderator)
    await moderation.set_themes(later, [theme.id], by=moderator, now=NOW)
    await InfluenceAction.filter(priority_id=priority.id).update(happened_on=date(2026, 11, 1))
    assert CHANGED not in await steps(client, later.receipt_code)


# --- who sees what ---------------------------------------------------------


async def test_analyst_reads_without_changing(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    app.state.clock = FixedClock(NOW)
    priority = await make_priority()
    contribution = await approved("Parks need lights", staff[Role.MODERATOR])
    await PriorityLink.create(priority=priority, contribution=contribution)
    await sign_in(client, staff[Role.ANALYST])
    home = await client.get("/staff")
    assert 'href="/staff/priorities"' in home.text
    listing = await client.get("/staff/priorities")
    assert listing.status_code == 200 and "Add a priority" not in listing.text
    assert "/staff/moderation" not in listing.text  # a page analysts may not open
    detail = await client.get(f"/staff/priorities/{priority.id}")
    assert detail.status_code == 200 and f"Contribution {contribution.id}" in text_of(detail)
    assert "Remove link" not in detail.text and "/staff/moderation/" not in detail.text
    assert "Record what changed" not in detail.text
    assert (await client.get("/staff/priorities/new")).status_code == 403


async def test_happened_on_in_the_past_is_kept_as_given(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    # Words from March: a change the day before the reporting year ends can rest on them.
    contribution = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text="Ask us first"),),
                submitted_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
            )
        )
    ).contribution
    await moderation.approve(contribution, by=moderator, now=NOW, counted=True, quotable=False)
    await PriorityLink.create(priority=priority, contribution=contribution)
    await post(
        client,
        f"/staff/priorities/{priority.id}/changes/new",
        {
            "you_said": "Ask us",
            "we_did": "We ask",
            "happened_on": "2026-03-31",
            "contributions": [str(contribution.id)],
        },
    )
    action = await InfluenceAction.get(priority_id=priority.id)
    assert action.happened_on == date(2026, 3, 31) and action.reporting_year == 2025


async def test_without_a_child_friendly_title_staff_are_told_what_the_report_shows(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    form = await client.get("/staff/priorities/new")
    assert "If you leave it empty, the report shows the title above." in text_of(form)
    response = await post(
        client,
        "/staff/priorities",
        {"reporting_year": "2026", "title": "Multi-agency thresholds (MASH)", "owning_agency": "LSCP"},
    )
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert "the young people's report shows the title above, word for word, until it is" in text_of(page)
