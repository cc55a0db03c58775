# ruff: noqa: F811 - the fixtures imported from test_two_moderators are parameters here
"""The queue's own actions (the "a" shortcut and bulk actions) carry the decision each row
showed, as the item page's buttons do: an approval or rejection from an out-of-date queue never
undoes a colleague's "Put it back in review" (left over from the sixteenth session).

The browsers are test_two_moderators' fixtures: ``first`` (the admin, a colleague) and ``second``
(the moderator whose queue page goes out of date)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import httpx
import pytest

from tests.http.moderation.test_two_moderators import NOW, clock, first, second  # noqa: F401
from tests.support.contributions import make_contribution
from tests.support.http import csrf_token
from tests.support.pages import parse
from voice.audit.models import AuditEvent
from voice.clock import FixedClock
from voice.feedback.models import Contribution, Status
from voice.moderation import services


def _row(queue_html: str, ident: int) -> Element:
    found = parse(queue_html).find(f".//*[@id='row-{ident}']")
    assert found is not None, f"no queue row for {ident}"
    return found


def _bulk_mark(queue_html: str, ident: int) -> str:
    """The hidden field the bulk form sends for the row of ``ident``."""
    for element in parse(queue_html).iter("input"):
        if element.get("name") == f"seen-{ident}":
            assert element.get("form") == "bulk-form"
            return element.get("value", "")
    raise AssertionError(f"no seen-{ident} field")


async def _approve_then_reopen(first: httpx.AsyncClient, clock: FixedClock, ident: int) -> None:
    """A first approves it, then on second thoughts puts it back in review."""
    path = f"/staff/moderation/{ident}"
    token = await csrf_token(first, path)
    clock.set(NOW.replace(minute=20))
    approved = await first.post(f"{path}/approve", data={"csrf_token": token, "counted": "1"})
    assert approved.status_code == 303
    reopened = await first.post(f"{path}/reopen", data={"csrf_token": token})
    assert reopened.status_code == 303
    assert (await Contribution.get(id=ident)).status is Status.IN_REVIEW


async def test_each_row_shows_the_same_mark_as_the_item_page(
    clock: FixedClock, second: httpx.AsyncClient, first: httpx.AsyncClient
) -> None:
    """The row's mark is read from plain values; it must match the item page's, whatever the
    database does with times, or every in-place approval would be refused."""
    item = await make_contribution("The park needs lights")
    queue = (await second.get("/staff/moderation?status=all")).text
    assert _row(queue, item.id).get("data-seen") == services.decision_mark(item)
    await _approve_then_reopen(first, clock, item.id)
    approved_once = await Contribution.get(id=item.id)
    assert approved_once.decided_at is not None  # the mark now names a decision and its time
    queue = (await second.get("/staff/moderation?status=all")).text
    assert _row(queue, item.id).get("data-seen") == services.decision_mark(approved_once)
    assert _bulk_mark(queue, item.id) == services.decision_mark(approved_once)


async def test_approving_in_place_from_before_put_it_back_in_review_is_refused(
    clock: FixedClock, second: httpx.AsyncClient, first: httpx.AsyncClient
) -> None:
    item = await make_contribution("The youth club shuts too early")
    queue = (await second.get("/staff/moderation")).text
    token = await csrf_token(second, "/staff/moderation")
    shown = _row(queue, item.id).get("data-seen", "")
    await _approve_then_reopen(first, clock, item.id)

    row = await second.post(
        f"/staff/moderation/{item.id}/approve",
        data={"counted": "1", "from_queue": "1", "back": "status=to_do", "seen": shown},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert row.status_code == 200
    fresh_row = parse(row.text, fragment=True).find(f".//*[@id='row-{item.id}']")
    assert fresh_row is not None
    assert fresh_row.get("data-refused") == "It changed while you had it open: it is in review now."
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW
    # The refused row shows the decision there now, so pressing "a" again approves on purpose.
    again = await second.post(
        f"/staff/moderation/{item.id}/approve",
        data={
            "counted": "1",
            "from_queue": "1",
            "back": "status=to_do",
            "seen": fresh_row.get("data-seen", ""),
        },
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert again.status_code == 200
    assert (await Contribution.get(id=item.id)).status is Status.APPROVED


@pytest.mark.parametrize(
    ("action", "left_alone"),
    [("approve_counted", Status.APPROVED), ("reject_spam", Status.REJECTED)],
)
async def test_a_bulk_decision_skips_rows_that_changed_after_the_page_showed_them(
    clock: FixedClock,
    second: httpx.AsyncClient,
    first: httpx.AsyncClient,
    action: str,
    left_alone: Status,
) -> None:
    changed = await make_contribution("Buses are late every morning", minutes=1)
    untouched = await make_contribution("More places to go at night", minutes=2)
    queue = (await second.get("/staff/moderation")).text
    token = await csrf_token(second, "/staff/moderation")
    marks = {f"seen-{ident}": _bulk_mark(queue, ident) for ident in (changed.id, untouched.id)}
    await _approve_then_reopen(first, clock, changed.id)

    sent = await second.post(
        "/staff/moderation/bulk",
        data={"csrf_token": token, "action": action, "ids": [str(changed.id), str(untouched.id)], **marks},
    )
    assert sent.status_code == 303
    shown = (await second.get(sent.headers["location"])).text
    assert "Done for 1 of 2 selected." in shown
    assert f"Changed after your page showed it, open each to check: {changed.id}." in shown
    assert (await Contribution.get(id=changed.id)).status is Status.IN_REVIEW
    assert (await Contribution.get(id=untouched.id)).status is left_alone
    decided = [event.action for event in await AuditEvent.filter(object_id=str(changed.id)).order_by("id")]
    assert decided[-1] == "contribution.reopened"  # nothing after the first's decision


async def test_tagging_in_bulk_is_not_refused_by_a_changed_decision(
    clock: FixedClock, second: httpx.AsyncClient, first: httpx.AsyncClient
) -> None:
    """A theme is not a decision: tagging goes ahead whatever happened to the decision."""
    item = await make_contribution("Youth workers are great")
    queue = (await second.get("/staff/moderation")).text
    token = await csrf_token(second, "/staff/moderation")
    await _approve_then_reopen(first, clock, item.id)
    sent = await second.post(
        "/staff/moderation/bulk",
        data={
            "csrf_token": token,
            "action": "tag",
            "ids": [str(item.id)],
            "new_theme": "Youth work",
            f"seen-{item.id}": _bulk_mark(queue, item.id),
        },
    )
    shown = (await second.get(sent.headers["location"])).text
    assert "Done for 1 of 1 selected." in shown
    assert await AuditEvent.filter(action="contribution.themes_set", object_id=str(item.id)).count() == 1
