"""'Change your password' in a real browser: an admin gives a new account a temporary password,
the person signs in, is sent to change it, and every state of the page passes axe at phone
and desktop sizes with no sideways scrolling.

The account is made here through the admin pages, so the seeded accounts other browser tests
sign in with keep their password.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
FIRST = "first password 2026"
TEMPORARY = "kettle orange maple 42"
THEIR_OWN = "plum tractor violin seven"


def _check(page: Page, viewport: dict[str, int]) -> None:
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (page.url, width)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_change_password_after_a_temporary_one(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    size = VIEWPORTS[viewport]
    email = f"password-{viewport}@voice.test"
    admin = new_page(browser, live_server, size)
    sign_in_as(admin, live_server, Role.ADMIN)
    # The header link is there for the admin too.
    expect(admin.locator(".staff-nav a", has_text="Change your password")).to_have_attribute(
        "href", "/staff/password"
    )
    admin.goto(f"{live_server.url}/staff/accounts/new")
    admin.fill("#display_name", f"Pat {viewport}")
    admin.fill("#email", email)
    admin.check("input[name=role][value=analyst]")
    admin.fill("#password", FIRST)
    admin.click("main button[type=submit]")
    admin.wait_for_url(re.compile(r".*/staff/accounts\?created=\d+$"))
    admin.locator(".staff-account-name a", has_text=f"Pat {viewport}").click()
    admin.wait_for_url(re.compile(r".*/staff/accounts/\d+$"))
    admin.fill("#temporary_password", TEMPORARY)
    _check(admin, size)
    admin.get_by_role("button", name="Set temporary password").click()
    admin.wait_for_url(re.compile(r".*/staff/accounts\?password_set=\d+$"))
    expect(admin.locator("main [role=status]")).to_contain_text(f"Temporary password set for {email}.")
    admin.context.close()

    page = new_page(browser, live_server, size)
    page.goto(f"{live_server.url}/staff/sign-in")
    page.fill("#email", email)
    page.fill("#password", TEMPORARY)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/password")
    assert page.locator("h1").inner_text() == "Change your password"
    expect(page.locator("main")).to_contain_text("An admin gave you a temporary password.")
    _check(page, size)
    # Other staff pages send them back until they choose their own password.
    page.goto(f"{live_server.url}/staff/figures")
    page.wait_for_url(f"{live_server.url}/staff/password")
    # Two different new passwords: the error summary takes focus and links to the field.
    page.fill("#current_password", TEMPORARY)
    page.fill("#new_password", THEIR_OWN)
    page.fill("#confirm_password", THEIR_OWN + "!")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Error: Change your password")
    expect(page.locator("#confirm_password")).to_have_attribute("aria-invalid", "true")
    assert page.locator("#new_password").input_value() == ""  # passwords are never sent back
    _check(page, size)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#confirm_password")).to_be_focused()
    page.fill("#current_password", TEMPORARY)
    page.fill("#new_password", THEIR_OWN)
    page.fill("#confirm_password", THEIR_OWN)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url(f"{live_server.url}/staff/password?changed=1")
    expect(page.locator("main [role=status]")).to_contain_text("Your password has been changed.")
    _check(page, size)
    page.get_by_role("link", name="Go to staff home").click()
    page.wait_for_url(f"{live_server.url}/staff")
    page.goto(f"{live_server.url}/staff/figures")
    assert page.url == f"{live_server.url}/staff/figures"
    page.context.close()
