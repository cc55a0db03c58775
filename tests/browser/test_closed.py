"""The "not open right now" page of a closed consultation, with axe, on a phone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page
from tests.browser.seed import CLOSED_SLUG

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
HEADINGS = {"en": "This is not open right now", "ur": "یہ ابھی کھلا نہیں ہے"}
TITLES = {"en": "Summer holidays", "ur": "گرمیوں کی چھٹیاں"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", HEADINGS)
def test_closed_consultation(browser: Browser, live_server: LiveServer, lang: str, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], lang)
    for path in (f"/c/{CLOSED_SLUG}", f"/c/{CLOSED_SLUG}/q/1"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ur" else "ltr")
        assert page.inner_text("h1").strip() == HEADINGS[lang]
        assert page.title().startswith(HEADINGS[lang])
        main = page.locator("main")
        assert TITLES[lang] in main.inner_text()
        assert main.locator("form, textarea, input").count() == 0  # nothing to answer
        assert main.locator("a[href='/tell-us']").count() == 1
        assert_accessible(page)
    if viewport == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
