"""The moderation workbench after the staff-side review: hidden words, in-place approval, themes,
bulk results, the queue's htmx fragments, redaction errors, emoji and contributors' languages."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.bulk import bulk_marks
from tests.support.contributions import PHONE_TEXT, URGENT_TEXT, make_contribution
from tests.support.http import csrf_token, sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Answer, Consent, Contribution, Status
from voice.moderation import services
from voice.moderation.models import Redaction, RedactionState, Theme

OPEN_CASE = "It has an open safeguarding case. Open it to decide."


@pytest.fixture
async def moderator(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def _post(
    client: httpx.AsyncClient, path: str, data: dict[str, str | list[str]], page: str
) -> httpx.Response:
    token = await csrf_token(client, page)
    return await client.post(path, data={"csrf_token": token, **data})


async def _htmx_approve(client: httpx.AsyncClient, ident: int, back: str = "status=to_do") -> httpx.Response:
    token = await csrf_token(client, "/staff/moderation")
    return await client.post(
        f"/staff/moderation/{ident}/approve",
        data={"counted": "1", "from_queue": "1", "back": back},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )


def _by_id(root: Element, ident: str) -> Element:
    found = root.find(f".//*[@id='{ident}']")
    assert found is not None, f"nothing has id {ident!r}"
    return found


def _row(html: str, ident: int) -> Element:
    return _by_id(parse(html, fragment="<html" not in html), f"row-{ident}")


# ------------------------------------------------------------------ 3. suggestions on an approved item


async def test_a_suggestion_on_an_approved_contribution_stays_hidden_until_it_is_reopened(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution(PHONE_TEXT, consent=Consent.QUOTE_ANONYMOUSLY)
    path = f"/staff/moderation/{item.id}"
    answer = await Answer.get(contribution_id=item.id)
    suggestion = await Redaction.get(answer_id=answer.id)
    assert suggestion.state is RedactionState.SUGGESTED
    approved = await _post(client, f"{path}/approve", {"counted": "1", "quotable": "1"}, path)
    assert approved.status_code == 303

    page = await client.get(path)
    assert "Dismiss<span" not in page.text  # no Dismiss button while it is approved
    assert "put it back in review first" in page.text
    assert f'action="{path}/redactions/{suggestion.id}"' in page.text  # Accept is still offered

    refused = await _post(
        client, f"{path}/redactions/{suggestion.id}", {"decision": "dismiss", "seen": "suggested"}, path
    )
    assert refused.status_code == 400 and "Reopen it before showing hidden words again" in refused.text
    assert (await Redaction.get(id=suggestion.id)).state is RedactionState.SUGGESTED
    assert "07700 900123" not in (await Answer.get(id=answer.id)).redacted_text
    assert not await AuditEvent.filter(action="redaction.dismissed").exists()

    assert (await _post(client, f"{path}/reopen", {}, path)).status_code == 303
    reopened = await client.get(path)
    assert "Dismiss<span" in reopened.text
    dismissed = await _post(
        client, f"{path}/redactions/{suggestion.id}", {"decision": "dismiss", "seen": "suggested"}, path
    )
    assert dismissed.status_code == 303
    assert "07700 900123" in (await Answer.get(id=answer.id)).redacted_text


# ------------------------------------------------------------------ 7. approve in place and open cases


async def test_approving_in_place_refuses_an_open_safeguarding_case(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    disclosure = await make_contribution(URGENT_TEXT, minutes=1)
    plain = await make_contribution("More buses please", minutes=2)

    queue_page = await client.get("/staff/moderation")
    row = _row(queue_page.text, disclosure.id)
    assert row.get("data-can-approve") == "no" and row.get("data-open-case") is not None
    assert _row(queue_page.text, plain.id).get("data-can-approve") == "yes"

    refused = await _htmx_approve(client, disclosure.id)
    assert refused.status_code == 200
    row = _row(refused.text, disclosure.id)
    assert row.get("data-status") == "received" and row.get("data-can-approve") == "no"
    assert row.get("data-refused") == OPEN_CASE
    assert (await Contribution.get(id=disclosure.id)).status is Status.RECEIVED
    assert not await AuditEvent.filter(action="contribution.approved").exists()

    # Without htmx the same request is refused too (the guard is on the server).
    token = await csrf_token(client, "/staff/moderation")
    plain_post = await client.post(
        f"/staff/moderation/{disclosure.id}/approve",
        data={"csrf_token": token, "counted": "1", "from_queue": "1"},
    )
    assert plain_post.status_code == 400 and OPEN_CASE in plain_post.text
    assert (await Contribution.get(id=disclosure.id)).status is Status.RECEIVED

    # A person who opened it decides on its own page, as the README says.
    path = f"/staff/moderation/{disclosure.id}"
    assert (await _post(client, f"{path}/approve", {"counted": "1"}, path)).status_code == 303
    assert (await Contribution.get(id=disclosure.id)).status is Status.APPROVED


async def test_approving_in_place_updates_the_counts(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    first = await make_contribution("More buses please", minutes=1)
    await make_contribution("Parks", minutes=2)
    assert "To do (2)" in (await client.get("/staff/moderation")).text
    approved = await _htmx_approve(client, first.id)
    root = parse(approved.text, fragment=True)
    assert _by_id(root, f"row-{first.id}").get("data-status") == "approved"
    filters = _by_id(root, "queue-filters")
    assert filters.get("hx-swap-oob") == "true"
    assert "To do (1)" in approved.text and "Received (1)" in approved.text
    heading = _by_id(root, "results-heading")
    assert heading.get("hx-swap-oob") == "true" and "".join(heading.itertext()).strip() == "1 to do"


# ------------------------------------------------------------------ 4. themes from a stale page


async def test_saving_themes_from_a_stale_page_keeps_themes_someone_else_added(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    item = await make_contribution("Buses")
    path = f"/staff/moderation/{item.id}"
    other = staff[Role.ADMIN]
    transport = await services.theme_named("Transport", by=other, now=item.submitted_at)
    await services.set_themes(item, [transport.id], by=other, now=item.submitted_at)

    page = await client.get(path)  # B opens the page: Transport is ticked
    assert f'name="shown" value="{transport.id}"' in page.text
    token = await csrf_token(client, path)

    # Meanwhile A tags it in bulk with a new theme.
    online = await services.theme_named("Online safety", by=other, now=item.submitted_at)
    await services.bulk(services.BulkAction.TAG, [item.id], by=other, now=item.submitted_at, theme=online)

    # B, on the stale page, unticks Transport and adds School.
    saved = await client.post(
        f"{path}/themes",
        data={"csrf_token": token, "shown": str(transport.id), "new_theme": "School"},
    )
    assert saved.status_code == 303
    assert sorted(t.name for t in await item.themes.all()) == ["Online safety", "School"]
    event = await AuditEvent.filter(action="contribution.themes_set").order_by("-id").first()
    assert event is not None and event.actor_id == moderator.id
    assert event.before == {"themes": ["Online safety", "Transport"]}
    assert event.after == {"themes": ["Online safety", "School"]}

    # Saving an unchanged stale form changes nothing and writes nothing.
    count = await AuditEvent.filter(action="contribution.themes_set").count()
    school = await Theme.get(name="School")
    again = await client.post(
        f"{path}/themes",
        data={"csrf_token": token, "shown": str(school.id), "themes": str(school.id)},
    )
    assert again.status_code == 303
    assert sorted(t.name for t in await item.themes.all()) == ["Online safety", "School"]
    assert await AuditEvent.filter(action="contribution.themes_set").count() == count


# ------------------------------------------------------------------ 5. bulk results


async def test_bulk_results_list_every_skipped_item_grouped_by_reason(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    decided = [await make_contribution(f"Idea {n}", minutes=n) for n in range(2)]
    for item in decided:
        await services.approve(item, by=moderator, now=item.submitted_at, counted=True, quotable=False)
    cases = [await make_contribution(URGENT_TEXT, minutes=10 + n) for n in range(2)]
    fine = await make_contribution("Parks", minutes=20)
    ids = sorted(str(c.id) for c in [*decided, *cases, fine])
    done = await _post(
        client,
        "/staff/moderation/bulk",
        {"action": "approve_counted", "ids": ids, "back": "status=all", **await bulk_marks(client, ids)},
        "/staff/moderation",
    )
    shown = await client.get(done.headers["location"])
    status = "".join(_by_id(parse(shown.text), "queue-status").itertext())
    assert status == (
        f"Done for 1 of 5 selected. Already decided: {decided[0].id}, {decided[1].id}."
        f" Open safeguarding case, open each to decide: {cases[0].id}, {cases[1].id}."
    )


# ------------------------------------------------------------------ 6. queue filters with htmx


async def test_a_filter_change_with_htmx_brings_fresh_counts_and_errors(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    approved = await make_contribution("Buses", minutes=1)
    await services.approve(approved, by=moderator, now=approved.submitted_at, counted=True, quotable=False)
    await make_contribution(URGENT_TEXT, minutes=2)
    htmx = {"HX-Request": "true"}

    fragment = await client.get("/staff/moderation?status=approved", headers=htmx)
    assert fragment.status_code == 200 and "hx-request" in fragment.headers["vary"].lower()
    root = parse(fragment.text, fragment=True)
    assert "".join(_by_id(root, "results-heading").itertext()).strip() == "1 approved"
    level = "".join(_by_id(root, "filter-level").itertext())
    assert "Urgent (0)" in level and "None found (1)" in level
    assert fragment.text.lstrip().startswith("<title>Moderation queue – Voice</title>")
    assert _by_id(root, "queue-errors").get("hx-swap-oob") == "true"
    assert _by_id(root, "queue-filters").get("hx-target") == "#queue-body"

    bad = await client.get("/staff/moderation?from=2026-11-22&to=2026-11-01", headers=htmx)
    root = parse(bad.text, fragment=True)
    assert bad.text.lstrip().startswith("<title>Error: Moderation queue – Voice</title>")
    summary = _by_id(root, "queue-errors")
    assert "must be the same as or after" in "".join(summary.itertext())
    assert summary.find(".//a[@href='#filter-to']") is not None
    to_field = _by_id(root, "filter-to")
    assert to_field.get("aria-invalid") == "true" and to_field.get("aria-describedby") == "filter-to-error"

    full = await client.get(
        "/staff/moderation?from=2026-11-22&to=2026-11-01",
        headers={**htmx, "HX-History-Restore-Request": "true"},
    )
    assert "<html" in full.text and "<title>Error: Moderation queue" in full.text


# ------------------------------------------------------------------ 2. redaction form errors


def _check_errors_link_to_fields(html: str) -> list[str]:
    """Every summary link goes to a field that shows its message, described by it and invalid."""
    root = parse(html)
    summary = root.find(".//*[@data-error-summary]")
    assert summary is not None
    links = [a.get("href", "") for a in summary.iterfind(".//a")]
    assert links
    for href in links:
        field_id = href.removeprefix("#")
        field = _by_id(root, field_id)
        assert field.tag in ("input", "select", "textarea"), href
        assert field.get("aria-invalid") == "true", href
        assert f"{field_id}-error" in (field.get("aria-describedby") or "").split(), href
        assert "error-message" in (_by_id(root, f"{field_id}-error").get("class") or ""), href
    return links


async def test_every_redaction_error_links_to_its_own_field(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    item = await make_contribution(PHONE_TEXT)
    path = f"/staff/moderation/{item.id}"
    answer = await Answer.get(contribution_id=item.id)
    empty = await _post(
        client,
        f"{path}/redactions",
        {"answer_id": str(answer.id), "phrase": "", "kind": "nonsense", "reason": ""},
        path,
    )
    assert empty.status_code == 400
    assert _check_errors_link_to_fields(empty.text) == [
        f"#redact-phrase-{answer.id}",
        f"#redact-kind-{answer.id}",
        f"#redact-reason-{answer.id}",
    ]
    phrase = _by_id(parse(empty.text), f"redact-phrase-{answer.id}")
    assert phrase.get("aria-describedby") == f"redact-phrase-{answer.id}-hint redact-phrase-{answer.id}-error"


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("notes", {"body": " "}, "note-body"),
        ("withdraw", {"note": ""}, "withdraw-note"),
        ("themes", {"new_theme": "x" * 120}, "new-theme"),
    ],
)
async def test_other_item_page_errors_mark_their_field(
    app: Starlette,
    client: httpx.AsyncClient,
    moderator: StaffUser,
    action: str,
    data: dict[str, str | list[str]],
    field: str,
) -> None:
    item = await make_contribution("Buses")
    path = f"/staff/moderation/{item.id}"
    page = await _post(client, f"{path}/{action}", data, path)
    assert page.status_code == 400
    assert _check_errors_link_to_fields(page.text) == [f"#{field}"]


# ------------------------------------------------------------------ 9. emoji before a selection


async def test_a_selection_after_emoji_hides_exactly_what_was_selected(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    text = "\U0001f600\U0001f600 I told my worker about it, my worker"
    item = await make_contribution(text)
    path = f"/staff/moderation/{item.id}"
    answer = await Answer.get(contribution_id=item.id)
    start = text.index("orker")
    # In characters (code points), as the page's script sends them now.
    added = await _post(
        client,
        f"{path}/redactions",
        {
            "answer_id": str(answer.id),
            "phrase": "orker",
            "kind": "other",
            "reason": "Test",
            "start": str(start),
            "end": str(start + 5),
        },
        path,
    )
    assert added.status_code == 303
    made = await Redaction.filter(answer_id=answer.id).order_by("-id").first()
    assert made is not None and text[made.start : made.end] == "orker" and made.start == start
    # In UTF-16 code units (each emoji is two), as an older page sent them: converted.
    second = text.index("worker", start)
    units = len(text[:second].encode("utf-16-le")) // 2
    again = await _post(
        client,
        f"{path}/redactions",
        {
            "answer_id": str(answer.id),
            "phrase": "worker",
            "kind": "other",
            "reason": "Test",
            "start": str(units),
            "end": str(units + 6),
        },
        path,
    )
    assert again.status_code == 303
    rows = await Redaction.filter(answer_id=answer.id).order_by("id")
    # The one selected, converted, and the other place the word appears (every place is hidden).
    first_worker = text.index("worker")
    assert sorted((r.start, r.end) for r in rows[1:]) == [
        (first_worker, first_worker + 6),
        (second, second + 6),
    ]
    assert len(rows) == 3
    # A selection from the very start (offset 0) is a selection too.
    first = await _post(
        client,
        f"{path}/redactions",
        {
            "answer_id": str(answer.id),
            "phrase": "\U0001f600",
            "kind": "other",
            "reason": "T",
            "start": "0",
            "end": "1",
        },
        path,
    )
    assert first.status_code == 303
    newest = await Redaction.filter(answer_id=answer.id).order_by("-id").first()
    # An emoji alone holds no words: only the one selected is hidden, not every same emoji.
    assert newest is not None and (newest.start, newest.end) == (0, 1)


def test_selected_range_converts_only_what_holds_the_phrase() -> None:
    text = "\U0001f600 ab ab"
    assert services.selected_range(text, "ab", 2, 4) == (2, 4)
    assert services.selected_range(text, "ab", 3, 5) == (2, 4)  # UTF-16: the emoji is two units
    assert services.selected_range(text, "ab", 1, 2) is None  # splits the emoji / wrong words
    assert services.selected_range(text, "ab", 0, 99) is None
    assert services.selected_range(text, "ab", None, 4) is None


# ------------------------------------------------------------------ 11. contributors' languages


async def test_contributors_words_carry_their_language(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    words = "نحتاج إلى أماكن آمنة للشباب في المساء"
    item = await make_contribution(words, language="ar")
    path = f"/staff/moderation/{item.id}"
    answer = await Answer.get(contribution_id=item.id)
    hidden = await _post(
        client,
        f"{path}/redactions",
        {"answer_id": str(answer.id), "phrase": "المساء", "kind": "other", "reason": "Test"},
        path,
    )
    assert hidden.status_code == 303
    root = parse((await client.get(path)).text)
    for ident in (f"original-{answer.id}",):
        assert (_by_id(root, ident).get("lang"), _by_id(root, ident).get("dir")) == ("ar", "auto")
    redacted = root.find(".//div[@class='redacted']")
    assert redacted is not None and (redacted.get("lang"), redacted.get("dir")) == ("ar", "auto")
    listed = root.find(".//ul[@class='redaction-list']/li/span[@lang='ar']")
    assert listed is not None and listed.get("dir") == "auto" and listed.text == "المساء"
    assert "Arabic" in "".join(root.itertext())

    queue_root = parse((await client.get("/staff/moderation")).text)
    snippet = _by_id(queue_root, f"row-{item.id}").find(".//p[@lang]")
    assert snippet is not None and (snippet.get("lang"), snippet.get("dir")) == ("ar", "auto")
    assert "[personal detail]" in "".join(snippet.itertext())
