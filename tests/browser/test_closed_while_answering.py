"""With JavaScript, a consultation that closes while someone answers shows the closed page
with their words, not an empty page (htmx would swap in a part the closed page lacks), and the
whole page moves, so the header's language choice works on it."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import (
    PHONE,
    LiveServer,
    assert_accessible,
    new_page,
    open_consultation,
    sign_in_as,
)
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

TYPED = "A man follows me home from the bus stop"


def close_now(server: LiveServer, slug: str) -> None:
    """Make the consultation's closing time pass (no staff page moves it into the past)."""
    with closing(sqlite3.connect(server.database, timeout=10)) as db, db:
        (opened,) = db.execute("SELECT opens_at FROM consultation WHERE slug = ?", (slug,)).fetchone()
        past = datetime.now(UTC) - timedelta(minutes=1)
        # written as Tortoise writes it: the same shape as the opening time beside it
        shown = past.isoformat(sep=" " if " " in str(opened) else "T")
        db.execute("UPDATE consultation SET closes_at = ? WHERE slug = ?", (shown, slug))


def test_continue_after_it_closed_shows_the_words(browser: Browser, live_server: LiveServer) -> None:
    staff = new_page(browser, live_server, PHONE)
    sign_in_as(staff, live_server, Role.ADMIN)
    detail = open_consultation(staff, live_server, "closing-soon", {"en": "Closing soon"})
    staff.goto(f"{detail}/questions/new?choose=1&kind=free_text")
    staff.fill("#prompt_en", "What would make you feel safer?")
    staff.get_by_role("button", name="Save question").click()
    staff.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    staff.context.close()

    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/c/closing-soon/q/1")
    page.fill("#answer", TYPED)
    close_now(live_server, "closing-soon")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("h1:has-text('This is not open right now')")
    assert page.title().startswith("This is not open right now")
    assert page.locator(".kept-words").inner_text() == TYPED
    assert page.locator("main a[href='/tell-us']").count() == 1
    assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
    # The whole page moved (to the start page's address): the language choice works, as links,
    # and no Back link is left from the question.
    assert page.url.endswith("/c/closing-soon")
    assert page.locator("[form='answer-form']").count() == 0 and page.locator(".back-link").count() == 0
    page.get_by_role("link", name="Polski").click()
    page.wait_for_selector("html[lang='pl']")
    assert page.locator(".kept-words").inner_text() == TYPED
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
