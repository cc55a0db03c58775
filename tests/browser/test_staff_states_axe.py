"""Staff page states that had only HTTP tests, in real Chromium with axe-core, on a phone
(320x640) and a desktop:

1. Safeguarding cases: closed cases a page at a time ("Older closed cases", 50 a page) and
   "Find a case by its number", with its errors (not a number; no such case).
2. A moderation item decided by someone else while it was open: the refusal (409) says who
   decided, keeps the reason typed, and offers "Reject it instead".
3. Consultations: "Not ready: add a question" on the list and the consultation's page, and the
   web address (slug) read-only on the edit form once it has opened (and its error when
   changed anyway).
4. The error summaries for a takeover event's date moved after its comments were added, and
   for "Record what changed" dated before the words it rests on.
5. The sign-in page after a session ended, on a page fetched (``ended=page``) and on a form
   sent (``ended=form``).

This module has a live server of its own. After the usual seed, ``python -m
tests.browser.test_staff_states_axe`` (run with the server's environment) adds the data
these states need, straight through the app's services, and writes the ids to
``staff-states.json`` in the server's var directory.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tortoise import Tortoise

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    ROOT,
    LiveServer,
    assert_accessible,
    new_page,
    open_consultation,
    serve,
    sign_in_as,
)
from tests.browser.seed import ACCOUNTS
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
DATA_FILE = "staff-states.json"
SEED_MODULE = "tests.browser.test_staff_states_axe"

#: Closed cases seeded: more than a page of 50, so there is an "Older closed cases" page.
CLOSED_CASES = 53
PAGE_SIZE = 50

#: Per viewport, a contribution two moderators decide at once.
CONTESTED = {
    "phone": "The bus station needs a shelter from the rain",
    "desktop": "The library should stay open later on school days",
}
MY_NOTE = "Names a member of staff: a personal attack, not something we can publish"

EVENT_TITLE = "Youth Council takes over the board"
#: The seeded event's comments reached Voice this many days ago (it was held earlier still).
COMMENTS_ADDED_DAYS_AGO = 5
PRIORITY_TITLE = "Safer buses at night"
EVIDENCE = "Night buses should run later on Fridays"

NOT_READY = "Not ready: add a question"
NOT_READY_SLUG = "staff-states-not-ready"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


# --- the extra data, made in a process of its own against the server's database -------------


async def _seed_extra() -> dict[str, object]:
    from tests.unit.cases.factory import complete_case
    from voice.accounts.models import StaffUser
    from voice.clock import uk_date
    from voice.events.models import TakeoverEvent
    from voice.events.services import add_comments
    from voice.feedback.intake import AnswerIn, ContributionIn, submit
    from voice.feedback.journey import standing_consultation
    from voice.feedback.models import Consent
    from voice.moderation.models import CaseStatus
    from voice.moderation.services import approve
    from voice.priorities.models import Priority, PriorityLink, reporting_year

    now = datetime.now(UTC)
    lead = await StaffUser.get(email=ACCOUNTS[Role.SAFEGUARDING_LEAD])
    moderator = await StaffUser.get(email=ACCOUNTS[Role.MODERATOR])

    # Closed cases, one a day back from two days ago: the newest first on the list.
    closed = [
        (await complete_case(lead, at=now - timedelta(days=2 + n), status=CaseStatus.CLOSED)).id
        for n in range(CLOSED_CASES)
    ]

    standing = await standing_consultation()
    question = await standing.questions.all().order_by("position").first()
    assert question is not None
    contested = {}
    for viewport, text in CONTESTED.items():
        made = await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=question.id, text=text),),
                submitted_at=now - timedelta(minutes=5),
                consultation_id=standing.id,
            )
        )
        contested[viewport] = made.contribution.id

    # A takeover event whose comments were typed up days ago.
    added_at = now - timedelta(days=COMMENTS_ADDED_DAYS_AGO)
    event = await TakeoverEvent.create(
        title=EVENT_TITLE,
        held_on=uk_date(added_at) - timedelta(days=3),
        venue="Civic Hall",
        summary="They chaired it.",
        participants=12,
    )
    await add_comments(
        event,
        ["Buses are too dear", "More youth clubs near the estate"],
        language="en",
        consent=Consent.NOT_QUOTABLE,
        batch_key="staff-states",
        by=moderator,
        now=added_at,
    )

    # A priority with one approved contribution linked to it, sent an hour ago.
    said_at = now - timedelta(hours=1)
    evidence = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=question.id, text=EVIDENCE),),
                submitted_at=said_at,
                consultation_id=standing.id,
            )
        )
    ).contribution
    await approve(evidence, by=moderator, now=now, counted=True, quotable=False)
    priority = await Priority.create(
        reporting_year=reporting_year(uk_date(now)),
        position=2,
        title=PRIORITY_TITLE,
        owning_agency="West Yorkshire Combined Authority",
    )
    await PriorityLink.create(priority=priority, contribution=evidence)

    return {
        "closed_cases": closed,
        "contested": contested,
        "event": event.id,
        "comments_added_on": uk_date(added_at).isoformat(),
        "priority": priority.id,
        "evidence": evidence.id,
        "evidence_on": uk_date(said_at).isoformat(),
    }


async def _main() -> dict[str, object]:
    from voice.db import tortoise_config
    from voice.settings import load_settings

    await Tortoise.init(config=tortoise_config(load_settings()))
    try:
        made = await _seed_extra()
    finally:
        await Tortoise.close_connections()
    return made


@dataclass(frozen=True)
class Seeded:
    server: LiveServer
    closed_cases: list[int]  # newest first
    contested: dict[str, int]
    event: int
    comments_added_on: date
    priority: int
    evidence: int
    evidence_on: date


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    var_dir = tmp_path_factory.mktemp("staff-states")
    with serve(var_dir) as server:
        env = {**os.environ, "VOICE_VAR_DIR": str(var_dir), "VOICE_SECRET_KEY": "browser-tests"}
        env.pop("VOICE_DATABASE_URL", None)
        subprocess.run([sys.executable, "-m", SEED_MODULE], env=env, check=True, cwd=ROOT)
        made = json.loads((var_dir / DATA_FILE).read_text(encoding="utf-8"))
        yield Seeded(
            server=server,
            closed_cases=made["closed_cases"],
            contested={key: int(value) for key, value in made["contested"].items()},
            event=made["event"],
            comments_added_on=date.fromisoformat(made["comments_added_on"]),
            priority=made["priority"],
            evidence=made["evidence"],
            evidence_on=date.fromisoformat(made["evidence_on"]),
        )


def errors_shown(page: Page, links: list[tuple[str, str]]) -> None:
    """A GOV.UK error summary has focus, the title starts "Error: " and the summary's links are
    ``links`` (href, words)."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible(timeout=15_000)
    expect(summary).to_be_focused(timeout=15_000)
    assert page.title().startswith("Error: "), page.title()
    found = [
        (link.get_attribute("href"), " ".join(link.inner_text().split()))
        for link in summary.locator("a").all()
    ]
    assert found == links, found


