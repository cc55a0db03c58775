"""The child-friendly report in a real browser: axe-core on a phone and a desktop, in English
and in Urdu (right to left), and its links reached with the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from tests.browser.test_consultations import tab_to_text
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_report(browser: Browser, live_server: LiveServer, viewport: str, lang: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], locale=lang)
    page.goto(f"{live_server.url}/report")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ur" else "ltr")
    assert page.locator("blockquote").count() >= 1 and page.locator(".rich-text strong").count() >= 1
    assert_accessible(page)
    # No part of the page is wider than a 320px phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()


def test_report_from_home_with_the_keyboard(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/")
    tab_to_text(page, "See what you told us")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/report")
    assert page.locator("h1").inner_text().startswith("What you told us in")
    tab_to_text(page, "Get help")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/help")
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_board_figures(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ANALYST)
    tab_to_text(page, "Figures for the annual report")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/figures")
    assert page.locator("table#by-status tbody tr").count() >= 1
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()
