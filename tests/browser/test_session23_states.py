"""Twenty-third session, in real Chromium with axe-core at 320px and on a desktop.

Exit this page, then Back (or Reload), sends the last form again without the cookies Exit
removed (exploratory testing, twenty-second session):

- with JavaScript off, a refused answer (too long) came back with the young person's words
  in it;
- ``/track`` showed the receipt code and its progress again.

Now a form sent again without the cookies its page was shown with shows nothing it held, and
``/track``'s progress is a GET after the form (Post, Redirect, Get) with the code in a
short-lived cookie that Exit removes.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import LiveServer, made_by, new_page
from tests.browser.test_after_exit_and_send import continue_to_check
from tests.browser.test_feedback_journey import wait_before_send
from tests.browser.test_retry import FIRST_QUESTION, open_first_question
from tests.browser.test_session18_states import VIEWPORTS, checked

pytestmark = pytest.mark.browser

SECRET = "my uncle shouts at me every night"


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session23_data")


def back_after_exit(page: Page, live_server: LiveServer) -> None:
    """Exit this page, then Back; then Reload too, as someone may press it on the browser's
    "Confirm Form Resubmission" page (it sends the form again, without the cookies)."""
    page.locator(".exit-button").first.click()
    page.wait_for_url(live_server.exit_url)
    try:
        page.go_back(wait_until="commit", timeout=15_000)
    except PlaywrightError as error:  # a form's answer is not kept once Exit cleared the cache
        assert "ERR_CACHE_MISS" in str(error)
    page.wait_for_timeout(1_000)  # the browser's own error page takes its place first
    page.reload(wait_until="commit", timeout=15_000)
    page.wait_for_load_state("load", timeout=15_000)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_back_after_exit_never_shows_a_refused_answer(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], javascript=False)
    try:
        open_first_question(page, live_server)
        page.fill("#answer", (SECRET + " ") * 400)  # far longer than any answer may be
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert SECRET in page.locator("#answer").input_value()
        back_after_exit(page, live_server)
        assert SECRET not in page.content()
        assert FIRST_QUESTION.search(page.url)
        expect(page.locator("#answer")).to_have_value("")
        # axe runs through the page's JavaScript, which is off here: check the same address
        # in a page with it on.
        shown = new_page(browser, live_server, VIEWPORTS[viewport])
        shown.goto(page.url)
        expect(shown.locator("#answer")).to_have_value("")
        checked(shown, viewport)
        shown.context.close()
    finally:
        page.context.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_back_after_exit_never_shows_a_receipt_code_or_its_progress(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str, javascript: bool
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], javascript=javascript)
    code = str(made["code"])
    try:
        page.goto(f"{live_server.url}/")
        page.goto(f"{live_server.url}/track")
        page.fill("#code", code)
        page.locator("main button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/track/progress$"))
        expect(page.locator("main")).to_contain_text(code)
        if javascript:  # axe runs through the page's JavaScript
            checked(page, viewport)
        page.locator('a[hreflang="ur"]').first.click()  # a language link keeps the progress
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("main")).to_contain_text(code)
        if javascript:
            checked(page, viewport)
        back_after_exit(page, live_server)
        assert code not in page.content()
        for _ in range(3):  # every page the history still has
            page.go_back()
            page.wait_for_load_state()
            assert code not in page.content()
        page.goto(f"{live_server.url}/track")
        expect(page.locator("#code")).to_have_value("")
        if javascript:
            checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_language_chosen_in_another_tab_marks_what_htmx_shows(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    """Found by exploratory testing in the twenty-second session: after Urdu was chosen in
    another tab, htmx put Urdu words (an error, then the receipt) inside a page still marked
    English, left to right (or English inside a page marked Urdu)."""
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        open_first_question(page, live_server)
        other = page.context.new_page()
        other.goto(f"{live_server.url}/language?lang=ur&next=/")
        expect(other.locator("html")).to_have_attribute("lang", "ur")
        other.close()
        page.fill("#answer", "x" * 5_000)  # too long: the error comes back in place, in Urdu
        page.locator("#answer-form button[type=submit]").first.click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        expect(page.locator("#question-page")).to_have_attribute("lang", "ur")
        expect(page.locator("#question-page")).to_have_attribute("dir", "rtl")
        checked(page, viewport)
        page.fill("#answer", "More buses after school please")
        started = time.monotonic()  # the draft is made by the next Continue, after this
        continue_to_check(page)
        other = page.context.new_page()
        other.goto(f"{live_server.url}/language?lang=ar&next=/")
        other.close()
        wait_before_send(started)
        page.locator("main form button[type=submit]").first.click()
        expect(page.locator(".receipt-code")).to_be_visible(timeout=120_000)
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        checked(page, viewport)
    finally:
        page.context.close()
