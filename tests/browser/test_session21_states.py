"""Twenty-first session, in real Chromium with axe-core at 320px and on a desktop.

- ``/track`` for words a change rests on: the steps, then what changed ("We did", marked as
  staff's English on an Urdu page) and a link to the report; never "You said".
- An event's edit page saved after someone else saved the event: refused, with what was typed.
- Comments added to an event deleted in another tab meanwhile: said so, with the words to copy.
- A lead's staff home page with a case that has no decision in time.
- The footer's "(what this does)": its brackets are part of the link, so they cannot wrap onto
  a line of their own on a phone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LiveServer, made_by, new_page, sign_in_as
from tests.browser.test_session18_states import VIEWPORTS, checked
from voice.accounts.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session21_data")


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_track_says_what_changed(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str, lang: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], locale=lang)
    try:
        page.goto(f"{live_server.url}/track")
        page.fill("#code", str(made["code"]).lower())
        page.locator("main button[type=submit]").first.click()
        expect(page.locator(".step-done")).to_have_count(5)
        change = page.locator("main .card .rich-text")
        expect(change).to_have_text(str(made["we_did"]))
        if lang == "ur":
            expect(change).to_have_attribute("lang", "en")
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert "We want the youth club open more" not in page.content()
        expect(page.locator('main a[href^="/report/"]')).to_have_count(1)
        checked(page, viewport)
        page.locator('main a[href^="/report/"]').click()
        expect(page.locator("main .card .rich-text").filter(has_text=str(made["we_did"]))).to_have_count(1)
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_footer_brackets_stay_with_their_words(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        page.goto(f"{live_server.url}/track")
        link = page.locator('footer a[href="/exit-this-page"]')
        expect(link).to_have_text("(what this does)")
        item = page.locator("footer li").filter(has=page.locator('a[href="/exit-this-page"]'))
        # Nothing in the item but its two links: no bracket left outside to wrap on its own.
        assert (
            item.evaluate(
                "li => [...li.childNodes].filter(n => n.nodeType === 3)"
                ".map(n => n.textContent.trim()).join('')"
            )
            == ""
        )
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_event_saved_from_a_page_opened_before_another_save(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.MODERATOR)
        edit = f"{live_server.url}/staff/events/{made['event']}/edit"
        page.goto(edit)
        other = page.context.new_page()
        other.goto(edit)
        other.fill("#venue", f"Civic Hall ({viewport})")
        other.click("text=Save event")
        other.wait_for_url("**?done=saved")
        other.close()
        page.fill("#summary", "They chaired the meeting.")
        page.click("text=Save event")
        expect(page.locator(".error-summary li")).to_contain_text("Someone else saved this event")
        assert page.title().startswith("Error: ")
        expect(page.locator("#summary")).to_have_value("They chaired the meeting.")
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_comments_for_an_event_deleted_meanwhile(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.MODERATOR)
        event = f"{live_server.url}/staff/events/{made[f'{viewport}_event']}"
        page.goto(event)
        other = page.context.new_page()
        other.goto(f"{event}/delete")
        other.locator("main form button").click()
        other.wait_for_url("**/staff/events?done=deleted")
        other.close()
        page.fill("#comments", "More buses after 10pm")
        page.click("text=Add comments")
        expect(page.locator("h1")).to_have_text("This event has been deleted")
        expect(page.locator(".kept-words")).to_have_text("More buses after 10pm")
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_leads_home_lists_cases_with_no_decision_in_time(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.SAFEGUARDING_LEAD)
        page.goto(f"{live_server.url}/staff")
        late = page.locator("#decisions-overdue")
        expect(late.locator("h2")).to_contain_text("no decision in time")
        expect(late.locator(f'a[href="/staff/cases/{made["late_case"]}"]')).to_have_count(1)
        checked(page, viewport)
    finally:
        page.context.close()
