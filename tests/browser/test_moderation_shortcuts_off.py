"""Single-key shortcuts can be turned off and on again (WCAG 2.1.4 Character Key Shortcuts), on
the queue and on a contribution, in real Chromium with axe at 320px and desktop.

Speech recognition turns a spoken word into key presses, so while shortcuts are on, saying a
word with an "a" in it could approve a contribution. Each test adds its own contributions in
Romanian (the seed has none), and filters the queue to them.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from tests.browser.test_moderation_review_fixes import add_story
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
TOGGLE = "Use single-key shortcuts"
OFF = "Single-key shortcuts are off. No single key does anything now."
ON = "Single-key shortcuts are on."


def _queue(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/staff/moderation?language=ro&status=all")
    page.wait_for_selector("h1")


def _item(page: Page, server: LiveServer, ident: str) -> None:
    page.goto(f"{server.url}/staff/moderation/{ident}")
    expect(page.locator("h1")).to_have_text(f"Contribution {ident}")


def _status_of(page: Page, server: LiveServer, ident: str) -> str:
    """The contribution's status as its own page shows it, fetched afresh."""
    _item(page, server, ident)
    return page.locator(".summary-list .tag").first.inner_text()


def _press_outside_any_field(page: Page, keys: str) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_timeout(1000)  # anything a key started (a form sent, an htmx post) has begun


@VIEWPORTS
def test_shortcuts_turned_off_do_nothing_anywhere_until_turned_on_again(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    first = add_story(page, live_server, "Biblioteca ar trebui să fie deschisă mai târziu", language="ro")
    second = add_story(page, live_server, "Autobuzele ar trebui să circule mai des seara", language="ro")

    # On a contribution: turn them off with the keyboard.
    _item(page, live_server, first)
    approve = page.locator("#approve-form button[type=submit]")
    expect(approve).to_have_attribute("aria-keyshortcuts", "a")
    setting = page.locator("#item-shortcuts")
    expect(setting).to_be_visible()
    setting.locator("summary").focus()
    page.keyboard.press("Enter")
    toggle = page.get_by_role("checkbox", name=TOGGLE)
    expect(toggle).to_be_checked()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).not_to_be_checked()
    expect(page.locator("#shortcut-status")).to_have_text(OFF)
    expect(page.locator("[aria-keyshortcuts]")).to_have_count(0)
    assert_accessible(page)

    _press_outside_any_field(page, "ar")
    expect(page.locator("#reject-reason")).not_to_be_focused()
    assert page.url == f"{live_server.url}/staff/moderation/{first}"
    assert _status_of(page, live_server, first) == "Received"
    # The choice held across that page load (the box is in the closed list of shortcuts).
    expect(page.locator("#shortcuts-on")).not_to_be_checked()
    expect(page.locator("[aria-keyshortcuts]")).to_have_count(0)

    # On the queue too: j, a, x and ? do nothing.
    _queue(page, live_server)
    expect(page.locator("#shortcuts summary")).not_to_have_attribute("aria-keyshortcuts", "?")
    page.locator(f"#row-{first} .queue-open").focus()
    for key in "jax?":
        page.keyboard.press(key)
    page.wait_for_timeout(1000)
    expect(page.locator("#shortcuts")).not_to_have_attribute("open", "")
    expect(page.locator("#queue-status")).to_have_text("")
    expect(page.locator(f"#row-{first} input[type=checkbox]")).not_to_be_checked()
    expect(page.locator(f"#row-{first}")).to_have_attribute("data-status", "received")
    assert _status_of(page, live_server, first) == "Received"

    # Turn them back on from the queue's list of shortcuts: "a" approves again.
    _queue(page, live_server)
    page.locator("#shortcuts summary").click()
    toggle = page.get_by_role("checkbox", name=TOGGLE)
    expect(toggle).to_be_visible()
    expect(toggle).not_to_be_checked()
    assert_accessible(page)
    toggle.check()
    expect(page.locator("#queue-status")).to_have_text(ON)
    expect(page.locator("#shortcuts summary")).to_have_attribute("aria-keyshortcuts", "?")
    page.locator(f"#row-{first} .queue-open").focus()
    page.keyboard.press("a")
    expect(page.locator("#queue-status")).to_have_text(f"Contribution {first} approved, counted in figures.")
    assert _status_of(page, live_server, first) == "Approved"

    # And on another contribution after a page load: "r" goes to the reason again.
    _item(page, live_server, second)
    expect(page.locator("#shortcuts-on")).to_be_checked()
    expect(page.locator("#reject-reason")).to_have_attribute("aria-keyshortcuts", "r")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("r")
    expect(page.locator("#reject-reason")).to_be_focused()
    page.context.close()


def test_without_javascript_there_is_no_dead_control_and_nothing_advertised(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser, live_server, DESKTOP, javascript=False)
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation")
    page.locator("#shortcuts summary").click()
    expect(page.locator("#shortcuts dl")).to_be_visible()
    expect(page.locator("[data-shortcut-setting]")).to_be_hidden()
    expect(page.locator("[aria-keyshortcuts]")).to_have_count(0)
    page.locator(".queue-open").first.click()  # the queue shows what is still to do
    page.wait_for_url(re.compile(r"/staff/moderation/\d+"))
    expect(page.locator("#approve-form")).to_be_visible()
    expect(page.locator("#item-shortcuts")).to_have_count(1)
    expect(page.locator("#item-shortcuts")).to_be_hidden()
    expect(page.locator("[aria-keyshortcuts]")).to_have_count(0)
    expect(page.get_by_role("checkbox", name=TOGGLE)).to_have_count(0)
    page.context.close()
