"""Eighteenth session, public side, in real Chromium with axe-core at 320px and on a desktop.

- The receipt shown again: a possible disclosure's first receipt has the full "You do not have
  to deal with this alone" panel; Back, or a change of language (Urdu, right to left), shows the
  same receipt code with only the help every receipt shown again has (Childline and 999), so the
  next person on a shared phone cannot tell what was sent.
- Check your answers in Urdu, with options staff left in English: each such option carries its
  own ``lang="en"`` inside the right-to-left page; "Prefer not to say" shows as an answer.
- /track: the code is sent by the form, never in the address, and the progress page's
  languages keep it.
- Staff: the priorities list's notice for a priority with no title for young people, and the
  change form marking a theme that holds a possible disclosure and words not to be quoted.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    made_by,
    new_page,
    sign_in_as,
)
from tests.browser.test_feedback_journey import wait_before_send
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
#: Screening rates this a possible disclosure (tests/http/feedback/test_journey.py sends it too).
DISCLOSURE = "my step dad hits me and i dont want to go home"
CODE_RE = re.compile(r"[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}")

ALONE = {"en": "You do not have to deal with this alone", "ur": "آپ کو اس کا اکیلے سامنا نہیں کرنا"}
READ_SOON = "Someone from our team will read your message soon."
CHILDLINE = {
    "en": "You can talk to Childline for free, any time:",
    "ur": "آپ Childline سے کسی بھی وقت مفت بات کر سکتے ہیں:",
}
DANGER = {"en": "If you are in danger now, call", "ur": "اگر آپ ابھی خطرے میں ہیں تو اس نمبر پر کال کریں"}
THANKS = {"en": "Thank you. We got your answers.", "ur": "شکریہ۔ ہمیں آپ کے جوابات مل گئے۔"}


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session18_data")


def checked(page: Page, viewport: str) -> None:
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]


def help_panel(page: Page) -> Locator:
    return page.locator("main .notice-help")


def assert_shown_again(page: Page, code: str, lang: str) -> None:
    """The receipt shown again: the same code, and only the help every receipt shown again has."""
    expect(page.locator("h1")).to_have_text(THANKS[lang])
    assert page.inner_text(".receipt-code").strip() == code
    panel = help_panel(page)
    expect(panel).to_have_count(1)
    text = panel.inner_text()
    assert CHILDLINE[lang] in text and DANGER[lang] in text
    expect(panel.locator('a[href="tel:08001111"]')).to_have_text("0800 1111")
    expect(panel.locator('a[href="tel:999"]')).to_have_text("999")
    expect(panel.locator("h2")).to_have_count(0)
    main = page.inner_text("main")
    assert ALONE["en"] not in main and ALONE["ur"] not in main and READ_SOON not in main


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_disclosures_receipt_shown_again_has_the_same_help_as_any(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    slug = made[f"sent_again_{viewport}"]
    page.goto(f"{live_server.url}/c/{slug}")
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    page.fill("#answer", DISCLOSURE)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    started = time.monotonic()  # the draft was made by that Continue
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))
    assert DISCLOSURE in page.inner_text("main")
    wait_before_send(started)
    page.locator("main form button[type=submit]").click()
    # The first Send in the server's life also loads screening's word lists: allow for it.
    page.wait_for_url(re.compile(r"/sent$"), timeout=120_000)

    # First shown: the full help for a possible disclosure.
    expect(page.locator("h1")).to_have_text(THANKS["en"])
    code = page.inner_text(".receipt-code").strip()
    assert CODE_RE.fullmatch(code)
    panel = help_panel(page)
    expect(panel).to_have_count(1)
    expect(panel.locator("h2")).to_have_text(ALONE["en"])
    assert READ_SOON in panel.inner_text() and CHILDLINE["en"] in panel.inner_text()
    expect(panel.locator('a[href="tel:08001111"]')).to_have_count(1)
    expect(panel.locator('a[href="tel:999"]')).to_have_count(1)
    checked(page, viewport)

    # Back (the hear-back page is gone with the answers): the receipt again, neutral help.
    page.go_back()
    page.wait_for_url(re.compile(rf"/c/{slug}/sent$"))
    assert_shown_again(page, code, "en")
    checked(page, viewport)

    # Another language on it: the same receipt, right to left, the same neutral help.
    page.locator("nav.languages").get_by_role("link", name="اردو").click()
    page.wait_for_url(re.compile(rf"/c/{slug}/sent$"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    assert_shown_again(page, code, "ur")
    checked(page, viewport)

    # A reload keeps it so.
    page.reload()
    expect(html).to_have_attribute("dir", "rtl")
    assert_shown_again(page, code, "ur")
    page.context.close()


UR_PLACES = "آپ اسکول کے بعد کہاں جاتے ہیں؟"
UR_AGE = "آپ کی عمر کیا ہے؟"
PREFER_NOT = "میں نہیں بتانا چاہتا"
NOT_ANSWERED = "جواب نہیں دیا"


def check_row(page: Page, prompt: str) -> Locator:
    """The answer cell of the check page's row for ``prompt``."""
    row = page.locator(".summary-row").filter(has=page.locator("dt.summary-key", has_text=prompt))
    expect(row).to_have_count(1)
    return row.locator("dd.summary-value")


