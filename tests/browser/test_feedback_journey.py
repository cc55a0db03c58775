"""The feedback journey on a phone, in English and Urdu, with axe on every page,
and the whole journey again when the JavaScript never arrives.

/tell-us leads to the standing "Tell us anything" consultation (tests/browser/seed.py makes it).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import closing

import pytest
from playwright.sync_api import Browser, Route

from tests.browser.conftest import PHONE, LiveServer, assert_accessible, new_page
from voice.settings import load_settings

pytestmark = pytest.mark.browser


def min_seconds_to_send() -> int:
    """VOICE_MIN_SECONDS_TO_SEND as the live server reads it (it inherits this environment)."""
    return load_settings({**os.environ, "VOICE_SECRET_KEY": "unused"}).min_seconds_to_send


def wait_before_send(started: float) -> None:
    """Sending sooner than the setting allows would get a pretend receipt."""
    wait = min_seconds_to_send() + 0.5 - (time.monotonic() - started)
    if wait > 0:
        time.sleep(wait)


def stored_codes(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every receipt code in the live server's SQLite database, one per contribution.

    tests/browser/conftest.py keeps that database in the session's ``live*`` temporary folder.
    (Not through /track: its rate limit is shared by every browser test.)
    """
    found = sorted(tmp_path_factory.getbasetemp().glob("live[0-9]*/voice.sqlite3"))
    assert len(found) == 1, f"expected one live database, found {found}"
    with closing(sqlite3.connect(f"file:{found[0]}?mode=ro", uri=True)) as db:
        return [str(row[0]) for row in db.execute("SELECT receipt_code FROM contribution")]


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_journey_on_a_phone(
    browser: Browser, live_server: LiveServer, lang: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
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

    wait_before_send(started)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".receipt-code")
    code = page.inner_text(".receipt-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    # htmx swapped in the whole confirmation page: its title, and focus at the top of it.
    assert page.title() == page.inner_text("h1").strip() + " – Voice"
    assert page.evaluate("document.activeElement.id") == "main"
    assert "Back" not in page.inner_text("body") and stored_codes(tmp_path_factory).count(code) == 1
    assert_accessible(page)

    page.goto(f"{live_server.url}/track?code={code}")
    assert code in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{live_server.url}/track?code=nope")
    page.wait_for_selector("[data-error-summary]")
    assert_accessible(page)
    page.context.close()


def test_journey_when_the_javascript_never_arrives(
    browser: Browser, live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = new_page(browser, live_server, PHONE)
    blocked: list[str] = []

    def no_scripts(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route("**/*.js", no_scripts)
    page.goto(f"{live_server.url}/tell-us")
    page.wait_for_url(re.compile(r"/c/[a-z-]+$"))
    assert blocked and page.evaluate("typeof window.htmx") == "undefined"
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))

    # An empty answer: the form posts, and the page comes back with the error.
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("Error: ") and "Write your answer" in page.inner_text("main")
    assert_accessible(page)

    page.fill("#answer", "Nobody fixes the broken swings")
    page.click("main button[type=submit]")
    started = time.monotonic()
    page.wait_for_url(re.compile(r"/q/2$"))
    page.check("#answer-2")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    main = page.inner_text("main")
    assert "Nobody fixes the broken swings" in main and "11 to 15" in main

    wait_before_send(started)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/send$"))
    code = page.inner_text(".receipt-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code) and stored_codes(tmp_path_factory).count(code) == 1
    assert_accessible(page)
    page.context.close()
