"""Nineteenth session, in real Chromium with axe-core at 320px and on a desktop.

- The report for young people for a year whose changes all rest on words since withdrawn: it
  says it cannot show them (in English and, right to left, in Urdu), instead of "Nothing was
  written here".
- A change whose "You said" copies words not to be quoted: the report shows what changed
  without it; the priority's page tells staff who moderate why, and hides it from analysts.
- The board's figures: such a year's change is not counted, and the page says so.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LiveServer, made_by, new_page, sign_in_as
from tests.browser.session19_data import COPIED
from tests.browser.test_session18_states import VIEWPORTS, checked
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

CANNOT_SHOW = {
    "en": "We cannot show the changes from this year.",
    "ur": "ہم اس سال کی تبدیلیاں یہاں نہیں دکھا سکتے۔",
}
WE_DID = "New lights at the bus stops on Roundhay Road."


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session19_data")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_report_says_when_it_cannot_show_a_years_changes(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str, lang: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    try:
        page.goto(f"{live_server.url}/report/{made['hidden_year']}")
        changes = page.locator("section[aria-labelledby=changes-heading]")
        expect(changes.locator("p")).to_have_text(CANNOT_SHOW[lang])
        expect(changes.locator(".card")).to_have_count(0)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ur" else "ltr")
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_you_said_copying_words_not_to_be_quoted(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        page.goto(f"{live_server.url}/report/{made['copied_year']}")
        card = page.locator("section[aria-labelledby=changes-heading] .card")
        expect(card).to_have_count(1)
        expect(card).to_contain_text(WE_DID)
        assert "You said" not in card.inner_text() and COPIED not in page.inner_text("main")
        checked(page, viewport)

        sign_in_as(page, live_server, Role.MODERATOR)
        page.goto(f"{live_server.url}/staff/priorities/{made['priority']}")
        change = page.locator("#changes .card")
        expect(change.locator("h3")).to_have_text(f"You said: {COPIED}")
        expect(change).to_contain_text("it copies the words of someone who did not agree to be quoted")
        checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_analysts_read_neither_the_copied_words_nor_the_uncounted_change(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.ANALYST)
        page.goto(f"{live_server.url}/staff/priorities/{made['priority']}")
        change = page.locator("#changes .card")
        expect(change.locator("h3")).to_have_text("A change (“You said” is not shown here)")
        assert COPIED not in change.inner_text()
        checked(page, viewport)

        page.goto(f"{live_server.url}/staff/figures?year={made['hidden_year']}")
        expect(page.locator("main .summary-list")).to_contain_text(
            "0 (1 more not counted: the report for young people cannot show them, as the words they "
            "rest on were withdrawn"
        )
        checked(page, viewport)
    finally:
        page.context.close()
