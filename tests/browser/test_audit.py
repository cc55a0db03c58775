"""Audit log and staff accounts pages in a real browser: axe at phone and desktop sizes,
no sideways scrolling on a phone, and filtering the log with the keyboard alone.

Waits use Playwright's ``expect`` (it polls from outside the page): ``wait_for_function``
with a string re-evaluates it inside the page, which Voice's CSP (no unsafe-eval) blocks.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
BAD_DATE = "/staff/audit?from-day=31&from-month=2&from-year=2026&actor=admin"


def _check(page: Page, viewport: dict[str, int]) -> None:
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (page.url, width)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_audit_log_pages_are_accessible(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    size = VIEWPORTS[viewport]
    page = new_page(browser, live_server, size)
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/audit")
    assert page.locator("h1").inner_text() == "Audit log"
    assert page.locator(".audit-event").count() > 0
    _check(page, size)
    page.goto(f"{live_server.url}/staff/audit?action=signin.success&from-day=1&from-month=1&from-year=2020")
    assert set(page.locator(".audit-action").all_inner_texts()) == {"signin.success"}
    _check(page, size)
    page.goto(f"{live_server.url}{BAD_DATE}")
    assert page.title().startswith("Error: Audit log")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.locator("#from-day").input_value() == "31"
    assert page.locator("#actor").input_value() == "admin"
    _check(page, size)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_staff_accounts_pages_are_accessible(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    size = VIEWPORTS[viewport]
    page = new_page(browser, live_server, size)
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/accounts")
    assert page.locator("h1").inner_text() == "Staff accounts"
    _check(page, size)
    page.click("text=Add a staff account")
    page.wait_for_url(f"{live_server.url}/staff/accounts/new")
    _check(page, size)
    page.fill("#email", "not an email")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("Error: Add a staff account")
    assert page.locator("#email").input_value() == "not an email"
    _check(page, size)
    page.goto(f"{live_server.url}/staff/accounts")
    page.locator(".staff-account-name a", has_text="Analyst").click()
    page.wait_for_url(re.compile(r".*/staff/accounts/\d+$"))
    _check(page, size)
    # An admin cannot demote themselves: the error page is accessible too.
    page.goto(f"{live_server.url}/staff/accounts")
    page.locator(".staff-account-name a", has_text="Admin").click()
    page.wait_for_url(re.compile(r".*/staff/accounts/\d+$"))
    page.check("input[name=role][value=analyst]")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert "You cannot remove your own admin role" in page.locator("[data-error-summary]").inner_text()
    _check(page, size)
    page.context.close()


def _tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_filter_the_log_with_the_keyboard_only(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/audit")
    _tab_to(page, "action")
    page.keyboard.type("signin.s")  # a closed select picks the option typed
    assert page.locator("#action").input_value() == "signin.success"
    _tab_to(page, "apply-filters")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/staff/audit\?.*action=signin\.success"))
    expect(page.locator(".audit-action").filter(has_not_text="signin.success")).to_have_count(0)
    assert page.locator(".audit-action").count() > 0
    # htmx swapped the results in place and kept the keyboard on the button.
    expect(page.locator("#apply-filters")).to_be_focused()
    # A wrong date, typed and sent from the keyboard: the error summary takes focus.
    page.locator("#from-day").focus()
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Error: Audit log")
    assert page.locator("#from-day").input_value() == "31"
    assert page.locator("#action").input_value() == "signin.success"
    # The summary's link takes the keyboard to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#from-day")).to_be_focused()
    page.context.close()
