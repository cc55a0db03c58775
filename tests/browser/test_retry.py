"""A dropped connection with JavaScript on: a clear message, nothing typed is lost, and a retry works.

Playwright makes requests fail on purpose: ``route.abort()`` is a network error (htmx's
``htmx:sendError``), a 503 is a server error (``htmx:responseError``), and
``route.fetch()`` then ``route.abort()`` lets the server store the answers but loses its reply.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page
from tests.browser.test_feedback_journey import stored_codes, wait_before_send

pytestmark = pytest.mark.browser

RETRY = {
    "en": "We could not send that. Check your signal and try again. Your answer is still here.",
    "ur": "ہم اسے نہیں بھیج سکے۔ اپنا سگنل چیک کریں اور دوبارہ کوشش کریں۔ آپ کا جواب ابھی یہیں ہے۔",
}
ANSWER = "The bus shelter has no light"
FIRST_QUESTION = re.compile(r"/c/[a-z-]+/q/1$")


def open_first_question(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/tell-us")
    page.wait_for_url(re.compile(r"/c/[a-z-]+$"))
    page.click("a.button-start")
    page.wait_for_url(FIRST_QUESTION)


def fail_first_post(page: Page, pattern: re.Pattern[str], how: str) -> list[str]:
    """Make the first POST to ``pattern`` fail; later ones go through."""
    failures: list[str] = []

    def handler(route: Route) -> None:
        if route.request.method == "POST" and not failures:
            failures.append(route.request.url)
            if how == "network":
                route.abort("internetdisconnected")
            else:
                route.fulfill(status=503, body="Service Unavailable", content_type="text/plain")
            return
        route.continue_()

    page.route(pattern, handler)
    return failures


def assert_message_and_answer_kept(page: Page, lang: str) -> None:
    message = page.locator("#question-page [role=alert].retry-message")
    expect(message).to_have_text(RETRY[lang])
    assert page.input_value("#answer") == ANSWER
    expect(page.locator("#question-page button[type=submit]")).to_be_enabled()
    assert FIRST_QUESTION.search(page.url)


@pytest.mark.parametrize(("lang", "viewport"), [("en", PHONE), ("ur", DESKTOP)])
def test_dropped_connection_keeps_the_answer_and_a_retry_finishes(
    browser: Browser,
    live_server: LiveServer,
    lang: str,
    viewport: dict[str, int],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page(browser, live_server, viewport, lang)
    open_first_question(page, live_server)
    failures = fail_first_post(page, FIRST_QUESTION, "network")
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    assert_message_and_answer_kept(page, lang)
    assert len(failures) == 1
    assert_accessible(page)

    # The signal is back: the same button, pressed again, moves on.
    page.click("#question-page button[type=submit]")
    started = time.monotonic()
    page.wait_for_url(re.compile(r"/q/2$"))
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    assert ANSWER in page.inner_text("main")

    # Send reaches the server, which stores the answers, but its reply is lost on the way back.
    replies: list[str] = []

    def lose_the_reply(route: Route) -> None:
        if not replies:
            replies.append(route.fetch().text())
            route.abort("connectionreset")
            return
        route.continue_()

    page.route(re.compile(r"/c/[a-z-]+/send$"), lose_the_reply)
    before = stored_codes(tmp_path_factory)
    wait_before_send(started)
    page.click("main form button[type=submit]")
    # The server answers before the reply is lost; a first Send in the server's life also
    # loads screening's word lists, which takes many seconds on a busy machine.
    expect(page.locator("main [role=alert].retry-message")).to_have_text(RETRY[lang], timeout=90_000)
    assert re.search(r"/check$", page.url)
    first_code = re.search(r'class="receipt-code"><strong>([A-Z0-9-]+)</strong>', replies[0])
    assert first_code, "the server did not store the answers"
    assert_accessible(page)

    # Send again: the same receipt, and still one contribution.
    page.click("main form button[type=submit]")
    page.wait_for_selector(".receipt-code")
    assert page.inner_text(".receipt-code").strip() == first_code.group(1)
    after = stored_codes(tmp_path_factory)
    assert len(after) == len(before) + 1 and after.count(first_code.group(1)) == 1
    assert_accessible(page)
    page.context.close()


def test_server_error_keeps_the_answer(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    open_first_question(page, live_server)
    fail_first_post(page, FIRST_QUESTION, "server")
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    assert_message_and_answer_kept(page, "en")
    # A second failure says it again; the message is cleared while the request is on its way.
    page.unroute(FIRST_QUESTION)
    page.route(FIRST_QUESTION, lambda route: route.abort("internetdisconnected"))
    page.click("#question-page button[type=submit]")
    assert_message_and_answer_kept(page, "en")
    page.unroute(FIRST_QUESTION)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/q/2$"))
    page.context.close()


def test_far_too_much_text_says_so_and_keeps_it(browser: Browser, live_server: LiveServer) -> None:
    """Over the 1 MB cap for htmx requests the server answers 413: say so, keep the text."""
    page = new_page(browser, live_server, PHONE)
    open_first_question(page, live_server)
    huge = "x" * (1100 * 1024)
    page.eval_on_selector("#answer", "(box, text) => { box.value = text; }", huge)
    with page.expect_response(lambda response: response.status == 413):
        page.click("#question-page button[type=submit]")
    message = page.locator("#question-page [role=alert].retry-message")
    too_much = "That was too much to send. Please make your answer shorter. It is still here."
    expect(message).to_have_text(too_much)
    assert len(page.input_value("#answer")) == len(huge)
    expect(page.locator("#question-page button[type=submit]")).to_be_enabled()
    assert FIRST_QUESTION.search(page.url)
    assert_accessible(page)
    page.context.close()
