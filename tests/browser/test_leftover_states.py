"""Two page states that had only HTTP tests, in real Chromium with axe-core, on a phone (320x640)
and a desktop:

1. A form too big to read, with JavaScript switched off: a form post without the htmx header
   token may be at most 256 KB (voice/web/csrf.py), so a ~300 KB answer on a free-text question
   gets the question again, saying the answer was far too long to keep and giving the limit
   (the form has autocomplete="off", so Back would bring nothing back), in English and in
   Urdu (right to left).
2. The staff question page once people have chosen an option: that option has no Remove box,
   only the hint that says why, while an option nobody chose can still be removed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    new_page,
    open_consultation,
    sign_in_as,
)
from tests.browser.test_feedback_journey import stored_codes, wait_before_send
from voice.accounts.models import Role
from voice.web.csrf import MAX_FORM_BYTES
from voice.web.i18n import Catalogues

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
LANGS = ["en", "ur"]
CATALOGUES = Catalogues(LANGS)

FAR_TOO_LONG = (
    "Your answer was far too long, so we could not keep it. You can write up to %(num)d characters."
)

CHOSEN_SLUG = "leftover-chosen-option"
CHOSEN_HINT = "People have chosen this option, so it cannot be removed. You can change its words."


def say(lang: str, message: str) -> str:
    """``message`` as the app shows it in ``lang`` (from the same catalogues the app loads)."""
    return CATALOGUES.get(lang).gettext(message)


def assert_accessible_without_javascript(page: Page) -> None:
    """conftest's ``assert_accessible`` on a page that was loaded with JavaScript off.

    axe.run waits on timers, and timers never fire while a page's scripts are disabled, so script
    execution is switched back on for this page first, through a DevTools session of its own. That
    session's agent ignores a call that matches what it last set (scripts allowed), so it disables
    them and then allows them. Nothing is loaded again: the page's own scripts, skipped when it
    loaded, stay unrun, so axe checks the page as a browser without JavaScript shows it.
    """
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    session.send("Emulation.setScriptExecutionDisabled", {"value": False})
    assert page.evaluate("typeof window.htmx") == "undefined", "the page's own scripts ran"
    assert_accessible(page)
    session.detach()


# --- 1. the 413 page, without JavaScript --------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_too_much_to_send_without_javascript(
    browser: Browser,
    live_server: LiveServer,
    lang: str,
    viewport: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang, javascript=False)
    page.goto(f"{live_server.url}/tell-us")
    page.wait_for_url(re.compile(r"/c/[a-z-]+$"))
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    question_url = page.url
    # JavaScript really is off: htmx never ran, so Continue is a plain form post.
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert page.locator("#answer").count() == 1  # a free-text question

    huge = "x" * (300 * 1024)
    assert len(huge) > MAX_FORM_BYTES
    page.fill("#answer", huge)
    assert len(page.input_value("#answer")) == len(huge)
    before = stored_codes(tmp_path_factory)

    def the_post(response: Response) -> bool:
        return response.request.method == "POST" and response.url == question_url

    with page.expect_response(the_post) as posted:
        page.click("main button[type=submit]")
    assert posted.value.status == 413
    page.wait_for_load_state()

    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ur" else "ltr")
    assert page.url == question_url
    limit = re.search(r"\d+", page.inner_text("#answer-limit"))
    assert limit
    expected = say(lang, FAR_TOO_LONG) % {"num": int(limit.group())}
    assert (expected == FAR_TOO_LONG % {"num": int(limit.group())}) == (lang == "en")  # translated
    assert expected in page.inner_text("#answer-error")
    assert page.title().startswith(say(lang, "Error:"))
    summary_link = page.locator("[data-error-summary] a[href='#answer']")
    expect(summary_link).to_have_count(1)
    assert page.locator("#answer").get_attribute("aria-invalid") == "true"
    assert page.input_value("#answer") == ""  # said plainly: it could not be kept
    assert stored_codes(tmp_path_factory) == before
    assert_accessible_without_javascript(page)
    page.context.close()


# --- 2. the staff question page once an option has been chosen ----------------


@pytest.fixture(scope="module")
def chosen_option_question(
    browser: Browser, live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A single-choice question whose first option someone chose, made through the real pages.

    A moderator creates the consultation and question; a young person answers it and sends.
    Yields the staff address of the question.
    """
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)
    detail = open_consultation(page, live_server, CHOSEN_SLUG, {"en": "Our streets"})
    page.goto(f"{detail}/questions/new?choose=1&kind=single_choice")
    page.fill("#prompt_en", "What would make your street better?")
    page.check("#required")
    page.fill("#options-0-label_en", "More lights")
    page.fill("#options-1-label_en", "More benches")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    question_id = page.url.rsplit("#question-", 1)[1]
    page.context.close()

    young = new_page(browser, live_server, PHONE)
    young.goto(f"{live_server.url}/c/{CHOSEN_SLUG}")
    young.click("a.button-start")
    young.wait_for_url(re.compile(r"/q/1$"))
    assert young.locator("label[for=answer-1]").inner_text().strip() == "More lights"
    young.check("#answer-1")
    young.click("main button[type=submit]")
    started = time.monotonic()
    young.wait_for_url(re.compile(r"/hear-back$"))
    young.click("main button[type=submit]")
    young.wait_for_url(re.compile(r"/check$"))
    assert "More lights" in young.inner_text("main")
    wait_before_send(started)
    young.locator("main form button[type=submit]").click()
    young.wait_for_selector(".receipt-code")
    code = young.inner_text(".receipt-code").strip()
    assert stored_codes(tmp_path_factory).count(code) == 1
    young.context.close()
    yield f"{detail}/questions/{question_id}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_option_people_chose_has_no_remove_box(
    browser: Browser, live_server: LiveServer, chosen_option_question: str, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(chosen_option_question)
    assert page.locator("h1").inner_text().strip() == "Change question 1"

    rows = page.locator("fieldset.option-row")
    chosen, unchosen = rows.nth(0), rows.nth(1)
    assert chosen.locator("input[name='options-0-label_en']").input_value() == "More lights"
    assert unchosen.locator("input[name='options-1-label_en']").input_value() == "More benches"

    # The chosen option: the hint, visible, and no Remove box.
    hint = chosen.locator("p.hint", has_text="People have chosen this option")
    expect(hint).to_have_count(1)
    expect(hint).to_be_visible()
    assert hint.inner_text().strip() == CHOSEN_HINT
    assert page.locator("#options-0-remove").count() == 0
    assert chosen.get_by_role("checkbox").count() == 0
    # Its words can still be changed.
    expect(page.locator("#options-0-label_en")).to_be_editable()

    # The option nobody chose keeps its Remove box, and has no such hint.
    expect(page.locator("#options-1-remove")).to_be_visible()
    assert unchosen.locator("p.hint", has_text="People have chosen this option").count() == 0
    # Only one option on the page says people chose it.
    expect(page.get_by_text("People have chosen this option")).to_have_count(1)
    assert_accessible(page)
    page.context.close()
