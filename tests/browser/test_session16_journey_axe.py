"""The sixteenth session's new page states in real Chromium, on a phone (320px) and a desktop,
with JavaScript on and axe: a question deleted by staff while a visitor answers it (the error
summary says so and takes focus, the words come back to copy), and the footer's Cookies link
opening in a new tab in the middle of answering, so the words typed stay."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from playwright.sync_api import Browser

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
TYPED = "The bus stop by the park is too dark at night"


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session16_data")


def delete_first_question(server: LiveServer, first: object, second: object) -> None:
    """What staff deleting the first question does: it goes, and the second moves up."""
    with closing(sqlite3.connect(server.database, timeout=10)) as db, db:
        db.execute("DELETE FROM question WHERE id = ?", (first,))
        db.execute("UPDATE question SET position = 1 WHERE id = ?", (second,))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_question_deleted_while_answering(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/c/changing-{viewport}/q/1")
    page.fill("#answer", TYPED)
    delete_first_question(live_server, made[f"{viewport}_q1"], made[f"{viewport}_q2"])
    page.get_by_role("button", name="Continue").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "The questions changed while you were answering" in summary.inner_text()
    assert page.title().startswith("Error: What works well?")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator(".kept-words").inner_text() == TYPED
    assert page.input_value("#answer") == ""  # the question now in that place, not answered
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_cookies_opens_in_a_new_tab_mid_answer(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/c/changing-{viewport}/q/1")
    page.fill("#answer", TYPED)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Cookies (opens in new tab)").click()
    cookies = opened.value
    cookies.wait_for_load_state()
    assert cookies.url.endswith("/cookies")
    cookies.close()
    assert page.input_value("#answer") == TYPED
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_case_with_no_decision_in_time(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.SAFEGUARDING_LEAD)
    page.goto(f"{live_server.url}/staff/cases")
    assert "no decision in time" in page.inner_text("main")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.goto(f"{live_server.url}/staff/cases/{made['late_case']}")
    assert "Decision overdue" in page.inner_text("main")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.context.close()
