"""Seventeenth session, public side, in real Chromium with axe-core at 320px and on a desktop.

- A browser that blocks cookies is refused on every Continue; with JavaScript on, the alert says
  cookies may be blocked instead of only "Press Continue again" (no JavaScript: HTTP tests).
- A refused language change says to choose the language again, not to press Continue.
- A consultation not open yet says when it opens, without its title (English and Urdu).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, made_by, new_page

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
ANSWER = "The bus to college never comes on time"
LANGUAGE_AGAIN = "We could not change the language. Choose your language again."
BLOCKED = (
    "We could not save that. Your phone or browser may be blocking cookies. We need them to keep "
    "your answers until you send them. Let this site use cookies, then try again."
)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_with_javascript_a_browser_that_blocks_cookies_is_told_so(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/c/tell-us-anything/q/1")
    page.fill("#answer", ANSWER)
    # The form goes back with no cookie at all, as from a browser that blocks them (which may
    # still report navigator.cookieEnabled as true: the server's verdict decides).
    page.context.clear_cookies()
    with page.expect_response(lambda response: response.status == 403):
        page.click("#question-page button[type=submit]")
    expect(page.locator("#question-page [role=alert].retry-message")).to_have_text(BLOCKED)
    assert page.input_value("#answer") == ANSWER
    assert_accessible(page)
    page.context.close()


def test_with_javascript_a_refused_language_change_says_choose_the_language_again(
    browser: Browser, live_server: LiveServer
) -> None:
    """Found by an exploratory test (2026-11-24): it said "Press Continue again", and Continue
    saved the answer and moved on instead of changing the language."""
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/c/tell-us-anything/q/1")
    page.fill("#answer", ANSWER)
    cookies = page.context.cookies()
    page.context.clear_cookies()
    page.context.add_cookies([{**cookie, "value": "replaced"} for cookie in cookies])  # a stale token
    with page.expect_response(lambda response: response.status == 403):
        page.get_by_role("button", name="Polski").click()
    expect(page.locator("#question-page [role=alert].retry-message")).to_have_text(LANGUAGE_AGAIN)
    assert page.input_value("#answer") == ANSWER
    page.context.close()


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session17_data")


NOT_YET = {"en": "This is not open yet", "ur": "یہ ابھی شروع نہیں ہوا"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", NOT_YET)
def test_a_consultation_not_open_yet(
    browser: Browser, live_server: LiveServer, made: dict[str, object], lang: str, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    response = page.goto(f"{live_server.url}/c/{made['later']}")
    assert response is not None and response.status == 200
    assert page.inner_text("h1").strip() == NOT_YET[lang]
    assert page.title().startswith(NOT_YET[lang])
    main = page.locator("main").inner_text()
    assert "A plan not launched yet" not in main and "ایک منصوبہ" not in main
    assert page.locator("main form, main textarea").count() == 0
    assert_accessible(page)
    if viewport == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
