"""Long unbroken words staff type (a web address in a note, a long event name) wrap at 320px
instead of making the page scroll sideways (WCAG 1.4.10 Reflow)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

LONG_ADDRESS = "https://www.example.org/news/2026/11/young-people-safety-campaign-launch-event-details"


def test_a_long_address_in_a_note_and_an_event_name_wrap(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation?status=all")
    page.locator(".queue-open").first.click()
    page.wait_for_url(re.compile(r"/staff/moderation/\d+"))
    page.fill("#note-body", f"See {LONG_ADDRESS} for context")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_selector(f"text={LONG_ADDRESS}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.goto(f"{live_server.url}/staff/events/new")
    page.fill("#title", "Youth-Council-takes-over-the-Partnership-Executive-Board-meeting-November")
    page.fill("#held_on", "2026-11-12")
    page.get_by_role("button", name=re.compile("Add event|Save")).first.click()
    page.wait_for_url(re.compile(r"/staff/events/\d+"))
    page.goto(f"{live_server.url}/staff/events")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
