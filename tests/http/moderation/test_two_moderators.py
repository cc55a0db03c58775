"""Two moderators on one contribution: the second one's decision on a page that is out of date is
refused with who decided what and when, and nothing they typed is lost; they may replace the
first decision on purpose, and then both are in the audit log."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.contributions import make_contribution
from tests.support.http import csrf_token, sign_in
from tests.support.pages import check_response, parse
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.clock import FixedClock
from voice.feedback.models import Contribution, Status

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
WORDS = "Mr Jones at the youth club is useless and everyone hates him"
THEIR_NOTE = "Advert for watches, not feedback"
MY_NOTE = "Names a member of staff: a personal attack, not something we can publish"


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    fixed = FixedClock(NOW)
    app.state.clock = fixed
    return fixed


@pytest.fixture
async def first(app: Starlette, staff: dict[Role, StaffUser]) -> AsyncIterator[httpx.AsyncClient]:
    """The browser of the moderator who decides first (an admin, "Admin")."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.9", 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://voice.test", event_hooks={"response": [_checked]}
    ) as http:
        await sign_in(http, staff[Role.ADMIN])
        yield http


@pytest.fixture
async def second(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> httpx.AsyncClient:
    """The browser of the moderator whose page goes out of date ("Moderator")."""
    await sign_in(client, staff[Role.MODERATOR])
    return client


async def _post(client: httpx.AsyncClient, path: str, data: dict[str, str], token: str) -> httpx.Response:
    return await client.post(path, data={"csrf_token": token, **data})


async def _decisions(ident: int) -> list[tuple[str, int | None, dict[str, object] | None]]:
    events = await AuditEvent.filter(
        object_type="contribution",
        object_id=str(ident),
        action__in=["contribution.approved", "contribution.rejected", "contribution.reopened"],
    ).order_by("id")
    return [(event.action, event.actor_id, event.after) for event in events]


def _by_id(root: Element, ident: str) -> Element:
    found = root.find(f".//*[@id='{ident}']")
    assert found is not None, f"nothing has id {ident!r}"
    return found


def _summary(html: str) -> str:
    return " ".join(
        re.sub(r"<[^>]+>", " ", html.split("data-error-summary", 1)[1].split("</div>", 1)[0]).split()
    )


def _form_fields(form: Element) -> dict[str, str]:
    """What the browser would send for ``form`` (selected options, textarea text, hidden fields)."""
    fields: dict[str, str] = {}
    for element in form.iter():
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input" and element.get("type") not in ("checkbox", "radio"):
            fields[name] = element.get("value", "")
        elif element.tag == "textarea":
            fields[name] = element.text or ""
        elif element.tag == "select":
            chosen = [option for option in element.iter("option") if option.get("selected") is not None]
            fields[name] = chosen[0].get("value", "") if chosen else ""
    return fields


async def test_a_rejection_on_a_page_someone_else_approved_is_refused_and_keeps_the_note(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    mine = await csrf_token(second, path)  # the second moderator opens it ...
    theirs = await csrf_token(first, path)  # ... and so does the first, who approves it
    assert (await _post(first, f"{path}/approve", {"counted": "1"}, theirs)).status_code == 303

    clock.set(NOW.replace(minute=5))
    refused = await _post(
        second, f"{path}/reject", {"reason": "other", "note": MY_NOTE, "back": "status=to_do"}, mine
    )
    assert refused.status_code == 409
    assert refused.text.count("<title>Error: Contribution") == 1
    summary = _summary(refused.text)
    assert "Someone else decided this while you had it open: Admin approved it on 20 Nov 2026 11:00 UTC." in (
        summary
    )
    assert "Your rejection was not saved" in summary
    assert 'href="#reject-reason"' in refused.text.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    # Nothing typed is lost: the reason and the note are in a form that can still reject it.
    root = parse(refused.text)
    form = _by_id(root, "reject")
    assert form.get("action") == f"{path}/reject"
    sent = _form_fields(form)
    assert (sent["reason"], sent["note"], sent["back"]) == ("other", MY_NOTE, "status=to_do")
    assert sent["replacing"]
    # The first decision stands, and the refused one left no trace but the page.
    fresh = await Contribution.get(id=item.id)
    assert (fresh.status, fresh.rejection_note) == (Status.APPROVED, "")
    assert [action for action, _, _ in await _decisions(item.id)] == ["contribution.approved"]

    # Knowing what the first moderator did, the second rejects it on purpose: both are audited.
    replaced = await second.post(form.get("action", ""), data=sent)
    assert replaced.status_code == 303
    fresh = await Contribution.get(id=item.id)
    assert (fresh.status, fresh.rejection_reason, fresh.rejection_note) == (Status.REJECTED, "other", MY_NOTE)
    assert fresh.decided_by_id == staff[Role.MODERATOR].id  # type: ignore[attr-defined]
    decisions = await _decisions(item.id)
    assert [(action, actor) for action, actor, _ in decisions] == [
        ("contribution.approved", staff[Role.ADMIN].id),
        ("contribution.reopened", staff[Role.MODERATOR].id),
        ("contribution.rejected", staff[Role.MODERATOR].id),
    ]
    assert decisions[-1][2] is not None and decisions[-1][2]["rejection_note"] == MY_NOTE


async def test_when_both_reject_the_first_note_stays_and_the_second_is_kept_on_the_page(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution("Buy cheap watches at my shop")
    path = f"/staff/moderation/{item.id}"
    mine = await csrf_token(second, path)
    theirs = await csrf_token(first, path)
    done = await _post(first, f"{path}/reject", {"reason": "spam", "note": THEIR_NOTE}, theirs)
    assert done.status_code == 303

    refused = await _post(second, f"{path}/reject", {"reason": "abusive", "note": MY_NOTE}, mine)
    assert refused.status_code == 409
    assert "Admin rejected it on 20 Nov 2026 11:00 UTC" in _summary(refused.text)
    assert f"Spam or nonsense: {THEIR_NOTE}" in refused.text  # their decision, shown
    sent = _form_fields(_by_id(parse(refused.text), "reject"))
    assert (sent["reason"], sent["note"]) == ("abusive", MY_NOTE)
    fresh = await Contribution.get(id=item.id)
    assert (fresh.rejection_reason, fresh.rejection_note) == ("spam", THEIR_NOTE)
    rejected = await _decisions(item.id)
    assert (
        len(rejected) == 1 and rejected[0][2] is not None and rejected[0][2]["rejection_note"] == THEIR_NOTE
    )


async def test_replacing_a_decision_that_changed_again_is_refused_again(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    mine = await csrf_token(second, path)
    theirs = await csrf_token(first, path)
    await _post(first, f"{path}/approve", {"counted": "1"}, theirs)
    refused = await _post(second, f"{path}/reject", {"reason": "other", "note": MY_NOTE}, mine)
    sent = _form_fields(_by_id(parse(refused.text), "reject"))
    # Meanwhile the first moderator reopens it and approves it again, later.
    clock.set(NOW.replace(minute=30))
    await _post(first, f"{path}/reopen", {}, theirs)
    await _post(first, f"{path}/approve", {"counted": "1"}, theirs)

    again = await second.post(f"{path}/reject", data=sent)
    assert again.status_code == 409
    assert "Admin approved it on 20 Nov 2026 11:30 UTC" in _summary(again.text)
    assert _form_fields(_by_id(parse(again.text), "reject"))["note"] == MY_NOTE
    assert (await Contribution.get(id=item.id)).status is Status.APPROVED


async def test_an_approval_on_a_page_someone_else_rejected_is_refused(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    mine = await csrf_token(second, path)
    theirs = await csrf_token(first, path)
    await _post(first, f"{path}/reject", {"reason": "other", "note": THEIR_NOTE}, theirs)
    refused = await _post(second, f"{path}/approve", {"counted": "1"}, mine)
    assert refused.status_code == 409
    summary = _summary(refused.text)
    assert (
        "Admin rejected it on 20 Nov 2026 11:00 UTC" in summary and "Your approval was not saved" in summary
    )
    fresh = await Contribution.get(id=item.id)
    assert (fresh.status, fresh.rejection_note) == (Status.REJECTED, THEIR_NOTE)


async def test_approving_in_place_from_an_out_of_date_queue_says_who_decided(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    """The queue's htmx path (the "a" shortcut): the row comes back refused, with the reason."""
    item = await make_contribution(WORDS)
    token = await csrf_token(second, "/staff/moderation")  # the queue, before the other decision
    theirs = await csrf_token(first, f"/staff/moderation/{item.id}")
    await _post(first, f"/staff/moderation/{item.id}/reject", {"reason": "other", "note": THEIR_NOTE}, theirs)
    row = await second.post(
        f"/staff/moderation/{item.id}/approve",
        data={"counted": "1", "from_queue": "1", "back": "status=to_do"},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert row.status_code == 200
    fragment = parse(row.text, fragment=True)
    fresh_row = _by_id(fragment, f"row-{item.id}")
    assert fresh_row.get("data-status") == "rejected"
    assert fresh_row.get("data-refused") == (
        "Someone else decided this while you had it open: Admin rejected it on 20 Nov 2026 11:00 UTC."
    )
    fresh = await Contribution.get(id=item.id)
    assert (fresh.status, fresh.rejection_note) == (Status.REJECTED, THEIR_NOTE)
    assert [action for action, _, _ in await _decisions(item.id)] == ["contribution.rejected"]


async def test_a_rejection_on_a_page_someone_else_withdrew_keeps_the_note_for_the_team(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    """A withdrawn contribution cannot be rejected: the note is kept in "Add a note" instead."""
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    mine = await csrf_token(second, path)
    theirs = await csrf_token(first, path)
    await _post(first, f"{path}/withdraw", {"note": "Her mum rang to take it out"}, theirs)
    refused = await _post(second, f"{path}/reject", {"reason": "abusive", "note": MY_NOTE}, mine)
    assert refused.status_code == 409
    summary = _summary(refused.text)
    assert "It was withdrawn while you had it open. Your rejection was not saved." in summary
    assert 'href="#note-body"' in refused.text.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    root = parse(refused.text)
    assert root.find(".//*[@id='reject']") is None  # it cannot be rejected any more
    note_form = _by_id(root, "note-body")
    assert (note_form.text or "") == MY_NOTE
    kept = await _post(second, f"{path}/notes", {"body": note_form.text or ""}, mine)
    assert kept.status_code == 303
    assert MY_NOTE in (await second.get(path)).text
    assert (await Contribution.get(id=item.id)).status is Status.WITHDRAWN


def _simple_form(html: str, action: str) -> dict[str, str]:
    """The fields of the form on the page that posts to ``action`` (a one-button form)."""
    for form in parse(html).iter("form"):
        if form.get("action") == action:
            return _form_fields(form)
    raise AssertionError(f"no form posts to {action}")


async def test_mark_as_being_read_on_a_page_someone_else_approved_does_not_undo_the_approval(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    old_page = (await second.get(path)).text  # the second moderator opens it (Received) ...
    sent = _simple_form(old_page, f"{path}/review")
    assert sent["seen"].startswith("received.")
    theirs = await csrf_token(first, path)  # ... and the first approves it meanwhile
    assert (await _post(first, f"{path}/approve", {"counted": "1"}, theirs)).status_code == 303

    refused = await second.post(f"{path}/review", data=sent)
    assert refused.status_code == 409
    summary = _summary(refused.text)
    assert "Admin approved it on 20 Nov 2026 11:00 UTC" in summary
    assert "Your “Mark as being read” was not saved." in summary
    assert (await Contribution.get(id=item.id)).status is Status.APPROVED
    assert not await AuditEvent.filter(action="contribution.review_started").exists()


async def test_put_it_back_in_review_only_reopens_the_decision_the_page_showed(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    theirs = await csrf_token(first, path)
    await _post(first, f"{path}/approve", {"counted": "1"}, theirs)
    old_page = (await second.get(path)).text  # the second moderator sees it approved
    sent = _simple_form(old_page, f"{path}/reopen")
    # The first moderator reopens it and rejects it, later.
    clock.set(NOW.replace(minute=20))
    await _post(first, f"{path}/reopen", {}, theirs)
    await _post(first, f"{path}/reject", {"reason": "abusive", "note": THEIR_NOTE}, theirs)

    refused = await second.post(f"{path}/reopen", data=sent)
    assert refused.status_code == 409
    summary = _summary(refused.text)
    assert "Admin rejected it on 20 Nov 2026 11:20 UTC" in summary
    assert "Your “Put it back in review” was not saved." in summary
    assert (await Contribution.get(id=item.id)).status is Status.REJECTED
    # From a page that is up to date, it works.
    fresh = _simple_form((await second.get(path)).text, f"{path}/reopen")
    assert (await second.post(f"{path}/reopen", data=fresh)).status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW


async def test_approve_on_a_page_from_before_put_it_back_in_review_is_refused(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    """Found by an exploratory test (2026-11-24): the status was "in review" on both pages, so
    the old approval went through and undid a colleague's decision to look at it again."""
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    theirs = await csrf_token(first, path)
    await _post(first, f"{path}/review", {}, theirs)
    old_page = (await second.get(path)).text  # in review, nobody has decided it yet
    sent = {**_simple_form(old_page, f"{path}/approve"), "counted": "1"}
    clock.set(NOW.replace(minute=20))
    await _post(first, f"{path}/approve", {"counted": "1"}, theirs)
    await _post(first, f"{path}/reopen", {}, theirs)  # on second thoughts: back in review

    refused = await second.post(f"{path}/approve", data=sent)
    assert refused.status_code == 409
    assert "Your approval was not saved." in _summary(refused.text)
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW
    # From the page as it is now, it can be approved on purpose.
    fresh = {**_simple_form(refused.text, f"{path}/approve"), "counted": "1"}
    assert (await second.post(f"{path}/approve", data=fresh)).status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.APPROVED


async def test_reject_on_a_page_from_before_put_it_back_in_review_is_refused(
    clock: FixedClock, first: httpx.AsyncClient, second: httpx.AsyncClient
) -> None:
    item = await make_contribution(WORDS)
    path = f"/staff/moderation/{item.id}"
    theirs = await csrf_token(first, path)
    old_page = (await second.get(path)).text
    sent = {**_simple_form(old_page, f"{path}/reject"), "reason": "abusive", "note": MY_NOTE}
    clock.set(NOW.replace(minute=20))
    await _post(first, f"{path}/approve", {"counted": "1"}, theirs)
    await _post(first, f"{path}/reopen", {}, theirs)

    refused = await second.post(f"{path}/reject", data=sent)
    assert refused.status_code == 409 and MY_NOTE in refused.text  # the note typed is kept
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW
