"""Keyboard-only journeys and Exit this page in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, new_page

pytestmark = pytest.mark.browser


def test_keyboard_only_sign_in(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    page.goto(f"{live_server.url}/staff/sign-in")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # From the main landmark, Tab reaches the email field, then the password field.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    assert page.evaluate("document.activeElement.id") == "email"
    page.keyboard.type(live_server.staff_email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(live_server.password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff")
    assert page.locator("h1").inner_text() == "Staff home"
    page.context.close()


def test_error_summary_takes_focus(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/staff/sign-in")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.title().startswith("Error: ")
    page.context.close()


def test_exit_button_leaves_and_clears(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/language?lang=pl&next=/help")
    assert "voice_lang" in [c["name"] for c in page.context.cookies(live_server.url)]
    with page.expect_response(lambda response: response.url.endswith("/exit")) as exit_response:
        page.click(".exit-button")
    page.wait_for_url(live_server.exit_url)
    assert exit_response.value.all_headers()["clear-site-data"] == '"cache", "cookies", "storage"'
    # The stand-in neutral page is on this server, so only a fresh CSRF cookie may be back.
    names = [c["name"] for c in page.context.cookies(live_server.url)]
    assert "voice_lang" not in names
    page.context.close()


def test_three_lone_shift_presses_exit(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator("#exit-status").inner_text() != ""
    with page.expect_navigation(url=live_server.exit_url):
        page.keyboard.press("Shift")
    page.context.close()


def test_content_is_hidden_at_once_on_exit(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    # Answer /exit with 204 so the browser stays on the page and the test can look at it.
    page.route(f"{live_server.url}/exit", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/")
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page.locator("html")).to_have_class(re.compile(r"\bvoice-exiting\b"))
    assert not page.locator("main").is_visible()
    page.context.close()


@pytest.mark.parametrize(
    "sequence", [["Shift", "Shift", "Shift+A", "Shift"], ["Shift", "Shift", "a", "Shift"]]
)
def test_shift_with_other_keys_does_not_exit(
    browser: Browser, live_server: LiveServer, sequence: list[str]
) -> None:
    page = new_page(browser, live_server, DESKTOP)
    page.goto(f"{live_server.url}/help")
    for key in sequence:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/help"
    page.context.close()


def test_exit_button_works_with_space_like_a_button(browser: Browser, live_server: LiveServer) -> None:
    """It looks like a button, so a keyboard user in a hurry may press Space on it."""
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/help")
    button = page.locator(".exit-this-page .exit-button")
    expect(button).to_have_attribute("role", "button")
    button.focus()
    with page.expect_response(lambda response: response.url.endswith("/exit")):
        page.keyboard.press("Space")
    page.wait_for_url(live_server.exit_url)
    page.context.close()
