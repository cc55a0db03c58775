"""Consultations in a real browser, signed in as an admin: create one with a question using the
keyboard, keep the area list, and preview it as a young person will see it. axe-core checks
every page (and the error pages) on a phone and a desktop.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def active_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.id : ''"))


def active_text(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.textContent.trim() : ''"))


def tab_to_id(page: Page, element_id: str, limit: int = 120) -> None:
    """Press Tab until the element with ``element_id`` has focus."""
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def tab_to_text(page: Page, text: str, limit: int = 120) -> None:
    """Press Tab until a link or button whose text starts with ``text`` has focus."""
    for _ in range(limit):
        if active_text(page).startswith(text):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {text!r}")


def errors_shown(page: Page) -> None:
    page.wait_for_selector("[data-error-summary]")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Error: ")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_create_a_consultation_with_the_keyboard(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/consultations")
    assert page.locator("h1").inner_text() == "Consultations"
    assert_accessible(page)

    tab_to_text(page, "Create a consultation")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/consultations/new")
    assert_accessible(page)

    # Send it empty: the error summary takes focus and every problem links to its field.
    tab_to_text(page, "Create consultation")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert active_text(page) == "Enter a web address"
    page.keyboard.press("Enter")
    assert active_id(page) == "slug"

    slug = f"safe-at-school-{viewport}"
    page.keyboard.type(slug)
    tab_to_id(page, "title_en")
    page.keyboard.type("Feeling safe at school")
    page.keyboard.press("Tab")
    assert active_id(page) == "intro_en"
    page.keyboard.type("Tell us what helps you feel safe at school.")
    page.keyboard.press("Tab")
    assert active_id(page) == "title_ur"
    assert page.locator("#title_ur").get_attribute("dir") == "rtl"
    page.keyboard.type("اسکول میں محفوظ محسوس کرنا")
    tab_to_id(page, "audience")
    page.keyboard.press("Space")
    assert page.locator("#audience").is_checked()
    # Date inputs: filled directly (their keyboard order depends on the browser's locale).
    page.fill("#opens_on", "2030-01-06")
    page.fill("#closes_on", "2030-02-28")
    page.focus("#closes_on")
    tab_to_text(page, "Create consultation")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/consultations/\d+\?done=created$"))
    assert page.locator("h1").inner_text() == "Feeling safe at school"
    assert "Draft" in page.locator("main").inner_text()
    assert_accessible(page)
    detail_url = page.url.split("?")[0]

    # Add a rating question: choose the kind with the arrow keys.
    tab_to_id(page, "kind")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.locator("input[name=kind]:checked").get_attribute("value") == "rating"
    tab_to_text(page, "Continue")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/new\?choose=1&kind=rating$"))
    assert page.locator("h1").inner_text() == "Add a question"
    assert_accessible(page)

    # A face without words is refused; what was typed stays.
    tab_to_id(page, "options-0-emoji")
    page.select_option("#options-0-emoji", "😀")
    tab_to_text(page, "Save question")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    assert page.locator("#options-0-emoji").input_value() == "😀"

    tab_to_id(page, "prompt_en")
    page.keyboard.type("How safe do you feel at school?")
    tab_to_id(page, "required")
    page.keyboard.press("Space")
    tab_to_id(page, "options-0-label_en")
    page.keyboard.type("Very safe")
    tab_to_id(page, "options-1-label_en")
    page.keyboard.type("Not safe")
    tab_to_text(page, "Save question")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    assert "How safe do you feel at school?" in page.locator(".question-list").inner_text()
    assert "Scheduled" in page.locator("main").inner_text()

    # The question editor for the saved question.
    tab_to_text(page, "Edit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/\d+$"))
    assert page.locator("h1").inner_text() == "Change question 1"
    assert_accessible(page)

    # The preview: the young person's pages, in English and Urdu, under the banner.
    page.goto(f"{detail_url}/preview")
    assert "Preview: nothing is sent" in page.locator(".preview-banner").inner_text()
    assert_accessible(page)
    tab_to_text(page, "Start now")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/preview/1\?lang=en$"))
    assert page.locator("h1").inner_text() == "How safe do you feel at school?"
    assert_accessible(page)
    tab_to_text(page, "Continue")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    page.check("#answer-1")
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/preview/hear-back\?lang=en$"))
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/preview/check\?lang=en$"))
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_selector(".receipt-code")
    assert "Nothing was sent" in page.locator(".preview-banner").inner_text()
    assert_accessible(page)

    page.goto(f"{detail_url}/preview/1?lang=ur")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".preview-banner").get_attribute("dir") == "ltr"
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_area_list(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/areas")
    assert "Chapeltown" in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to_text(page, "Add area")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)

    tab_to_id(page, "name")
    page.keyboard.type(f"Headingley {viewport}")
    tab_to_text(page, "Add area")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/areas\?done=area-added$"))
    assert f"Headingley {viewport}" in page.locator("main").inner_text()

    # Move it up with the keyboard, then stop offering it.
    tab_to_text(page, f"Move up Headingley {viewport}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"done=area-moved#area-\d+$"))
    tab_to_text(page, f"Stop offering Headingley {viewport}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"done=area-deactivated#area-\d+$"))
    assert_accessible(page)

    tab_to_text(page, f"Rename Headingley {viewport}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/areas/\d+$"))
    assert_accessible(page)
    page.fill("#name", "")
    tab_to_text(page, "Save name")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_delete_question_pages(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    """The refusal for a question people have answered (the seed answered question 1), and the
    confirm page for one nobody has answered (question 2). Nothing is deleted."""
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    page.goto(f"{live_server.url}/staff/consultations")
    page.get_by_role("link", name="Tell us anything").click()
    page.wait_for_url(re.compile(r"/staff/consultations/\d+$"))
    detail = page.url
    page.locator("a[href$='/delete']").nth(0).click()
    page.wait_for_url(re.compile(r"/questions/\d+/delete$"))
    assert page.locator("h1").inner_text() == "Delete question 1?"
    assert "cannot be deleted" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Delete question").count() == 0
    assert_accessible(page)
    page.goto(detail)
    page.locator("a[href$='/delete']").nth(1).click()
    page.wait_for_url(re.compile(r"/questions/\d+/delete$"))
    assert page.locator("h1").inner_text() == "Delete question 2?"
    assert page.get_by_role("button", name="Delete question").count() == 1
    assert_accessible(page)
    page.context.close()
