"""Fixes from the public-side review, in real Chromium with axe-core at 320px and on a desktop.

- #4  With JavaScript, a refused CSRF token (cookies cleared, a new secret key) says so in the
      page's alert region, keeps the words, and the next press works (Continue and Send).
- #5  Without JavaScript, the same refusal shows the question again with the words in it.
- #10 Changing language on a question or hear-back page keeps the unsent words (and an error
      that was showing); Enter in a field still means Continue, not a change of language.
- #11 After a failed Continue, focus is back on the button, not on <body>.
- #12 Choice questions and hear-back show the retry message when the connection drops.
- #13 An error-summary link shows the field's question (legend or label), not just the field.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    new_page,
    open_consultation,
    sign_in_as,
)
from tests.browser.test_feedback_journey import wait_before_send
from tests.browser.test_leftover_states import assert_accessible_without_javascript
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
ANSWER = "Half of a long story about home"
RETRY = "We could not send that. Check your signal and try again. Your answer is still here."
NOT_SAVED = "We could not save that. Press Continue again."
NOT_SAVED_NO_COOKIE = "We could not save that. Your phone or browser may be blocking cookies."
NOT_SENT = "We could not send that. Press Send again."
CHOICE_SLUG = "review-fixes-a-choice"
Q1 = re.compile(r"/c/tell-us-anything/q/1$")
Q2 = re.compile(r"/c/tell-us-anything/q/2$")


def first_question(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/c/tell-us-anything/q/1")


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    assert box is not None
    return box["y"] >= -1 and box["y"] + min(box["height"], 40) <= page.viewport_size["height"]  # type: ignore[index]


@pytest.fixture(scope="module")
def choice_question(browser: Browser, live_server: LiveServer) -> Iterator[str]:
    """A consultation whose first question is a required single choice; yields its address."""
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)
    detail = open_consultation(page, live_server, CHOICE_SLUG, {"en": "Our parks"})
    page.goto(f"{detail}/questions/new?choose=1&kind=single_choice")
    page.fill("#prompt_en", "Which park do you like best?")
    page.check("#required")
    page.fill("#options-0-label_en", "Roundhay")
    page.fill("#options-1-label_en", "Potternewton")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    page.context.close()
    yield f"{live_server.url}/c/{CHOICE_SLUG}/q/1"


# --- #4 and #11: a refused token with JavaScript on -------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_refused_token_says_so_keeps_the_words_and_the_next_press_works(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    first_question(page, live_server)
    page.fill("#answer", ANSWER)
    page.context.clear_cookies()  # a cookie cleaner, or Exit in another tab
    with page.expect_response(lambda response: response.status == 403):
        page.click("#question-page button[type=submit]")
    # No cookie came back at all: the alert also says cookies may be blocked (seventeenth session).
    expect(page.locator("#question-page [role=alert].retry-message")).to_contain_text(NOT_SAVED_NO_COOKIE)
    assert page.input_value("#answer") == ANSWER
    expect(page.locator("#question-page button[type=submit]")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Enter")  # the button has focus: pressing again is one key away
    page.wait_for_url(Q2)
    started = time.monotonic()
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))

    # Send, after the secret key changed (or the cookie was replaced): the same, for Send.
    page.context.add_cookies([{"name": "voice_csrf", "value": "another-value", "url": live_server.url}])
    wait_before_send(started)
    with page.expect_response(lambda response: response.status == 403):
        page.click("main form button[type=submit]")
    expect(page.locator("main [role=alert].retry-message")).to_have_text(NOT_SENT)
    expect(page.locator("main form button[type=submit]")).to_be_focused()
    assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_selector(".receipt-code")
    page.context.close()


def test_after_a_dropped_connection_focus_is_back_on_the_button(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser, live_server, PHONE)
    first_question(page, live_server)
    page.route(Q1, lambda route: route.abort("internetdisconnected"))
    page.fill("#answer", ANSWER)
    page.focus("#question-page button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#question-page [role=alert].retry-message")).to_have_text(RETRY)
    expect(page.locator("#question-page button[type=submit]")).to_be_focused()
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.context.close()


# --- #5: a refused token without JavaScript ----------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_without_javascript_a_refused_answer_comes_back_with_its_words(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], javascript=False)
    first_question(page, live_server)
    page.fill("#answer", ANSWER)
    page.context.clear_cookies()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.click("main button[type=submit]")
    assert posted.value.status == 403
    page.wait_for_load_state()
    assert page.input_value("#answer") == ANSWER
    # No cookie came back at all, so the page also says cookies may be blocked.
    expect(page.locator("[data-error-summary]")).to_contain_text(NOT_SAVED_NO_COOKIE)
    assert "reload" not in page.inner_text("main").lower()
    assert_accessible_without_javascript(page)
    page.click("main button[type=submit]")
    page.wait_for_url(Q2)
    page.context.close()


# --- #10: changing language keeps the unsent words ---------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_changing_language_keeps_typed_words_and_the_error(
    browser: Browser, live_server: LiveServer, viewport: str, javascript: bool
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], javascript=javascript)
    first_question(page, live_server)
    urdu = page.locator("nav.languages button[lang=ur]")
    assert urdu.get_attribute("dir") == "rtl" and urdu.inner_text() == "اردو"
    expect(page.locator("nav.languages [aria-current=true]")).to_have_attribute("lang", "en")
    page.fill("#answer", ANSWER)
    urdu.click()
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    assert Q1.search(page.url)
    assert page.input_value("#answer") == ANSWER
    assert page.locator("[data-error-summary]").count() == 0
    assert (
        page.locator("nav.languages [aria-current=true]").get_attribute("lang") == "ur"
        and page.locator("html").get_attribute("dir") == "rtl"
    )
    if javascript:
        assert_accessible(page)
    else:
        assert_accessible_without_javascript(page)

    # An answer just rejected as too long: its words and its error come back in Polish.
    too_long = "y" * 2001
    page.fill("#answer", too_long)
    page.click("#question-page button[type=submit]")
    expect(page.locator("[data-error-summary]")).to_have_count(1)
    page.locator("nav.languages button[lang=pl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert page.input_value("#answer") == too_long
    expect(page.locator("[data-error-summary]")).to_contain_text("2001")
    assert page.locator("#answer").get_attribute("aria-invalid") == "true"
    if javascript:
        assert_accessible(page)
    else:
        assert_accessible_without_javascript(page)

    # Enter in the hear-back box means Continue, not the first language button.
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(Q2)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.check("#hear-back-yes")
    page.fill("#contact", "sam@example.org")
    page.locator("nav.languages button[lang=ro]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    assert page.input_value("#contact") == "sam@example.org" and page.is_checked("#hear-back-yes")
    page.press("#contact", "Enter")
    page.wait_for_url(re.compile(r"/check$"))
    assert page.locator("html").get_attribute("lang") == "ro"
    assert "sam@example.org" in page.inner_text("main")
    page.context.close()


# --- #12: retry on choice questions and hear-back ----------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_choice_question_and_hear_back_say_the_connection_dropped(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    first_question(page, live_server)
    page.fill("#answer", ANSWER)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(Q2)
    failures: list[str] = []

    def drop_once(route: Route) -> None:
        if route.request.method == "POST" and not failures:
            failures.append(route.request.url)
            route.abort("internetdisconnected")
            return
        route.continue_()

    page.route(re.compile(r"/c/tell-us-anything/(q/2|hear-back)$"), drop_once)
    page.check("#answer-1")
    page.click("#question-page button[type=submit]")
    expect(page.locator("#question-page [role=alert].retry-message")).to_have_text(RETRY)
    assert page.is_checked("#answer-1") and Q2.search(page.url)
    expect(page.locator("#question-page button[type=submit]")).to_be_focused()
    assert_accessible(page)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))

    failures.clear()
    page.check("#hear-back-yes")
    page.fill("#contact", "sam@example.org")
    page.click("#hear-back-page button[type=submit]")
    expect(page.locator("#hear-back-page [role=alert].retry-message")).to_have_text(RETRY)
    assert page.input_value("#contact") == "sam@example.org"
    assert_accessible(page)
    page.click("#hear-back-page button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    page.context.close()


# --- #13: error summary links show the question ------------------------------------------------


def test_error_summary_links_show_the_legend_and_the_label(
    browser: Browser, live_server: LiveServer, choice_question: str
) -> None:
    page = new_page(browser, live_server, PHONE)
    page.goto(choice_question)
    page.click("#question-page button[type=submit]")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.locator("a").click()
    expect(page.locator("#answer-1")).to_be_focused()
    assert in_view(page, "#question-page legend"), "the question scrolled out of view"
    assert_accessible(page)

    first_question(page, live_server)
    page.fill("#answer", "z" * 2001)
    page.click("#question-page button[type=submit]")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.locator("[data-error-summary] a").click()
    expect(page.locator("#answer")).to_be_focused()
    assert in_view(page, "label[for=answer]"), "the question scrolled out of view"
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
    page.context.close()
