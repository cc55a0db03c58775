"""Feedback journey states that had only HTTP tests, in real Chromium: the confirmation shown
again after choosing another language, the "lost answers" notice, and the check page's two
notices (Send pressed too soon, nothing answered). Each on a phone (320x640) and a desktop, in
English and Urdu (right to left), with axe-core on every state; and Send by keyboard alone from
the check page with its notice.

The live server inherits this environment, so VOICE_MIN_SECONDS_TO_SEND is the setting it uses
(3 unless the environment says otherwise): sending sooner than that after the first answer
brings the check page back with "Please check your answers, then press Send again.".
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    new_page,
    open_consultation,
    sign_in_as,
)
from tests.browser.test_feedback_journey import min_seconds_to_send, stored_codes, wait_before_send
from voice.accounts.models import Role
from voice.feedback.journey import COOKIE
from voice.web.i18n import Catalogues

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
LANGS = ["en", "ur"]
OTHER = {"en": "ur", "ur": "en"}
CATALOGUES = Catalogues(LANGS)

RECEIPT = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
START = re.compile(r"/c/[a-z-]+$")
OPTIONAL_SLUG = "journey-states-optional"
ANSWER = "The skate park needs a bin"

LOST = (
    "We could not keep your answers. This happens after 2 hours, or when the browser clears them."
    " Please start again."
)
TOO_SOON = "Please check your answers, then press Send again."
NOTHING = "You have not answered any questions. Answer at least one, then press Send."


def say(lang: str, message: str) -> str:
    """``message`` as the app shows it in ``lang`` (from the same catalogues the app loads)."""
    return CATALOGUES.get(lang).gettext(message)


def title_of(heading: str) -> str:
    return f"{heading} – Voice"


def check_direction(page: Page, lang: str) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ur" else "ltr")


def main_notice(page: Page) -> str:
    """The text of the one status notice inside <main> (the footer has its own, empty, one)."""
    notices = page.locator("main").get_by_role("status")
    assert notices.count() == 1, f"expected one status notice in main on {page.url}"
    assert notices.is_visible()
    return notices.inner_text().strip()


def answer_tell_us(page: Page, server: LiveServer) -> tuple[str, float]:
    """Answer the standing consultation up to its check page, without waiting anywhere.

    Returns its slug and when the first answer was stored (Send's minimum time counts from then).
    """
    page.goto(f"{server.url}/tell-us")
    page.wait_for_url(START)
    slug = page.url.rsplit("/", 1)[1]
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/q/2$"))
    started = time.monotonic()
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    return slug, started


def restart_draft_clocks(tmp_path_factory: pytest.TempPathFactory) -> float:
    """Count the time check from each draft's last save, not its first answer.

    Send then only has to come within VOICE_MIN_SECONDS_TO_SEND of the hear-back answer
    (one page away), however slow the machine was earlier in the journey. Returns a
    monotonic time no earlier than the new start.
    """
    found = sorted(tmp_path_factory.getbasetemp().glob("live[0-9]*/voice.sqlite3"))
    assert len(found) == 1, f"expected one live database, found {found}"
    with closing(sqlite3.connect(found[0], timeout=10)) as db, db:
        db.execute("UPDATE journey_draft SET created_at = updated_at")
    return time.monotonic()


def send_too_soon(page: Page, server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> float:
    """Reach the check page and press Send at once: the page comes back with the notice."""
    seconds = min_seconds_to_send()
    if seconds <= 0:
        pytest.skip("VOICE_MIN_SECONDS_TO_SEND is 0 here: Send is never too soon")
    answer_tell_us(page, server)
    started = restart_draft_clocks(tmp_path_factory)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("main [role=status], .receipt-code")
    assert page.locator(".receipt-code").count() == 0, (
        f"Send was not too soon: the journey took longer than VOICE_MIN_SECONDS_TO_SEND ({seconds})"
    )
    return started


def send(page: Page) -> str:
    """Press Send on the check page; the receipt code on the confirmation."""
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".receipt-code")
    code = page.inner_text(".receipt-code").strip()
    assert RECEIPT.fullmatch(code), code
    return code


@pytest.fixture(scope="module")
def optional_consultation(browser: Browser, live_server: LiveServer) -> Iterator[str]:
    """An open consultation whose only question may be skipped, made through the staff pages."""
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.ADMIN)
    detail = open_consultation(page, live_server, OPTIONAL_SLUG, {"en": "Anything else?", "ur": "کچھ اور؟"})
    page.goto(f"{detail}/questions/new?choose=1&kind=free_text")
    page.fill("#prompt_en", "Is there anything else you want to tell us?")
    page.fill("#prompt_ur", "کیا آپ ہمیں کچھ اور بتانا چاہتے ہیں؟")
    page.uncheck("#required")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    page.context.close()
    yield OPTIONAL_SLUG


# --- 1. the confirmation again, after choosing another language -------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_confirmation_again_in_another_language(
    browser: Browser,
    live_server: LiveServer,
    lang: str,
    viewport: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Sent in one language, then the language link on the confirmation: the same receipt in ``lang``."""
    page = new_page(browser, live_server, VIEWPORTS[viewport], OTHER[lang])
    slug, started = answer_tell_us(page, live_server)
    wait_before_send(started)
    code = send(page)

    # The confirmation's own language link leads to /c/<slug>/sent (Send was a form post).
    link = page.locator(f"nav.languages a[hreflang={lang}]")
    assert f"/c/{slug}/sent" in (link.get_attribute("href") or "").replace("%2F", "/")
    link.click()
    page.wait_for_url(f"{live_server.url}/c/{slug}/sent")
    check_direction(page, lang)
    heading = say(lang, "Thank you. We got your answers.")
    assert page.locator("h1").inner_text().strip() == heading
    assert page.title() == title_of(heading)
    assert page.inner_text(".receipt-code").strip() == code
    assert page.locator("main form").count() == 0 and page.locator(".back-link").count() == 0
    assert_accessible(page)

    # Opened again by its address: still the same code, and still only one contribution.
    page.goto(f"{live_server.url}/c/{slug}/sent")
    assert page.inner_text(".receipt-code").strip() == code
    assert stored_codes(tmp_path_factory).count(code) == 1
    page.context.close()


# --- 2. the start page after the answers were lost ---------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_lost_answers_notice(browser: Browser, live_server: LiveServer, lang: str, viewport: str) -> None:
    """Answers started, the journey cookie gone, Continue pressed: the start page says why."""
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    page.goto(f"{live_server.url}/tell-us")
    page.wait_for_url(START)
    slug = page.url.rsplit("/", 1)[1]
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/q/2$"))
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    assert COOKIE in [cookie["name"] for cookie in page.context.cookies(live_server.url)]

    page.context.clear_cookies(name=COOKIE)  # as a browser that clears its cookies would
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/c/{slug}?lost=1")
    check_direction(page, lang)
    assert main_notice(page) == say(lang, LOST)
    # The notice is a status message under the page's one heading, before the start button.
    assert page.locator("h1").count() == 1
    order = page.evaluate(
        "() => { const n = document.querySelector('main [role=status]');"
        " const h = document.querySelector('main h1'); const b = document.querySelector('a.button-start');"
        " return [h.compareDocumentPosition(n) & 4, n.compareDocumentPosition(b) & 4]; }"
    )
    assert order == [4, 4]
    assert page.get_by_role("link", name=say(lang, "Start now")).is_visible()
    assert_accessible(page)

    # Starting again really does start from nothing.
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    assert page.locator("#answer").input_value() == ""
    page.context.close()


# --- 3a. the check page after Send was pressed too soon ----------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_send_too_soon_notice(
    browser: Browser,
    live_server: LiveServer,
    lang: str,
    viewport: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    before = stored_codes(tmp_path_factory)
    send_too_soon(page, live_server, tmp_path_factory)
    check_direction(page, lang)
    heading = say(lang, "Check your answers")
    assert page.locator("h1").inner_text().strip() == heading
    assert page.title() == title_of(heading)
    assert main_notice(page) == say(lang, TOO_SOON)
    # Nothing was lost and nothing was stored; focus went to the top of the new page.
    assert ANSWER in page.inner_text("main")
    expect(page.locator("#main")).to_be_focused()
    assert stored_codes(tmp_path_factory) == before
    assert_accessible(page)
    page.context.close()


# --- 3b. the check page when every question was skipped ----------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_answered_notice(
    browser: Browser,
    live_server: LiveServer,
    optional_consultation: str,
    lang: str,
    viewport: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    page.goto(f"{live_server.url}/c/{optional_consultation}")
    check_direction(page, lang)
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    page.click("#question-page button[type=submit]")  # skipped: it is optional
    page.wait_for_url(re.compile(r"/hear-back$"))
    started = time.monotonic()
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))

    heading = say(lang, "Check your answers")
    assert page.locator("h1").inner_text().strip() == heading
    assert main_notice(page) == say(lang, NOTHING)
    assert say(lang, "Not answered") in page.inner_text(".summary-list")
    assert_accessible(page)

    # Send anyway (late enough not to be too soon): no receipt, the same notice again.
    before = stored_codes(tmp_path_factory)
    wait_before_send(started)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#main")).to_be_focused()
    assert page.locator(".receipt-code").count() == 0
    assert page.locator("h1").inner_text().strip() == heading
    assert main_notice(page) == say(lang, NOTHING)
    assert stored_codes(tmp_path_factory) == before
    assert_accessible(page)
    page.context.close()


