"""Safeguarding cases in a real browser: keyboard only, and axe on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def _tab_to(page: Page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _open_case_href(page: Page, level: str | None = None) -> str:
    """The link of the first open case not yet acknowledged (at ``level``, if given)."""
    cards = page.locator(".case-card").filter(has_text="Not acknowledged")
    if level:
        cards = cards.filter(has=page.locator(f".case-tag-{level}"))
    href = cards.first.locator("h3 a").get_attribute("href")
    assert href and re.fullmatch(r"/staff/cases/\d+", href), href
    return href


def test_a_lead_takes_a_case_from_the_list_to_closed_keyboard_only(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.SAFEGUARDING_LEAD)

    # Staff home -> Safeguarding cases, by keyboard.
    _tab_to(page, 'main a[href="/staff/cases"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/cases")
    href = _open_case_href(page, "concern")
    _tab_to(page, f'main a[href="{href}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{href}")
    assert page.locator("h1").inner_text() == f"Case {href.rsplit('/', 1)[1]}"
    assert page.locator(".case-original").inner_text().strip()
    assert "This contribution is anonymous" in page.locator("main").inner_text()

    _tab_to(page, "#acknowledge")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?saved=acknowledged$"))

    # Save the decision with nothing chosen: the error summary takes focus.
    _tab_to(page, 'form[action$="/decision"] button[type=submit]')
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.title().startswith("Error: ")

    # The summary's first link goes to the decision radios; choose with Space, then type.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#decision"
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "decision":
        _tab_to(page, "#decision")
    page.keyboard.press("Space")
    assert page.is_checked("#decision")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "reasoning"
    page.keyboard.type("Bullying on the way home; spoke to the front door.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "referral_reference"
    page.keyboard.type("FD-2026-0107")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?saved=decision$"))

    _tab_to(page, "#outcome")
    page.keyboard.type("School and family support worker are following it up.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save outcome"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r".*\?saved=outcome$"))

    _tab_to(page, "#sign-off")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?saved=signed_off$"))

    _tab_to(page, "#close")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?saved=closed$"))
    main = page.locator("main").inner_text()
    assert "This case is closed." in main and "FD-2026-0107" in main
    assert page.locator("main form").count() == 0
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_case_pages_are_accessible(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.SAFEGUARDING_LEAD)
    assert_accessible(page)  # staff home with the case summary

    page.goto(f"{live_server.url}/staff/cases")
    assert_accessible(page)
    href = _open_case_href(page)

    page.goto(f"{live_server.url}{href}")
    assert_accessible(page)

    # Error state: closing an incomplete case lists what is missing.
    page.click("#close")
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Error: ")
    assert page.locator(".error-summary li").count() >= 5
    assert_accessible(page)

    # Error state of raising a case by hand (the form a moderator sends from the moderation page;
    # only moderators and admins may raise one).
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"]
    page.context.close()
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    with page.expect_navigation():
        page.evaluate(
            """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = "/staff/cases/raise";
            const token = document.querySelector("input[name=csrf_token]").value;
            const fields = [["csrf_token", token], ["contribution_id", ""], ["note", ""]];
            for (const [name, value] of fields) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }"""
        )
    page.wait_for_selector("h1:has-text('Raise a safeguarding case')")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"]
    page.context.close()


def test_the_moderator_sees_only_a_count(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    sign_in_as(page, live_server, Role.MODERATOR)
    main = page.locator("main").inner_text()
    assert re.search(r"\d+ possible disclosures? (is|are) with the safeguarding leads\.", main)
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/staff/cases")
    assert response is not None and response.status == 403
    page.context.close()
