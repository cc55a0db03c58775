"""The moderation queue in real Chromium: axe on every page and state, and a keyboard-only clear-out.

The live server's seed (tests/browser/seed.py) has screened contributions, some urgent.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser


def _queue(page: Page, server: LiveServer, query: str = "") -> None:
    page.goto(f"{server.url}/staff/moderation{query}")
    page.wait_for_selector("h1")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_queue_and_item_pages_are_accessible(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    _queue(page, live_server)
    assert_accessible(page)
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_have_attribute("open", "")
    assert_accessible(page)

    _queue(page, live_server, "?from=2026-02-31")
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)

    _queue(page, live_server, "?status=all")
    page.locator(".queue-open").first.click()
    page.wait_for_url(re.compile(r"/staff/moderation/\d+"))
    assert_accessible(page)
    page.locator("details.add-redaction summary").first.click()
    assert_accessible(page)
    # An error state: reject without a reason.
    if page.locator("#reject-reason").count():
        page.locator("#reject button[type=submit]").click()
        page.wait_for_selector("[data-error-summary]")
        assert_accessible(page)
    page.context.close()


def test_shortcuts_never_fire_while_typing(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)
    _queue(page, live_server)
    before = page.locator("[data-can-approve=no]").count()
    page.locator("#bulk-new-theme").focus()
    page.keyboard.type("jaxo?")
    expect(page.locator("#bulk-new-theme")).to_have_value("jaxo?")
    assert page.locator("#shortcuts").get_attribute("open") is None
    assert page.locator("[data-can-approve=no]").count() == before
    assert page.url.endswith("/staff/moderation")
    page.context.close()


def test_a_moderator_clears_the_queue_by_keyboard_alone(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)

    # Open the first contribution with j then o, redact a word typed in by hand, go back.
    _queue(page, live_server)
    page.keyboard.press("j")
    expect(page.locator("#queue-status")).to_contain_text("1 of")
    first_id = page.locator("[data-queue-row]").first.get_attribute("data-id")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(rf"/staff/moderation/{first_id}"))
    page.keyboard.press("r")
    expect(page.locator("#reject-reason")).to_be_focused()
    page.go_back()

    # Select the first with x, then approve every row with j/a until nothing is left to do but
    # the possible disclosures with an open safeguarding case: "a" refuses those (a person opens
    # them to decide), so j moves past them.
    _queue(page, live_server)
    rows = page.locator("[data-queue-row]")
    total = rows.count()
    cases = page.locator("[data-queue-row][data-open-case]").count()
    assert total >= 5 and cases >= 1
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("[data-queue-row] input[type=checkbox]").first).to_be_checked()
    done = 0
    for index in range(total):
        row = rows.nth(index)
        page.keyboard.press("a")
        if row.get_attribute("data-open-case") is not None:
            expect(page.locator("#queue-status")).to_contain_text("has an open safeguarding case")
            page.keyboard.press("j")
        else:
            done += 1
            expect(page.locator("[data-status=approved]")).to_have_count(done)
    assert done == total - cases
    expect(page.locator("#queue-status")).to_contain_text("approved")
    _queue(page, live_server)
    expect(page.locator("#results-heading")).to_have_text(f"{cases} to do")
    assert_accessible(page)
    page.context.close()
