"""Twentieth session, in real Chromium with axe-core at 320px and on a desktop.

- A refused bulk action: the queue again with the problem next to its field, and the ticked
  row, the action and the typed theme kept.
- A choice question on a consultation offered only in Urdu: the boxes for the options' words
  in English (which the question needs) are on the form.
- The priorities page as an analyst: no link to the moderation queue, which analysts may not
  open.
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
    return made_by(live_server, "tests.browser.session20_data")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_refused_bulk_action_keeps_what_was_chosen(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.MODERATOR)
        page.goto(f"{live_server.url}/staff/moderation?status=all&event={made['event']}")
        box = page.locator(f"#select-{made['item']}")
        box.check()
        page.select_option("#bulk-action", "tag")
        long_name = "x" * 81
        page.locator("#bulk-new-theme").evaluate(
            "(box, name) => { box.removeAttribute('maxlength'); box.value = name }", long_name
        )
        page.click("text=Apply to selected")
        expect(page.locator(".error-summary a")).to_have_text("A theme name must be 80 characters or fewer")
        assert page.title().startswith("Error: ")
        expect(page.locator(f"#select-{made['item']}")).to_be_checked()
        expect(page.locator("#bulk-action")).to_have_value("tag")
        expect(page.locator("#bulk-new-theme")).to_have_value(long_name)
        checked(page, viewport)
        page.locator(".error-summary a").click()
        expect(page.locator("#bulk-new-theme")).to_be_focused()
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_choice_options_on_a_consultation_offered_only_in_urdu(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.MODERATOR)
        page.goto(
            f"{live_server.url}/staff/consultations/{made['consultation']}/questions/new?kind=single_choice"
        )
        expect(page.locator("#options-0-label_en")).to_be_visible()
        expect(page.locator("#options-0-label_ur")).to_have_attribute("dir", "rtl")
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_analysts_are_not_sent_to_the_moderation_queue(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.ANALYST)
        page.goto(f"{live_server.url}/staff/priorities")
        expect(page.locator("main a[href='/staff/moderation']")).to_have_count(0)
        checked(page, viewport)
    finally:
        page.context.close()
