"""Takeover events and lived-experience stories in a real browser, with the keyboard, as a
moderator: axe-core on every page and error state, on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from tests.browser.test_consultations import errors_shown, tab_to_id, tab_to_text
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_event_and_its_comments(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/events")
    assert_accessible(page)
    tab_to_text(page, "Add an event")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/events/new$"))
    assert_accessible(page)
    tab_to_text(page, "Add event")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    tab_to_id(page, "title")
    page.keyboard.type(f"Takeover day ({viewport})")
    page.fill("#held_on", "2026-01-20")
    tab_to_text(page, "Add event")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/events/\d+\?done=added#add-comments$"))
    expect(page.locator("#add-comments .notice")).to_be_in_viewport()
    assert_accessible(page)
    event_url = page.url.split("?")[0]
    page.goto(f"{event_url}/edit")
    assert page.locator("#title").input_value() == f"Takeover day ({viewport})"
    assert_accessible(page)
    page.goto(event_url)

    tab_to_text(page, "Add comments")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    tab_to_id(page, "comments")
    page.keyboard.type("- More youth workers please")
    page.keyboard.press("Enter")
    page.keyboard.type("- Buses after 10pm")
    tab_to_text(page, "Add comments")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"added=2&concerns=0&already=0&sig=[0-9a-f]{16}#add-comments$"))
    # Where the page opens (the form, for more comments), not above the screen.
    expect(page.locator("#add-comments .notice")).to_have_text("2 comments added.")
    expect(page.locator("#add-comments .notice")).to_be_in_viewport()
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_lived_experience_story(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    tab_to_text(page, "Add a lived-experience story")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/stories/new$"))
    assert_accessible(page)
    tab_to_text(page, "Add story")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    tab_to_id(page, "words")
    page.keyboard.type(f"When I moved school nobody asked me what I needed ({viewport}).")
    tab_to_text(page, "Add story")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/moderation/\d+\?done=entered$"))
    assert "Story added as contribution" in page.locator("main").inner_text()
    assert_accessible(page)
    page.context.close()
