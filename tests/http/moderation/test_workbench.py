"""The moderation workbench with JavaScript off: every page, action and error path."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import text_of
from tests.support.bulk import bulk_marks
from tests.support.contributions import PHONE_TEXT, URGENT_TEXT, make_contribution
from tests.support.http import csrf_token, sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Answer, Consent, Contribution, Respondent, Status
from voice.moderation.models import (
    CaseStatus,
    ModeratorNote,
    Redaction,
    RedactionState,
    SafeguardingCase,
    Theme,
)
from voice.moderation.queue import PAGE_SIZE


@pytest.fixture
async def moderator(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def _post(
    client: httpx.AsyncClient, path: str, data: dict[str, str | list[str]], page: str
) -> httpx.Response:
    token = await csrf_token(client, page)
    return await client.post(path, data={"csrf_token": token, **data})


async def test_queue_puts_disclosures_first_and_hides_originals(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    plain = await make_contribution(PHONE_TEXT, minutes=0)
    urgent = await make_contribution(URGENT_TEXT, minutes=10)
    page = await client.get("/staff/moderation")
    assert page.status_code == 200
    assert page.text.index(f"Contribution {urgent.id}") < page.text.index(f"Contribution {plain.id}")
    assert "07700 900123" not in page.text and "[phone number]" in page.text
    assert "Urgent" in page.text and "Safeguarding case" in page.text
    assert "To do (2)" in page.text and page.headers["vary"].lower().count("hx-request") == 1


async def test_queue_filters_fragment_for_htmx_and_full_page_on_history_restore(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    await make_contribution("Parks", language="pl")
    fragment = await client.get("/staff/moderation?language=pl", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith("<title>Moderation queue") and "<html" not in fragment.text
    assert '<div id="queue-body">' in fragment.text and 'id="queue-filters"' in fragment.text
    restore = await client.get(
        "/staff/moderation?language=pl", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.text


async def test_bad_filter_dates_show_errors_and_keep_what_was_typed(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    page = await client.get("/staff/moderation?from=2026-02-31&level=urgent")
    assert page.text.count("data-error-summary") == 1 and "must be a real date" in page.text
    assert page.text.split("<title>")[1].startswith("Error:")
    assert 'value="2026-02-31"' in page.text and 'value="urgent" selected' in page.text


async def test_dates_far_out_of_range_are_errors_not_crashes(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    for params in ("to=9999-12-31", "from=9999-12-31", "to=0001-01-01"):
        page = await client.get(f"/staff/moderation?{params}")
        assert page.status_code == 200, params  # as for other filter errors: the queue, with errors
        assert "must be between 2000 and 2099" in page.text and page.text.count("data-error-summary") == 1


async def test_next_page_link(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    for n in range(PAGE_SIZE + 2):
        await make_contribution(f"Idea {n}", minutes=n)
    first = await client.get("/staff/moderation")
    assert first.text.count('class="queue-item"') == PAGE_SIZE
    link = re.search(r'href="(/staff/moderation\?[^"]+after=[^"]+)"', first.text)
    assert link
    second = await client.get(link.group(1).replace("&amp;", "&"))
    assert second.text.count('class="queue-item"') == 2 and "First page" in second.text


async def test_item_shows_the_original_and_audits_the_view(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution(PHONE_TEXT)
    page = await client.get(f"/staff/moderation/{item.id}")
    assert page.status_code == 200
    assert '<mark class="suggested"' in page.text and "07700 900123" in page.text
    event = await AuditEvent.filter(action="contribution.original_viewed", object_id=str(item.id)).get()
    assert event.actor_id == moderator.id
    assert (await client.get("/staff/moderation/999999")).status_code == 404


async def test_approve_goes_on_to_the_next_item(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    first = await make_contribution("Buses", minutes=1, consent=Consent.QUOTE_ANONYMOUSLY)
    second = await make_contribution("Parks", minutes=2)
    response = await _post(
        client,
        f"/staff/moderation/{first.id}/approve",
        {"counted": "1", "quotable": "1", "back": "status=to_do"},
        f"/staff/moderation/{first.id}",
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith(
        f"/staff/moderation/{second.id}?done=approved&id={first.id}"
    )
    fresh = await Contribution.get(id=first.id)
    assert (fresh.status, fresh.counted, fresh.quotable) == (Status.APPROVED, True, True)
    shown = await client.get(response.headers["location"])
    assert f"Contribution {first.id} approved." in shown.text


async def test_last_decision_returns_to_the_queue(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    only = await make_contribution("Buses")
    response = await _post(client, f"/staff/moderation/{only.id}/approve", {}, f"/staff/moderation/{only.id}")
    assert response.headers["location"].startswith("/staff/moderation?message=")
    assert (await Contribution.get(id=only.id)).counted is False  # the box was not ticked
    queue_page = await client.get(response.headers["location"])
    assert "Nothing else is waiting." in queue_page.text


async def test_the_queue_shows_only_notices_voice_wrote(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    spoof = "Security update: your password expired. Sign in again at https://evil.example"
    page = await client.get("/staff/moderation", params={"message": spoof})
    assert page.status_code == 200 and "evil.example" not in page.text and "Security update" not in page.text


async def test_quotable_without_consent_is_an_error(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution("Buses", consent=Consent.NOT_QUOTABLE)
    page = await _post(
        client,
        f"/staff/moderation/{item.id}/approve",
        {"counted": "1", "quotable": "1"},
        f"/staff/moderation/{item.id}",
    )
    assert page.status_code == 400 and "the contributor did not agree to that" in page.text
    assert (await Contribution.get(id=item.id)).status is Status.RECEIVED


async def test_a_professionals_words_are_never_quotable(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """The report quotes only people's own words: the box is not offered, and a crafted
    request is refused."""
    item = await make_contribution("He is scared at home", consent=Consent.QUOTE_ANONYMOUSLY)
    await Contribution.filter(id=item.id).update(respondent=Respondent.PROFESSIONAL)
    path = f"/staff/moderation/{item.id}"
    page = await client.get(path)
    assert 'id="approve-quotable"' not in page.text
    assert "a professional wrote it on someone&#39;s behalf" in page.text
    refused = await _post(client, f"{path}/approve", {"counted": "1", "quotable": "1"}, path)
    assert refused.status_code == 400 and (await Contribution.get(id=item.id)).status is Status.RECEIVED
    approved = await _post(client, f"{path}/approve", {"counted": "1"}, path)
    assert approved.status_code == 303 and not (await Contribution.get(id=item.id)).quotable


async def test_reject_errors_keep_input_then_reject(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution("Buy cheap watches")
    path = f"/staff/moderation/{item.id}"
    missing = await _post(client, f"{path}/reject", {"reason": "", "note": "Looks like an advert"}, path)
    assert missing.status_code == 400 and 'href="#reject-reason"' in missing.text
    assert "Looks like an advert" in missing.text
    other = await _post(client, f"{path}/reject", {"reason": "other", "note": ""}, path)
    assert (
        other.status_code == 400
        and 'href="#reject-note"' in other.text
        and 'value="other" selected' in other.text
    )
    done = await _post(client, f"{path}/reject", {"reason": "spam", "note": ""}, path)
    assert done.status_code == 303
    fresh = await Contribution.get(id=item.id)
    assert (fresh.status, fresh.rejection_reason) == (Status.REJECTED, "spam")


async def test_review_reopen_withdraw(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution("Buses")
    path = f"/staff/moderation/{item.id}"
    assert (await _post(client, f"{path}/review", {}, path)).status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW
    await _post(client, f"{path}/approve", {"counted": "1"}, path)
    assert (await _post(client, f"{path}/reopen", {}, path)).status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.IN_REVIEW
    empty = await _post(client, f"{path}/withdraw", {"note": ""}, path)
    assert empty.status_code == 400 and 'href="#withdraw-note"' in empty.text
    assert (await _post(client, f"{path}/withdraw", {"note": "Her mum rang"}, path)).status_code == 303
    assert (await Contribution.get(id=item.id)).status is Status.WITHDRAWN
    refused = await _post(client, f"{path}/reopen", {}, path)
    assert refused.status_code == 400 and "cannot become" in refused.text


async def test_redactions_without_javascript(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution(PHONE_TEXT)
    path = f"/staff/moderation/{item.id}"
    answer = await Answer.get(contribution_id=item.id)
    suggestion = await Redaction.get(answer_id=answer.id)
    dismissed = await _post(client, f"{path}/redactions/{suggestion.id}", {"decision": "dismiss"}, path)
    assert dismissed.status_code == 303
    assert (await Redaction.get(id=suggestion.id)).state is RedactionState.DISMISSED
    accepted = await _post(client, f"{path}/redactions/{suggestion.id}", {"decision": "accept"}, path)
    assert (
        accepted.status_code == 303
        and (await Redaction.get(id=suggestion.id)).state is RedactionState.ACCEPTED
    )

    bad = await _post(
        client,
        f"{path}/redactions",
        {"answer_id": str(answer.id), "phrase": "youth centre", "kind": "other", "reason": "Place"},
        path,
    )
    assert bad.status_code == 400 and f'href="#redact-phrase-{answer.id}"' in bad.text
    assert 'value="youth centre"' in bad.text and 'value="Place"' in bad.text
    empty = await _post(
        client,
        f"{path}/redactions",
        {"answer_id": str(answer.id), "phrase": "", "kind": "", "reason": ""},
        path,
    )
    assert empty.status_code == 400  # every problem in the summary, not just the first
    for message in (
        "Enter the words to redact, exactly as they appear",
        "Choose what kind of detail it is",
        "Give a reason for the redaction",
    ):
        assert message in empty.text.split("data-error-summary")[1].split("</div>")[0], message
    added = await _post(
        client,
        f"{path}/redactions",
        {"answer_id": str(answer.id), "phrase": "youth club", "kind": "other", "reason": "Names a place"},
        path,
    )
    assert added.status_code == 303
    assert "youth club" not in (await Answer.get(id=answer.id)).redacted_text
    # A selection from the browser that disagrees with the typed words: the words win.
    await _post(
        client,
        f"{path}/redactions",
        {
            "answer_id": str(answer.id),
            "phrase": "Ring",
            "kind": "other",
            "reason": "Test",
            "start": "5",
            "end": "7",
        },
        path,
    )
    newest = await Redaction.filter(answer_id=answer.id).order_by("-id").first()
    assert newest is not None and (newest.start, newest.end) == (0, 4)
    other = await make_contribution("Other words")
    assert (
        await _post(
            client, f"/staff/moderation/{other.id}/redactions/{suggestion.id}", {"decision": "accept"}, path
        )
    ).status_code == 404


async def test_notes_and_themes(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    item = await make_contribution("Buses")
    path = f"/staff/moderation/{item.id}"
    empty = await _post(client, f"{path}/notes", {"body": " "}, path)
    assert empty.status_code == 400 and 'href="#note-body"' in empty.text
    assert (await _post(client, f"{path}/notes", {"body": "Ask transport"}, path)).status_code == 303
    assert (await ModeratorNote.get(contribution_id=item.id)).body == "Ask transport"
    assert (await _post(client, f"{path}/themes", {"new_theme": "Transport"}, path)).status_code == 303
    theme = await Theme.get(name="Transport")
    assert [t.id for t in await item.themes.all()] == [theme.id]
    too_long = await _post(client, f"{path}/themes", {"new_theme": "x" * 120}, path)
    assert too_long.status_code == 400 and 'href="#new-theme"' in too_long.text
    # Untick the theme the page showed ticked.
    assert (await _post(client, f"{path}/themes", {"shown": str(theme.id)}, path)).status_code == 303
    assert await item.themes.all() == []


async def test_bulk_actions(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    items = [await make_contribution(f"Idea {n}", minutes=n) for n in range(3)]
    none_selected = await _post(
        client, "/staff/moderation/bulk", {"action": "approve_counted"}, "/staff/moderation"
    )
    assert none_selected.status_code == 400  # the queue again, the action as chosen
    assert "Select at least one contribution" in none_selected.text
    assert 'href="#select-' in none_selected.text  # the error links to the first box to tick
    assert '<option value="approve_counted" selected>' in none_selected.text

    ids = [str(items[0].id), str(items[1].id)]
    tagged = await _post(
        client,
        "/staff/moderation/bulk",
        {"action": "tag", "ids": ids, "new_theme": "Ideas"},
        "/staff/moderation",
    )
    assert tagged.status_code == 303
    assert len(await AuditEvent.filter(action="contribution.themes_set")) == 2
    marks = await bulk_marks(client, ids)
    approved = await _post(
        client,
        "/staff/moderation/bulk",
        {"action": "approve_counted", "ids": ids, **marks},
        "/staff/moderation",
    )
    shown = await client.get(approved.headers["location"])
    assert "Done for 2 of 2 selected." in shown.text
    assert {c.status for c in await Contribution.filter(id__in=ids)} == {Status.APPROVED}
    spam = await _post(
        client,
        "/staff/moderation/bulk",
        {
            "action": "reject_spam",
            "ids": [str(items[2].id), ids[0]],
            **await bulk_marks(client, [str(items[2].id), ids[0]]),
        },
        "/staff/moderation",
    )
    shown = await client.get(spam.headers["location"])
    assert "Done for 1 of 2 selected." in shown.text and f"Already decided: {ids[0]}." in shown.text
    assert (await Contribution.get(id=items[2].id)).rejection_reason == "spam"


async def test_approve_from_the_queue_with_htmx_returns_the_row(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution("Buses")
    token = await csrf_token(client, "/staff/moderation")
    row = await client.post(
        f"/staff/moderation/{item.id}/approve",
        data={"counted": "1", "from_queue": "1", "back": "status=to_do"},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert row.status_code == 200 and row.text.lstrip().startswith(
        f'<li class="queue-item" id="row-{item.id}"'
    )
    assert 'data-can-approve="no"' in row.text and "Approved" in row.text
    again = await client.post(
        f"/staff/moderation/{item.id}/approve",
        data={"counted": "1", "from_queue": "1"},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert again.status_code == 200 and 'data-can-approve="no"' in again.text
    assert len(await AuditEvent.filter(action="contribution.approved", object_id=str(item.id))) == 1


async def test_an_error_page_that_shows_the_original_is_audited_as_a_view(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution(PHONE_TEXT)
    page = f"/staff/moderation/{item.id}"
    before = await AuditEvent.filter(action="contribution.original_viewed", object_id=str(item.id)).count()
    response = await _post(client, f"{page}/notes", {"body": ""}, page)
    assert response.status_code == 400
    after = await AuditEvent.filter(action="contribution.original_viewed", object_id=str(item.id)).count()
    assert after == before + 2  # the page fetched for its token, and the error page


async def test_bulk_action_starts_with_nothing_chosen(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Found by an exploratory test (2026-11-24): a moderator chose a theme and pressed the
    button, and the first action in the list, "Approve as counted only", approved words they
    had not read. Now nothing is chosen at first, and sending that says "Choose an action"."""
    item = await make_contribution("Idea")
    queue = (await client.get("/staff/moderation")).text
    first_option = queue.split('<select id="bulk-action" name="action">', 1)[1].split("</option>", 1)[0]
    assert first_option.strip() == '<option value="">Choose an action'
    refused = await _post(
        client,
        "/staff/moderation/bulk",
        {"action": "", "ids": [str(item.id)], "new_theme": "Ideas"},
        "/staff/moderation",
    )
    assert refused.status_code == 400
    assert '<a href="#bulk-action">Choose an action</a>' in refused.text
    assert (await Contribution.get(id=item.id)).status is Status.RECEIVED


