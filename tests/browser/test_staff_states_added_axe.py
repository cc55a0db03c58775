"""This session's new staff page states in real Chromium, on a phone (320px) and a desktop,
with axe: a case that shows what was chosen, a takeover comment's dates, a professional's
words (not quotable, and why), and a question saved from a stale page (409)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    made_by,
    new_page,
    sign_in_as,
)
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.staff_states_data")


def fits(page: Page, viewport: dict[str, int]) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_case_shows_what_was_chosen(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.SAFEGUARDING_LEAD)
    page.goto(f"{live_server.url}/staff/cases/{made['case']}")
    main = page.inner_text("main")
    assert "What they chose, and said about themselves" in main and "Not safe" in main
    assert "11 to 15" in main and "No original words were kept" not in main
    assert_accessible(page)
    fits(page, VIEWPORTS[viewport])
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_takeover_comment_and_a_professionals_words(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation/{made['takeover']}")
    main = page.inner_text("main")
    assert "At the takeover event on" in main and "Added to Voice" in main
    assert_accessible(page)
    fits(page, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/staff/moderation/{made['professional']}")
    assert page.locator("#approve-quotable").count() == 0
    assert "a professional wrote it on someone's behalf" in page.inner_text("main")
    assert_accessible(page)
    fits(page, VIEWPORTS[viewport])
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_question_saved_from_a_stale_page(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    path = f"{live_server.url}/staff/consultations/{made['consultation']}/questions/{made['question']}"
    page.goto(path)
    other = page.context.new_page()
    other.goto(path)
    other.fill("#prompt_en", f"How safe is your area? ({viewport})")
    other.get_by_role("button", name="Save question").click()
    other.wait_for_url(re.compile(r"\?done=question-saved"))
    page.fill("#prompt_en", "How safe do you feel near home?")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("Error:")
    assert "Someone else saved this question after you opened it" in page.inner_text("main")
    assert page.input_value("#prompt_en") == "How safe do you feel near home?"
    assert_accessible(page)
    fits(page, VIEWPORTS[viewport])
    page.context.close()