def fits(page: Page, viewport: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], f"{width}px wide at {viewport}"


# --- 1. safeguarding cases: closed cases a page at a time, and find a case by its number -----


def _case_links(page: Page, section: str) -> list[int]:
    """The case numbers linked in the closed cases (after their heading) or open ones (before)."""
    hrefs: list[str] = page.evaluate(
        """section => {
            const heading = document.getElementById("closed-heading");
            return Array.from(document.querySelectorAll(".case-card h3 a"))
                .filter(a => {
                    const after = heading.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING;
                    return section === "closed" ? after : !after;
                })
                .map(a => a.getAttribute("href"));
        }""",
        section,
    )
    return [int(href.rsplit("/", 1)[1]) for href in hrefs]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_closed_cases_page_by_page(browser: Browser, seeded: Seeded, viewport: str) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.SAFEGUARDING_LEAD)
    page.goto(f"{server.url}/staff/cases")
    total = len(seeded.closed_cases)
    expect(page.locator("#closed-heading")).to_have_text(f"Closed cases ({total})")
    expect(page.locator("main")).to_contain_text(f"Showing closed cases 1 to {PAGE_SIZE} of {total}")
    assert _case_links(page, "closed") == seeded.closed_cases[:PAGE_SIZE]
    paging = page.get_by_role("navigation", name="Closed cases pages")
    expect(paging.get_by_role("link")).to_have_count(1)
    assert_accessible(page)
    fits(page, viewport)

    paging.get_by_role("link", name="Older closed cases").click()
    page.wait_for_url(re.compile(r"/staff/cases\?closed_after=[^#]+#closed-heading$"))
    expect(page.locator("main")).to_contain_text(
        f"Showing closed cases {PAGE_SIZE + 1} to {total} of {total}"
    )
    assert _case_links(page, "closed") == seeded.closed_cases[PAGE_SIZE:]
    expect(paging.get_by_role("link")).to_have_count(1)
    expect(paging.get_by_role("link", name="Newest closed cases")).to_have_attribute(
        "href", "/staff/cases#closed-heading"
    )
    assert _case_links(page, "open"), "the open cases stay in view"
    assert_accessible(page)
    fits(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_find_a_case_by_its_number_and_its_errors(browser: Browser, seeded: Seeded, viewport: str) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.SAFEGUARDING_LEAD)
    page.goto(f"{server.url}/staff/cases")
    field = page.get_by_label("Find a case by its number")
    expect(field).to_have_attribute("aria-describedby", "case-number-hint")

    for typed, message in (
        ("abc", "Enter a case number, like 12"),
        ("99999", "There is no case 99999. Check the number"),
    ):
        field.fill(typed)
        with page.expect_navigation():
            page.get_by_role("button", name="Find the case").click()
        assert re.search(r"/staff/cases\?number=", page.url), page.url
        errors_shown(page, [("#case-number", message)])
        assert page.title().startswith("Error: Safeguarding cases")
        expect(field).to_have_value(typed)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", "case-number-hint case-number-error")
        expect(page.locator("#case-number-error")).to_have_text(f"Error: {message}")
        assert _case_links(page, "closed") == seeded.closed_cases[:PAGE_SIZE]  # the list is still there
        assert_accessible(page)
        fits(page, viewport)

    # The summary's link goes to the field.
    page.locator("[data-error-summary] a").click()
    expect(field).to_be_focused()

    # The oldest closed case, on the second page of the list, found straight away.
    oldest = seeded.closed_cases[-1]
    field.fill(f" {oldest} ")
    page.get_by_role("button", name="Find the case").click()
    page.wait_for_url(f"{server.url}/staff/cases/{oldest}")
    expect(page.locator("h1")).to_have_text(f"Case {oldest}")
    expect(page.locator("main")).to_contain_text("This case is closed.")
    page.context.close()