def answer_to_check(page: Page, server: LiveServer, slug: object) -> None:
    """Choose every place, then "Prefer not to say" for the age, then on to Check your answers."""
    page.goto(f"{server.url}/c/{slug}")
    page.click("a.button-start")
    page.wait_for_url(re.compile(r"/q/1$"))
    for choice in ("#answer-1", "#answer-2", "#answer-3"):
        page.check(choice)
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/q/2$"))
    page.check("#answer-none")  # "Prefer not to say"
    page.click("#question-page button[type=submit]")
    page.wait_for_url(re.compile(r"/hear-back$"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/check$"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_check_your_answers_in_urdu_marks_options_left_in_english(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], "ur")
    slug = made[f"untranslated_{viewport}"]
    page.goto(f"{live_server.url}/c/{slug}/q/1")
    # On the question page too, the English-only options are marked (the Urdu one is not).
    expect(page.locator('label[for="answer-1"]')).to_have_attribute("lang", "en")
    assert page.locator('label[for="answer-2"]').get_attribute("lang") is None
    answer_to_check(page, live_server, slug)

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    places = check_row(page, UR_PLACES)
    words = places.locator("span")
    expect(words).to_have_count(3)
    expect(words).to_have_text(["Roundhay Park", "لائبریری", "Potternewton Park"])
    for index in (0, 2):  # left in English by staff: marked as English, left to right
        expect(words.nth(index)).to_have_attribute("lang", "en")
        expect(words.nth(index)).to_have_attribute("dir", "ltr")
    assert words.nth(1).get_attribute("lang") is None  # in the page's own language
    expect(places.locator('[lang="en"]')).to_have_count(2)
    # The language the browser takes each word to be in.
    langs = words.evaluate_all("nodes => nodes.map(node => node.closest('[lang]').lang)")
    assert langs == ["en", "ur", "en"]

    # "Prefer not to say" is an answer, not a skipped question.
    age = check_row(page, UR_AGE)
    assert age.inner_text().strip() and NOT_ANSWERED not in age.inner_text()
    checked(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_prefer_not_to_say_shows_as_an_answer_on_check_your_answers(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    answer_to_check(page, live_server, made[f"untranslated_{viewport}"])
    expect(check_row(page, "How old are you?")).to_have_text("Prefer not to say")
    assert "Not answered" not in page.inner_text("main")
    # In English no option is in another language: none is marked.
    places = check_row(page, "Where do you go after school?")
    expect(places).to_have_text("Roundhay Park, The library, Potternewton Park")
    expect(places.locator("[lang]")).to_have_count(0)
    checked(page, viewport)
    page.context.close()


def test_prefer_not_to_say_on_check_your_answers_is_in_the_pages_language(
    browser: Browser, live_server: LiveServer, made: dict[str, object]
) -> None:
    page = new_page(browser, live_server, PHONE, "ur")
    try:
        answer_to_check(page, live_server, made["untranslated_phone"])
        expect(check_row(page, UR_AGE)).to_have_text(PREFER_NOT, timeout=1_000)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_track_keeps_the_code_out_of_the_address(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    code = str(made["track_code"])
    page.goto(f"{live_server.url}/track")
    page.get_by_role("textbox").fill(code.lower())
    page.get_by_role("textbox").press("Enter")
    page.wait_for_selector("ol.steps")
    # Since the twenty-third session the progress is a GET after the form, the code in a cookie.
    assert page.url == f"{live_server.url}/track/progress"
    assert page.inner_text(".receipt-inline").strip() == code
    checked(page, viewport)
    # Another language: the same progress, right to left, and still no code in the address.
    page.locator('nav.languages a[hreflang="ur"]').click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.url == f"{live_server.url}/track/progress"
    assert page.inner_text(".receipt-inline").strip() == code
    expect(page.locator("ol.steps li")).to_have_count(5)
    checked(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_priority_pages_mark_missing_titles_disclosures_and_words_not_to_quote(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/priorities")
    notice = page.locator("main .notice[role=status]")
    expect(notice).to_contain_text("no title for young people")
    card = page.locator(f"#priority-{made['priority']}")
    expect(card).to_contain_text("Not written yet:")
    checked(page, viewport)
    page.goto(f"{live_server.url}/staff/priorities/{made['priority']}/changes/new")
    form = page.inner_text("main")
    assert "1 may be a disclosure: the report for young people will not show" in form
    assert "(they did not agree to be quoted: say what they said in your own words)" in form
    checked(page, viewport)
    page.context.close()
