"""Seventeenth session, public side, in real Chromium with axe-core at 320px and on a desktop.

- A browser that blocks cookies is refused on every Continue; with JavaScript on, the alert says
  cookies may be blocked instead of only "Press Continue again" (no JavaScript: HTTP tests).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
ANSWER = "The bus to college never comes on time"
BLOCKED = (
    "We could not save that. Your phone or browser may be blocking cookies. We need them to keep "
    "your answers until you send them. Let this site use cookies, then try again."
)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_with_javascript_a_browser_that_blocks_cookies_is_told_so(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    # What a browser that blocks cookies reports (the cookies themselves are cleared below).
    page.add_init_script("Object.defineProperty(navigator, 'cookieEnabled', { get: () => false })")
    page.goto(f"{live_server.url}/c/tell-us-anything/q/1")
    page.fill("#answer", ANSWER)
    page.context.clear_cookies()
    with page.expect_response(lambda response: response.status == 403):
        page.click("#question-page button[type=submit]")
    expect(page.locator("#question-page [role=alert].retry-message")).to_have_text(BLOCKED)
    assert page.input_value("#answer") == ANSWER
    assert_accessible(page)
    page.context.close()
