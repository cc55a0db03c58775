"""Safeguarding case pages with JavaScript off: every route, every error path, and the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import csrf_token, sign_in
from tests.unit.cases.factory import START, URGENT_WORDS, complete_case, make_case, make_contribution
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import services
from voice.clock import FixedClock
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase

ANONYMOUS = "This contribution is anonymous: the contributor left no contact details."


@pytest.fixture
def clock(app: Starlette) -> FixedClock:
    clock = FixedClock(START)
    app.state.clock = clock
    return clock


async def _as(client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role) -> StaffUser:
    response = await sign_in(client, staff[role])
    assert response.status_code == 303
    return staff[role]


async def _post(client: httpx.AsyncClient, path: str, data: dict[str, str] | None = None) -> httpx.Response:
    token = await csrf_token(client)
    return await client.post(path, data={"csrf_token": token, **(data or {})})


def _summary_links(html: str) -> list[str]:
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">', summary)


def _text(html: str) -> str:
    """The words of a page, without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".").replace(" )", ")")


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, flags=re.S)
    assert found
    return found.group(1)


async def _actions(case_id: int) -> list[str]:
    events = await AuditEvent.filter(object_type="safeguarding_case", object_id=str(case_id)).order_by("id")
    return [event.action for event in events]


# --- list -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_list_open_first_urgent_first_overdue_flagged(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, role: Role
) -> None:
    concern = await make_case("concern", at=START)
    urgent = await make_case("urgent", at=START + timedelta(minutes=30))
    closed = await complete_case(
        staff[Role.SAFEGUARDING_LEAD], at=START - timedelta(days=3), status=CaseStatus.CLOSED
    )
    clock.advance(timedelta(hours=2))  # urgent is 30 minutes overdue; concern is still in time
    await _as(client, staff, role)
    page = await client.get("/staff/cases")
    assert page.status_code == 200
    html = page.text
    assert html.index(f"/staff/cases/{urgent.id}") < html.index(f"/staff/cases/{concern.id}")
    assert (
        html.index(f"/staff/cases/{concern.id}")
        < html.index("Closed cases (1)")
        < html.index(f"/staff/cases/{closed.id}")
    )
    assert "1 case is overdue" in html
    assert "Overdue since 2 March 2026, 10:30 GMT (30 minutes)" in _text(html)
    assert "Acknowledge by 2 March 2026, 13:00 GMT" in _text(html)
    assert URGENT_WORDS not in html  # the list never shows the words


async def test_list_with_no_cases(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    page = await client.get("/staff/cases")
    assert "There are no open cases." in page.text and "overdue" not in page.text


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ANALYST])
async def test_moderators_and_analysts_never_see_a_case(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, role: Role
) -> None:
    case = await make_case("urgent")
    await _as(client, staff, role)
    assert (await client.get("/staff/cases")).status_code == 403
    page = await client.get(f"/staff/cases/{case.id}")
    assert page.status_code == 403 and URGENT_WORDS not in page.text
    for action in ("acknowledge", "decision", "outcome", "sign-off", "close"):
        assert (await _post(client, f"/staff/cases/{case.id}/{action}")).status_code == 403, action
    assert await _actions(case.id) == []


# --- detail ---------------------------------------------------------------------------


