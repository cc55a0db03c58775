"""The feedback journey on a phone, in English and Urdu, with axe on every page.

The live server has no consultations; /tell-us makes the standing "Tell us anything"
consultation the first time it is asked for, so this test needs no set-up of its own.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PHONE, LiveServer, assert_accessible, new_page
from voice.feedback.journey import MIN_SECONDS_TO_SEND

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_journey_on_a_phone(browser: Browser, live_server: LiveServer, lang: str) -> None:
    page = new_page(browser, live_server, PHONE, lang)
    page.goto(f"{live_server.url}/tell-us")
    page.wait_for_url(re.compile(r"/c/[a-z-]+$"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ur" else "ltr")
    assert_accessible(page)

    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    assert_accessible(page)

    # An empty answer: htmx shows the error summary in place.
    before = page.title()
    page.click("#question-page button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert page.title().endswith(before) and page.title() != before
    assert_accessible(page)

    page.fill("#answer", "The park needs more lights")
    page.click("#question-page button[type=submit]")
    started = time.monotonic()
    page.wait_for_url(re.compile(r"/q/2$"))
    assert_accessible(page)

    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    assert_accessible(page)

    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    assert "The park needs more lights" in page.inner_text("main")
    assert_accessible(page)

    wait = MIN_SECONDS_TO_SEND + 0.5 - (time.monotonic() - started)
    if wait > 0:
        time.sleep(wait)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click(no_wait_after=True)
    page.wait_for_selector(".receipt-code")
    code = page.inner_text(".receipt-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert_accessible(page)

    page.goto(f"{live_server.url}/track?code={code}")
    assert code in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{live_server.url}/track?code=nope")
    page.wait_for_selector("[data-error-summary]")
    assert_accessible(page)
    page.context.close()