# --- 2. moderation: someone else decided while the page was open (409) ----------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_rejection_after_someone_else_approved_it(browser: Browser, seeded: Seeded, viewport: str) -> None:
    server = seeded.server
    item = seeded.contested[viewport]
    path = f"{server.url}/staff/moderation/{item}"
    mine = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(mine, server, Role.MODERATOR)
    mine.goto(path)
    expect(mine.locator("main")).to_contain_text(CONTESTED[viewport])

    # The other moderator (an admin) opens it too, and approves it.
    theirs = new_page(browser, server, DESKTOP)
    sign_in_as(theirs, server, Role.ADMIN)
    theirs.goto(path)
    with theirs.expect_navigation():
        theirs.locator("#approve-form button[type=submit]").click()
    theirs.goto(path)
    expect(theirs.locator(".summary-list .tag-approved")).to_have_count(1)
    theirs.context.close()

    # Mine is out of date: I reject it with a reason and a note.
    mine.select_option("#reject-reason", "other")
    mine.fill("#reject-note", MY_NOTE)
    with mine.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/reject")) as sent:
        mine.locator("#reject button[type=submit]").click()
    assert sent.value.status == 409
    mine.wait_for_load_state()
    summary = mine.locator("[data-error-summary]")
    expect(summary).to_be_focused(timeout=15_000)
    assert mine.title().startswith("Error: Contribution"), mine.title()
    words = " ".join(summary.inner_text().split())
    assert re.search(
        r"Someone else decided this while you had it open: Admin approved it on \d{2} \w{3} \d{4} "
        r"\d{2}:\d{2} UTC\.",
        words,
    ), words
    assert "Your rejection was not saved" in words
    expect(summary.locator("a")).to_have_attribute("href", "#reject-reason")
    # What I typed is kept, in a form that can still reject it.
    form = mine.locator("form#reject")
    expect(form.locator("h3")).to_have_text("Your rejection (not saved)")
    expect(mine.locator("#reject-reason")).to_have_value("other")
    expect(mine.locator("#reject-note")).to_have_value(MY_NOTE)
    replace = form.get_by_role("button", name="Reject it instead")
    expect(replace).to_be_visible()
    expect(mine.locator(".summary-list .tag-approved")).to_have_count(1)  # their decision stands
    assert_accessible(mine)
    fits(mine, viewport)

    # On purpose now: it is rejected with my reason.
    with mine.expect_navigation():
        replace.click()
    mine.goto(path)
    expect(mine.locator(".summary-list .tag-rejected")).to_have_count(1)
    expect(mine.locator(".summary-list")).to_contain_text(MY_NOTE)
    expect(mine.locator(".summary-list")).to_contain_text("by Moderator")
    mine.context.close()


