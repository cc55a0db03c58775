"""axe-core finds no WCAG 2.2 AA problem on any page, in every language, on a phone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, LiveServer, assert_accessible, new_page

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/", "/help", "/cookies", "/exit-this-page", "/track", "/staff/sign-in", "/no-such-page"]
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def _sign_in(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/staff/sign-in")
    page.fill("#email", server.staff_email)
    page.fill("#password", server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/staff")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages(browser: Browser, live_server: LiveServer, lang: str, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_error_and_staff_pages(browser: Browser, live_server: LiveServer, lang: str, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    page.goto(f"{live_server.url}/staff/sign-in")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    _sign_in(page, live_server)
    assert_accessible(page)
    page.context.close()


def test_phone_layout_does_not_scroll_sideways(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
    page.context.close()