async def test_detail_shows_the_verbatim_original_and_audits_the_view(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    words = "he said <b>don't</b> tell  anyone\nor else"
    case = await make_case("urgent", at=START, text=words)
    lead = await _as(client, staff, Role.SAFEGUARDING_LEAD)
    clock.advance(timedelta(minutes=20))
    page = await client.get(f"/staff/cases/{case.id}")
    assert page.status_code == 200
    html = page.text
    assert _title(html).startswith("Case ")
    assert "he said &lt;b&gt;don&#39;t&lt;/b&gt; tell  anyone\nor else" in html  # exactly, escaped
    assert "test reason (urgent)" in html
    assert "Arrived" in html and "2 March 2026, 09:00 GMT" in html
    assert "Acknowledge by" in html and "2 March 2026, 10:00 GMT" in html
    assert ANONYMOUS in html
    assert "Screening flagged a possible disclosure" in html
    [view] = await AuditEvent.filter(action="case.viewed", object_id=str(case.id))
    assert view.actor_id == lead.id and view.at == clock.now()
    assert "Case viewed" in (await client.get(f"/staff/cases/{case.id}")).text  # in the history
    # Viewed again and again: every view is audited, and the history shows them as one line.
    again = (await client.get(f"/staff/cases/{case.id}")).text
    assert await AuditEvent.filter(action="case.viewed", object_id=str(case.id)).count() == 3
    assert again.count("Case viewed") == 1 and "Case viewed 3 times" in again


async def test_detail_shows_contact_details_when_left(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("concern", contact=("phone", "07700 900123"))
    await _as(client, staff, Role.ADMIN)
    html = (await client.get(f"/staff/cases/{case.id}")).text
    assert "They asked to hear back by phone:" in html and "07700 900123" in html
    assert ANONYMOUS not in html


async def test_detail_shows_overdue(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("concern", at=START)
    clock.advance(timedelta(hours=5))
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    html = (await client.get(f"/staff/cases/{case.id}")).text
    assert "Overdue since 2 March 2026, 13:00 GMT." in _text(html) and "overdue for 1 hour." in html


async def test_unknown_case_is_404(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    assert (await client.get("/staff/cases/999")).status_code == 404
    for action in ("acknowledge", "decision", "outcome", "sign-off", "close"):
        assert (await _post(client, f"/staff/cases/999/{action}")).status_code == 404, action


# --- the whole journey ------------------------------------------------------------------


async def test_from_arrival_to_closed(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("urgent", at=START)
    lead = await _as(client, staff, Role.SAFEGUARDING_LEAD)
    url = f"/staff/cases/{case.id}"

    clock.advance(timedelta(minutes=15))
    done = await _post(client, f"{url}/acknowledge")
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=acknowledged"
    page = await client.get(done.headers["location"])
    assert "You acknowledged the case." in page.text
    assert f"Acknowledged by {lead.display_name} on 2 March 2026, 09:15 GMT." in _text(page.text)

    clock.advance(timedelta(minutes=30))
    done = await _post(
        client,
        f"{url}/decision",
        {
            "decision": "referred_front_door",
            "reasoning": "Hit at home, scared tonight",
            "referral_reference": "FD-77",
        },
    )
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=decision"
    html = (await client.get(done.headers["location"])).text
    assert "The decision is saved." in html
    assert 'value="referred_front_door" checked' in html and "Hit at home, scared tonight" in html

    done = await _post(client, f"{url}/outcome", {"outcome": "Police and social worker visited"})
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=outcome"

    done = await _post(client, f"{url}/sign-off")
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=signed_off"
    html = (await client.get(done.headers["location"])).text
    assert f"Signed off by {lead.display_name}" in html

    clock.advance(timedelta(hours=1))
    done = await _post(client, f"{url}/close")
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=closed"
    html = (await client.get(done.headers["location"])).text
    assert "The case is closed." in html and "This case is closed." in html
    assert 'action="/staff/cases/' not in html.split("<main", 1)[1].split("</main>", 1)[0]  # no forms left
    assert "Referred to the children&#39;s social care front door" in html and "FD-77" in html

    stored = await SafeguardingCase.get(id=case.id)
    assert stored.status is CaseStatus.CLOSED and stored.original_text == URGENT_WORDS
    assert stored.decision is CaseDecision.REFERRED_FRONT_DOOR
    assert stored.purge_after == clock.now() + timedelta(days=2555)
    changes = [action for action in await _actions(case.id) if action != "case.viewed"]
    assert changes == [
        "case.acknowledged",
        "case.decision_recorded",
        "case.outcome_recorded",
        "case.signed_off",
        "case.closed",
    ]
    closed = await AuditEvent.get(action="case.closed", object_id=str(case.id))
    assert closed.at == clock.now() and closed.actor_id == lead.id

    # A closed case cannot change.
    refused = await _post(client, f"{url}/outcome", {"outcome": "changed"})
    assert refused.status_code == 400 and "This case is closed and cannot be changed" in refused.text


# --- error paths ------------------------------------------------------------------------


async def test_acknowledge_twice(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case()
    await _as(client, staff, Role.ADMIN)
    assert (await _post(client, f"/staff/cases/{case.id}/acknowledge")).status_code == 303
    again = await _post(client, f"/staff/cases/{case.id}/acknowledge")
    assert again.status_code == 400
    assert _title(again.text).startswith("Error: Case")
    assert "This case has already been acknowledged" in again.text


async def test_decision_before_acknowledgement(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case()
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(
        client, f"/staff/cases/{case.id}/decision", {"decision": "advice_given", "reasoning": "r"}
    )
    assert refused.status_code == 400
    assert _summary_links(refused.text) == ["acknowledge-section"]
    assert 'id="acknowledge-section"' in refused.text


async def test_decision_errors_keep_what_was_typed(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await make_case(status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    empty = await _post(client, f"/staff/cases/{case.id}/decision", {"referral_reference": "typed ref"})
    assert empty.status_code == 400
    assert _title(empty.text).startswith("Error: Case")
    assert _summary_links(empty.text) == ["decision", "reasoning"]
    assert 'id="decision-error"' in empty.text and 'id="reasoning-error"' in empty.text
    assert 'value="typed ref"' in empty.text

    referral = await _post(
        client,
        f"/staff/cases/{case.id}/decision",
        {"decision": "referred_front_door", "reasoning": "Needs the front door", "referral_reference": ""},
    )
    assert referral.status_code == 400
    assert _summary_links(referral.text) == ["referral_reference"]
    assert "Enter the front door referral reference" in referral.text
    assert "Needs the front door" in referral.text and 'value="referred_front_door" checked' in referral.text
    assert 'aria-invalid="true"' in referral.text
    assert not await AuditEvent.filter(action="case.decision_recorded").exists()


async def test_other_decision_records_none(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await make_case(status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START)
    await _as(client, staff, Role.ADMIN)
    done = await _post(
        client,
        f"/staff/cases/{case.id}/decision",
        {"decision": "already_known", "reasoning": "Open to CAMHS"},
    )
    assert done.status_code == 303
    assert (await SafeguardingCase.get(id=case.id)).referral_reference == "none"
    event = await AuditEvent.get(action="case.decision_recorded", object_id=str(case.id))
    assert event.actor_id == staff[Role.ADMIN].id
    assert event.before == {"decision": None, "reasoning": "", "referral_reference": ""}
    assert event.after == {
        "decision": "already_known",
        "reasoning": services.written("Open to CAMHS"),
        "referral_reference": services.written("none"),
    }


async def test_outcome_errors(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await make_case(status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(client, f"/staff/cases/{case.id}/outcome", {"outcome": "   "})
    assert refused.status_code == 400 and _summary_links(refused.text) == ["outcome"]
    too_long = await _post(client, f"/staff/cases/{case.id}/outcome", {"outcome": "x" * 10_001})
    assert too_long.status_code == 400 and "Outcome must be 10,000 characters or fewer" in too_long.text
    assert ("x" * 10_001) in too_long.text  # nothing typed is lost


async def test_admins_cannot_sign_off(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD], signed=False)
    await _as(client, staff, Role.ADMIN)
    page = await client.get(f"/staff/cases/{case.id}")
    assert "Only a safeguarding lead can sign it off." in page.text
    assert f"/staff/cases/{case.id}/sign-off" not in page.text
    assert (await _post(client, f"/staff/cases/{case.id}/sign-off")).status_code == 403
    assert (await SafeguardingCase.get(id=case.id)).signed_off_at is None


async def test_sign_off_refused_while_the_record_is_incomplete(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await make_case(status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(client, f"/staff/cases/{case.id}/sign-off")
    assert refused.status_code == 400
    assert _summary_links(refused.text) == ["decision", "reasoning", "referral_reference", "outcome"]


async def test_close_refused_lists_what_is_missing(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("urgent")
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(client, f"/staff/cases/{case.id}/close")
    assert refused.status_code == 400
    assert _title(refused.text).startswith("Error: Case")
    # Not acknowledged yet, so the decision and outcome link to their sections.
    assert _summary_links(refused.text) == [
        "acknowledge-section",
        "decision-section",
        "decision-section",
        "decision-section",
        "outcome-section",
        "sign-off-section",
    ]
    for message in (
        "Nobody has acknowledged the case yet",
        "No decision has been recorded",
        "No reasoning has been recorded for the decision",
        "No referral reference has been recorded",
        "No outcome has been recorded",
        "A safeguarding lead has not signed off the case",
    ):
        assert message in refused.text
    assert (await SafeguardingCase.get(id=case.id)).status is CaseStatus.OPEN


async def test_close_refused_for_one_missing_item(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD], outcome="")
    await _as(client, staff, Role.ADMIN)
    refused = await _post(client, f"/staff/cases/{case.id}/close")
    assert refused.status_code == 400 and _summary_links(refused.text) == ["outcome"]


async def test_changing_a_signed_off_record_says_the_sign_off_went(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD])
    await _as(client, staff, Role.ADMIN)
    page = await client.get(f"/staff/cases/{case.id}")
    assert "Changing the decision withdraws the sign-off." in page.text
    done = await _post(client, f"/staff/cases/{case.id}/outcome", {"outcome": "Moved to another area"})
    assert done.headers["location"] == f"/staff/cases/{case.id}?saved=outcome&withdrawn=1"
    html = (await client.get(done.headers["location"])).text
    assert "The sign-off was withdrawn because the record changed" in html
    assert "case.sign_off_withdrawn" in await _actions(case.id)


async def test_saving_nothing_new(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await complete_case(staff[Role.SAFEGUARDING_LEAD], signed=False)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    done = await _post(client, f"/staff/cases/{case.id}/outcome", {"outcome": case.outcome})
    assert done.headers["location"] == f"/staff/cases/{case.id}?saved=unchanged"


# --- raising a case by hand -------------------------------------------------------------


async def test_a_lead_cannot_raise_a_case_on_a_contribution_they_cannot_moderate(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    """Leads have no moderation access; raising a case would copy any contribution's original
    words (and contact details) into a case they can read."""
    contribution = await make_contribution("You can ring me on 07700 900123 about the buses")
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    refused = await _post(
        client, "/staff/cases/raise", {"contribution_id": str(contribution.id), "note": "curious"}
    )
    assert refused.status_code == 403
    assert not await SafeguardingCase.exists()


async def test_a_moderator_raises_a_case_and_goes_back_to_moderation(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    contribution = await make_contribution("my new boyfriend is 25 and says to keep it secret")
    moderator = await _as(client, staff, Role.MODERATOR)
    done = await _post(
        client, "/staff/cases/raise", {"contribution_id": str(contribution.id), "note": "Age gap"}
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/staff/moderation/{contribution.id}?case=raised"
    case = await SafeguardingCase.get(contribution_id=contribution.id)
    assert case.level == "concern" and case.raised_by_id == moderator.id  # type: ignore[attr-defined]
    assert case.original_text == "my new boyfriend is 25 and says to keep it secret"
    assert case.opened_at == START
    event = await AuditEvent.get(action="case.raised", object_id=str(case.id))
    assert event.actor_id == moderator.id
    # The moderator may not read the case they raised.
    assert (await client.get(f"/staff/cases/{case.id}")).status_code == 403


async def test_raising_keeps_the_moderation_queue_filters(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    contribution = await make_contribution("words")
    await _as(client, staff, Role.MODERATOR)
    back = "status=received&level=urgent"
    refused = await _post(
        client, "/staff/cases/raise", {"contribution_id": str(contribution.id), "note": "", "back": back}
    )
    assert refused.status_code == 400
    assert (
        f'href="/staff/moderation/{contribution.id}?back=status%3Dreceived%26level%3Durgent"' in refused.text
    )
    assert 'name="back" value="status=received&amp;level=urgent"' in refused.text
    done = await _post(
        client, "/staff/cases/raise", {"contribution_id": str(contribution.id), "note": "n", "back": back}
    )
    assert done.headers["location"] == (
        f"/staff/moderation/{contribution.id}?case=raised&back=status%3Dreceived%26level%3Durgent"
    )


async def test_an_admin_raises_an_urgent_case_and_sees_it(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    contribution = await make_contribution("something worrying")
    await _as(client, staff, Role.ADMIN)
    done = await _post(
        client,
        "/staff/cases/raise",
        {"contribution_id": f" {contribution.id} ", "note": "Worrying", "level": "urgent"},
    )
    case = await SafeguardingCase.get(contribution_id=contribution.id)
    assert case.level == "urgent"
    assert done.headers["location"] == f"/staff/cases/{case.id}?saved=raised"
    html = (await client.get(done.headers["location"])).text
    assert "You raised this case." in html and "Raised by hand: Worrying" in html


@pytest.mark.parametrize(
    ("data", "links", "message"),
    [
        (
            {"contribution_id": "{id}", "note": " "},
            ["note"],
            "Enter a note saying why this may be a disclosure",
        ),
        (
            {"contribution_id": "99999", "note": "n"},
            ["contribution_id"],
            "There is no contribution with that number",
        ),
        ({"contribution_id": "", "note": ""}, ["contribution_id", "note"], "Enter the contribution number"),
        ({"contribution_id": "12a", "note": "n"}, ["contribution_id"], "using digits only"),
        ({"contribution_id": "{id}", "note": "n", "level": "huge"}, ["level"], "Choose concern or urgent"),
    ],
)
async def test_raise_errors_show_a_small_page(
    client: httpx.AsyncClient,
    staff: dict[Role, StaffUser],
    clock: FixedClock,
    data: dict[str, str],
    links: list[str],
    message: str,
) -> None:
    contribution = await make_contribution("words")
    await _as(client, staff, Role.MODERATOR)
    sent = {key: value.replace("{id}", str(contribution.id)) for key, value in data.items()}
    refused = await _post(client, "/staff/cases/raise", sent)
    assert refused.status_code == 400
    assert _title(refused.text).startswith("Error: Raise a safeguarding case")
    assert _summary_links(refused.text) == links
    assert message in refused.text
    if sent.get("note", "").strip():
        assert f">{sent['note'].strip()}</textarea>" in refused.text  # kept
    assert not await SafeguardingCase.exists()


async def test_raise_refused_when_a_case_is_already_open(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("concern")
    await _as(client, staff, Role.MODERATOR)
    refused = await _post(
        client,
        "/staff/cases/raise",
        {"contribution_id": str(case.contribution_id), "note": "again"},  # type: ignore[attr-defined]
    )
    assert refused.status_code == 400
    assert "This contribution already has an open safeguarding case" in refused.text
    assert await SafeguardingCase.all().count() == 1


# --- staff home -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMIN])
async def test_home_shows_overdue_cases_to_leads_and_admins(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock, role: Role
) -> None:
    urgent = await make_case("urgent", at=START)
    concern = await make_case("concern", at=START)
    clock.advance(timedelta(hours=2))
    user = await _as(client, staff, role)
    html = (await client.get("/staff")).text
    assert f"Hello, {user.display_name}." in html and "Your role is:" in html
    assert "1 overdue safeguarding case" in html
    assert f'href="/staff/cases/{urgent.id}"' in html and f'href="/staff/cases/{concern.id}"' not in html
    assert "Overdue since 2 March 2026, 10:00 GMT" in _text(html)
    assert "There are 2 open safeguarding cases." in html
    assert '<a href="/staff/cases">Safeguarding cases</a>' in html.split("<main", 1)[1]
    assert ('<a href="/staff/moderation">Moderation queue</a>' in html) is (role is Role.ADMIN)
    assert URGENT_WORDS not in html


async def test_home_without_overdue_cases(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    await make_case("urgent", at=START)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    html = (await client.get("/staff")).text
    assert "overdue" not in html.lower() and "There is 1 open safeguarding case." in html


async def test_home_tells_moderators_only_how_many(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    urgent = await make_case("urgent", at=START)
    await make_case("concern", at=START)
    await complete_case(staff[Role.SAFEGUARDING_LEAD], status=CaseStatus.CLOSED)
    clock.advance(timedelta(hours=5))
    await _as(client, staff, Role.MODERATOR)
    html = (await client.get("/staff")).text
    assert "2 possible disclosures are with the safeguarding leads." in html
    main = html.split("<main", 1)[1]
    assert f"/staff/cases/{urgent.id}" not in main and "overdue" not in main.lower()
    assert '<a href="/staff/moderation">Moderation queue</a>' in main
    assert '<a href="/staff/cases">' not in main


async def test_home_for_analysts_has_no_cases(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    await make_case("urgent", at=START)
    await _as(client, staff, Role.ANALYST)
    html = (await client.get("/staff")).text
    main = html.split("<main", 1)[1]
    assert "disclosure" not in main and "/staff/cases" not in main and "Hello, Analyst." in main


async def test_an_error_page_that_shows_the_case_is_audited_as_a_view(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    case = await make_case("urgent", at=START, contact=("email", "sam@example.org"))
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    url = f"/staff/cases/{case.id}"
    assert (await _post(client, f"{url}/acknowledge")).status_code == 303
    before = await AuditEvent.filter(action="case.viewed", object_id=str(case.id)).count()
    again = await _post(client, f"{url}/acknowledge")  # already acknowledged: an error page
    assert again.status_code == 400 and "sam@example.org" in again.text
    assert await AuditEvent.filter(action="case.viewed", object_id=str(case.id)).count() == before + 1


def _seen(html: str) -> str:
    found = re.search(r'name="seen" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


async def test_a_form_left_open_while_the_case_changed_is_refused(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], clock: FixedClock
) -> None:
    """The lead signs off the record as shown; a change made meanwhile stops the sign-off."""
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await complete_case(lead, signed=False)
    await _as(client, staff, Role.SAFEGUARDING_LEAD)
    url = f"/staff/cases/{case.id}"
    seen = _seen((await client.get(url)).text)
    # Someone else changes the decision in the meantime.
    await SafeguardingCase.filter(id=case.id).update(
        decision=CaseDecision.NO_FURTHER_ACTION, referral_reference="none"
    )
    refused = await _post(client, f"{url}/sign-off", {"seen": seen})
    assert refused.status_code == 400
    assert "This case changed since you opened it" in refused.text
    assert _title(refused.text).startswith("Error:")
    assert (await SafeguardingCase.get(id=case.id)).signed_off_at is None
    # What was typed in a stale form is kept on the page.
    stale = await _post(client, f"{url}/outcome", {"seen": seen, "outcome": "Family supported by early help"})
    assert stale.status_code == 400 and "Family supported by early help" in stale.text
    # With the page as it is now, the sign-off works.
    fresh = _seen(refused.text)
    assert (await _post(client, f"{url}/sign-off", {"seen": fresh})).status_code == 303
    assert (await SafeguardingCase.get(id=case.id)).signed_off_at is not None
