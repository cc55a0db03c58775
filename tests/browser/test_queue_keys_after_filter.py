"""After a filter changes the queue in place, "j" starts again from the first row of the new
list (it used to carry on from the old list's place)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, LiveServer, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser


def test_j_starts_from_the_top_of_a_filtered_list(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation?status=all")
    page.wait_for_selector(".queue-open")
    rows = page.locator("#queue-body .is-current")
    page.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("j")
    expect(rows).to_have_count(1)
    with page.expect_response(lambda response: "/staff/moderation" in response.url):
        page.select_option("#filter-status", "to_do")
    page.wait_for_load_state("networkidle")
    page.locator("h1").click()
    page.keyboard.press("j")
    first = page.locator("#queue-body tbody tr, #queue-body li, #queue-body .queue-row").first
    expect(first).to_have_class(re.compile(r"\bis-current\b"))
    page.context.close()