# --- 4. Send by keyboard from the check page with its notice -----------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_send_after_the_notice(
    browser: Browser,
    live_server: LiveServer,
    lang: str,
    viewport: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    started = send_too_soon(page, live_server, tmp_path_factory)
    assert main_notice(page) == say(lang, TOO_SOON)
    expect(page.locator("#main")).to_be_focused()

    label = say(lang, "Send")
    visited: list[str] = []
    for _ in range(40):
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e ? [e.tagName, e.id, e.getAttribute('type') || '', e.textContent.trim()] : null; }"
        )
        visited.append(f"{focused[0]}#{focused[1]}")
        if focused[0] == "BUTTON" and focused[2:] == ["submit", label]:
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"Tab never reached the {label!r} button: {visited}")
    assert page.evaluate("document.activeElement.form.getAttribute('action')").endswith("/send")
    # The hidden honeypot field is never a stop on the way.
    assert "INPUT#website" not in visited

    wait_before_send(started)
    page.keyboard.press("Enter")
    page.wait_for_selector(".receipt-code")
    code = page.inner_text(".receipt-code").strip()
    assert RECEIPT.fullmatch(code), code
    assert page.locator("h1").inner_text().strip() == say(lang, "Thank you. We got your answers.")
    assert stored_codes(tmp_path_factory).count(code) == 1
    assert_accessible(page)
    page.context.close()