# --- 3. consultations: not ready, and the web address that cannot change ---------------------


@pytest.fixture(scope="module")
def not_ready(browser: Browser, seeded: Seeded) -> str:
    """A consultation made through the staff pages, open since yesterday, with no question yet.
    Returns its staff address."""
    page = new_page(browser, seeded.server, DESKTOP)
    sign_in_as(page, seeded.server, Role.MODERATOR)
    detail = open_consultation(page, seeded.server, NOT_READY_SLUG, {"en": "Still being made"})
    page.context.close()
    return detail


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_consultation_without_a_question_is_not_ready(
    browser: Browser, seeded: Seeded, not_ready: str, viewport: str
) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    page.goto(f"{server.url}/staff/consultations")
    card = page.locator("li.card").filter(has=page.locator(f'a[href="{not_ready.removeprefix(server.url)}"]'))
    expect(card).to_have_count(1)
    expect(card.locator(".status-tag")).to_have_text(NOT_READY)
    assert_accessible(page)
    fits(page, viewport)

    page.goto(not_ready)
    expect(page.locator("main .status-tag").first).to_have_text(NOT_READY)
    expect(page.locator("main")).to_contain_text(
        "young people cannot answer it until it has a question, so it is not on the home page."
    )
    add = page.locator("#status-add-question")
    expect(add).to_have_attribute("href", "#add-question")
    assert page.locator("#add-question").evaluate("e => e.tagName") == "H2"
    assert_accessible(page)
    fits(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_web_address_is_read_only_once_open(
    browser: Browser, seeded: Seeded, not_ready: str, viewport: str
) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    page.goto(f"{not_ready}/edit")
    slug = page.locator("#slug")
    expect(slug).to_have_value(NOT_READY_SLUG)
    expect(slug).not_to_be_editable()
    expect(page.locator("#slug-hint")).to_contain_text(
        f"/c/{NOT_READY_SLUG}. It cannot change now: people may have its link or QR code"
    )
    assert "slug-hint" in (slug.get_attribute("aria-describedby") or "")
    assert_accessible(page)
    fits(page, viewport)

    # A changed address sent anyway (a form from before it opened): refused, the rest kept.
    slug.evaluate("field => { field.readOnly = false; field.value = 'another-address'; }")
    page.fill("#intro_en", "What would you like to see here?")
    page.get_by_role("button", name="Save details").click()
    errors_shown(
        page,
        [
            (
                "#slug",
                "The web address cannot change once a consultation has opened or has answers: people "
                f"may have its link or QR code. It is still /c/{NOT_READY_SLUG}",
            )
        ],
    )
    expect(slug).to_have_value(NOT_READY_SLUG)
    expect(slug).not_to_be_editable()
    expect(slug).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#intro_en")).to_have_value("What would you like to see here?")
    assert_accessible(page)
    fits(page, viewport)
    page.context.close()


# --- 4. dates refused: an event's date, and "Record what changed" ----------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_event_date_after_its_comments_were_added_is_refused(
    browser: Browser, seeded: Seeded, viewport: str
) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    page.goto(f"{server.url}/staff/events/{seeded.event}/edit")
    expect(page.locator("h1")).to_have_text(f"Change {EVENT_TITLE}")
    held = page.locator("#held_on")
    original = held.input_value()
    later = seeded.comments_added_on + timedelta(days=COMMENTS_ADDED_DAYS_AGO - 1)  # yesterday
    held.fill(later.isoformat())
    page.get_by_role("button", name="Save event").click()
    errors_shown(
        page,
        [
            (
                "#held_on",
                f"The date it was held must be on or before {_day(seeded.comments_added_on)}, "
                "when its comments were added",
            )
        ],
    )
    assert page.title() == f"Error: Change {EVENT_TITLE} – Voice"
    expect(held).to_have_value(later.isoformat())
    expect(held).to_have_attribute("aria-invalid", "true")
    assert "held_on-error" in (held.get_attribute("aria-describedby") or "")
    expect(page.locator("#venue")).to_have_value("Civic Hall")
    assert_accessible(page)
    fits(page, viewport)
    page.goto(f"{server.url}/staff/events/{seeded.event}/edit")
    expect(held).to_have_value(original)  # nothing was saved
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_change_dated_before_the_words_it_rests_on_is_refused(
    browser: Browser, seeded: Seeded, viewport: str
) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    page.goto(f"{server.url}/staff/priorities/{seeded.priority}/changes/new")
    expect(page.locator("main")).to_contain_text(f"For the priority: {PRIORITY_TITLE}.")
    page.fill("#you_said", "Buses at night")
    page.fill("#we_did", "A night bus now runs on Fridays.")
    early = seeded.evidence_on - timedelta(days=3)
    page.fill("#happened_on", early.isoformat())
    page.check(f"#contribution-{seeded.evidence}")
    page.get_by_role("button", name="Record the change").click()
    errors_shown(
        page,
        [
            (
                "#happened_on",
                f"The date it changed must be on or after {_day(seeded.evidence_on)}, "
                "the date of the newest contribution you chose",
            )
        ],
    )
    assert page.title() == "Error: Record what changed – Voice"
    expect(page.locator("#happened_on")).to_have_value(early.isoformat())
    expect(page.locator("#happened_on")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#you_said")).to_have_value("Buses at night")
    expect(page.locator(f"#contribution-{seeded.evidence}")).to_be_checked()
    assert_accessible(page)
    fits(page, viewport)
    page.context.close()


# --- 5. the sign-in page after the session ended ---------------------------------------------


def _end_the_session(page: Page, server: LiveServer) -> None:
    """The browser still sends a session cookie, but the server knows no such session (as when
    it ended for being idle, or the password was changed elsewhere)."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == "voice_session"]
    page.context.add_cookies([{"name": "voice_session", "value": "ended-long-ago", "url": server.url}])
    assert cookie["value"] != "ended-long-ago"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_signed_out_on_a_page(browser: Browser, seeded: Seeded, viewport: str) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    _end_the_session(page, server)
    page.goto(f"{server.url}/staff")
    page.wait_for_url(f"{server.url}/staff/sign-in?next=/staff&ended=page")
    ended = page.locator(".session-ended")
    expect(ended).to_contain_text("You have been signed out.")
    expect(ended).not_to_contain_text("What you sent was not saved.")
    expect(ended).to_have_attribute("role", "status")
    assert_accessible(page)
    fits(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_signed_out_when_sending_a_form(browser: Browser, seeded: Seeded, viewport: str) -> None:
    server = seeded.server
    page = new_page(browser, server, VIEWPORTS[viewport])
    sign_in_as(page, server, Role.MODERATOR)
    item = seeded.contested[viewport]
    page.goto(f"{server.url}/staff/moderation/{item}")
    page.fill("#note-body", "Spoke to the youth worker; they will follow it up.")
    _end_the_session(page, server)
    page.get_by_role("button", name="Add note").click()
    page.wait_for_url(re.compile(r"/staff/sign-in\?next=[^&]+&ended=form$"))
    ended = page.locator(".session-ended")
    expect(ended).to_contain_text("You have been signed out.")
    expect(ended).to_contain_text("What you sent was not saved.")
    expect(page.locator("[data-draft-kept]")).to_be_visible()
    assert_accessible(page)
    fits(page, viewport)

    # The same page, reached by its address alone (no draft in this tab): the message, without
    # the note about what was typed.
    fresh = new_page(browser, server, VIEWPORTS[viewport])
    fresh.goto(f"{server.url}/staff/sign-in?next=/staff&ended=form")
    expect(fresh.locator(".session-ended")).to_contain_text("What you sent was not saved.")
    expect(fresh.locator("[data-draft-kept]")).to_be_hidden()
    assert_accessible(fresh)
    fresh.context.close()
    page.context.close()


if __name__ == "__main__":
    made = asyncio.run(_main())
    Path(os.environ["VOICE_VAR_DIR"], DATA_FILE).write_text(json.dumps(made), encoding="utf-8")
