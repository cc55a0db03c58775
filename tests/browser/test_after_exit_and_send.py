"""What the browser keeps: Back after Exit this page shows empty forms, and a reload after
a Send made by htmx still shows the receipt code."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page
from tests.browser.test_feedback_journey import wait_before_send
from tests.browser.test_retry import FIRST_QUESTION, open_first_question

pytestmark = pytest.mark.browser

SECRET = "my stepdad hits me"
CODE_RE = re.compile(r"\b[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}\b")


def continue_to_check(page: Page) -> None:
    """Continue through every page to Check your answers ("No, I will use my receipt code" is
    chosen already on the hear-back page), in any language: the button is its form's first.
    htmx moves on when its answer arrives, so wait for the address to change before pressing
    again: pressing sooner races the move."""
    for _ in range(10):
        if page.url.endswith("/check"):
            break
        before = page.url
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url, before=before: url != before, timeout=60_000)
    page.wait_for_url(re.compile(r"/check$"))


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_back_after_exit_does_not_bring_typed_words_back(
    browser: Browser, live_server: LiveServer, javascript: bool
) -> None:
    page = new_page(browser, live_server, PHONE, javascript=javascript)
    open_first_question(page, live_server)
    # A first answer sent with Continue, then words typed on the next page but not sent.
    page.fill("#answer", SECRET)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/q/2$"))
    typed_on_second = page.locator("textarea, input[type=text]")
    if typed_on_second.count():
        typed_on_second.first.fill("second secret")
    else:
        page.locator("input[type=radio]").first.check()
    page.locator(".exit-button").first.click()
    page.wait_for_url(live_server.exit_url)
    page.go_back()
    page.wait_for_load_state()
    if "/q/2" in page.url:
        for field in page.locator("textarea, input[type=text]").all():
            assert field.input_value() == ""
        for choice in page.locator("input[type=radio], input[type=checkbox]").all():
            assert not choice.is_checked()
        page.go_back()
        page.wait_for_load_state()
    if FIRST_QUESTION.search(page.url):
        expect(page.locator("#answer")).to_have_value("")
    assert SECRET not in page.content()
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reload_after_htmx_send_shows_the_receipt_again(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    open_first_question(page, live_server)
    page.fill("#answer", "More lights by the bus stop")
    started = time.monotonic()  # the draft is made by the first Continue, after this
    continue_to_check(page)
    wait_before_send(started)
    page.get_by_role("button", name="Send").click()
    # The first Send in the server's life also loads screening's word lists: allow for it.
    page.wait_for_url(re.compile(r"/sent$"), timeout=120_000)
    heading = page.locator("h1")
    expect(heading).to_have_text("Thank you. We got your answers.")
    code = CODE_RE.search(page.locator("main").inner_text())
    assert code
    # The code stays on one line, on screen, even on a 320px phone.
    shown = page.locator(".receipt-code strong")
    assert shown.evaluate("element => element.getClientRects().length") == 1
    box = shown.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert_accessible(page)
    page.reload()
    expect(heading).to_have_text("Thank you. We got your answers.")
    again = CODE_RE.search(page.locator("main").inner_text())
    assert again and again.group(0) == code.group(0)
    page.context.close()
