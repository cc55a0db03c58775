"""Layout on a small phone and in right-to-left languages: what a child reads off the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page
from tests.browser.test_retry import open_first_question

pytestmark = pytest.mark.browser

# The left edge of each group of digits, in the order they are written in the page source.
GROUP_LEFTS = """(link) => {
  const text = link.firstChild;
  const lefts = [];
  let start = 0;
  for (const group of text.data.split(" ")) {
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + group.length);
    lefts.push(range.getBoundingClientRect().left);
    start += group.length + 1;
  }
  return lefts;
}"""


def in_language(page: Page, server: LiveServer, lang: str, path: str) -> None:
    page.goto(f"{server.url}/language?lang={lang}&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_phone_numbers_read_left_to_right_in_rtl_pages(
    browser: Browser, live_server: LiveServer, lang: str
) -> None:
    page = new_page(browser, live_server, PHONE, locale=lang)
    in_language(page, live_server, lang, "/help")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    numbers = page.locator("main a.phone")
    assert numbers.count() >= 2
    for link in numbers.all():
        lefts = link.evaluate(GROUP_LEFTS)
        assert len(lefts) >= 1
        assert lefts == sorted(lefts), (link.inner_text(), lefts)  # "0800 1111", not "1111 0800"
    assert_accessible(page)
    page.context.close()


def test_skip_link_does_not_paint_the_page_yellow(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, DESKTOP)
    page.goto(f"{live_server.url}/cookies")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    background = page.locator("main").evaluate("main => getComputedStyle(main).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent"), background
    page.context.close()


def test_help_link_opens_in_a_new_tab_mid_answer(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    open_first_question(page, live_server)
    page.fill("#answer", "words I have not sent yet")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="More ways to get help (opens in new tab)").click()
    help_page = opened.value
    help_page.wait_for_load_state()
    assert help_page.url.endswith("/help")
    help_page.close()
    assert page.input_value("#answer") == "words I have not sent yet"
    page.context.close()
