"""Exit this page stays on screen as a long page scrolls, in every language, and never hides
what has keyboard focus (WCAG 2.2 focus not obscured)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, LiveServer, new_page

pytestmark = pytest.mark.browser

#: Public pages longer than a phone's screen.
LONG_PAGES = ("/help", "/cookies", "/exit-this-page")


UNCOVERED = """(() => {
  const element = document.activeElement;
  const r = element.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return top !== null && (element === top || element.contains(top));
})()"""


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _scrolls(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollHeight > window.innerHeight + 100"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exit_button_stays_in_view_at_the_bottom_of_a_long_page(
    browser: Browser, live_server: LiveServer, lang: str
) -> None:
    page = new_page(browser, live_server, PHONE, lang)
    for path in LONG_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert _scrolls(page), path
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("window.scrollY > 100")
        box = _box(page, ".exit-this-page .exit-button")
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (path, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (path, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.context.close()


def _tab_and_check(page: Page, key: str, presses: int) -> int:
    """Press ``key`` up to ``presses`` times; check focus is never covered; count the checks."""
    seen = 0
    for _ in range(presses):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement === document.body"):
            break
        if page.evaluate("document.activeElement.closest('.exit-this-page') !== null"):
            continue
        # What is drawn at the middle of the focused element is that element (or inside it).
        assert page.evaluate(UNCOVERED), (key, page.evaluate("document.activeElement.outerHTML"))
        seen += 1
    return seen


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tabbing_down_and_back_up_a_long_page_never_hides_focus_under_the_exit_bar(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    page.goto(f"{live_server.url}/cookies")
    assert _tab_and_check(page, "Tab", 40) >= 5
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert _tab_and_check(page, "Shift+Tab", 40) >= 5
    page.context.close()


def test_staff_pages_have_no_exit_bar(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/staff/sign-in")
    assert page.locator(".exit-this-page").count() == 0
    page.context.close()