async def test_the_item_page_says_when_a_case_was_had_and_closed(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Found by an exploratory test (2026-11-24): once a lead closed a case, the moderator saw no
    sign it had existed, and could raise the same worry again without knowing."""
    item = await make_contribution("The park needs more lights")  # screening opens no case
    path = f"/staff/moderation/{item.id}"
    case = await SafeguardingCase.create(
        contribution=item, level="urgent", original_text="x", reasons=["r"], opened_at=item.submitted_at
    )
    page = (await client.get(path)).text
    assert "The safeguarding leads have a case for this contribution." in page
    assert "Raise a safeguarding case by hand" not in page
    case.status = CaseStatus.CLOSED
    await case.save()
    page = (await client.get(path)).text
    assert "The safeguarding leads had a case for this contribution and closed it." in page
    assert "Raise a safeguarding case by hand" in page


async def test_a_moderator_corrects_the_language_and_it_is_audited(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Found by an exploratory test (2026-11-24): a takeover batch has one language, so an Urdu
    comment in an English batch was English for good (figures, filters, the quote's lang)."""
    item = await make_contribution("ہمیں شام کو محفوظ جگہوں کی ضرورت ہے")
    path = f"/staff/moderation/{item.id}"
    page = (await client.get(path)).text
    assert f'<form method="post" action="{path}/language"' in page
    changed = await client.post(
        f"{path}/language", data={"csrf_token": await csrf_token(client, path), "language": "ur"}
    )
    assert changed.status_code == 303 and "done=language" in changed.headers["location"]
    assert (await Contribution.get(id=item.id)).language == "ur"
    event = await AuditEvent.get(action="contribution.language_changed", object_id=str(item.id))
    assert (event.before, event.after) == ({"language": "en"}, {"language": "ur"})
    shown = await client.get(changed.headers["location"])
    assert "Language changed." in shown.text and 'lang="ur"' in shown.text
    refused = await client.post(
        f"{path}/language", data={"csrf_token": await csrf_token(client, path), "language": "xx"}
    )
    assert (
        refused.status_code == 400
        and '<a href="#language">Choose the language the words are in</a>' in refused.text
    )
    assert (await Contribution.get(id=item.id)).language == "ur"


async def test_an_analyst_cannot_change_the_language(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution("Lights please")
    await sign_in(client, staff[Role.ANALYST])
    token = await csrf_token(client, "/staff")
    refused = await client.post(
        f"/staff/moderation/{item.id}/language", data={"csrf_token": token, "language": "ur"}
    )
    assert refused.status_code == 403
    assert (await Contribution.get(id=item.id)).language == "en"


async def test_bulk_names_what_is_gone_and_refuses_rows_the_page_did_not_show(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Exploratory testing (nineteenth session): a contribution deleted meanwhile was counted as
    selected but named nowhere, and an approval sent without the decision the page showed was
    made unchecked (only a hand-made request can do that)."""
    shown_row = await make_contribution("Buses", minutes=1)
    unshown = await make_contribution("Parks", minutes=2)
    gone = await make_contribution("Lights", minutes=3)
    ids = [str(shown_row.id), str(unshown.id), str(gone.id)]
    marks = await bulk_marks(client, [str(shown_row.id), str(gone.id)])
    await Contribution.filter(id=gone.id).delete()
    sent = await _post(
        client,
        "/staff/moderation/bulk",
        {"action": "approve_counted", "ids": [*ids, "abc"], **marks},
        "/staff/moderation",
    )
    status = text_of(await client.get(sent.headers["location"]))
    assert (
        f"Done for 1 of 3 selected. No longer there (deleted): {gone.id}. "
        f"Not shown on your page, open each to check: {unshown.id}."
    ) in status
    assert (await Contribution.get(id=shown_row.id)).status is Status.APPROVED
    assert (await Contribution.get(id=unshown.id)).status is Status.RECEIVED
