"""The fifteenth session's new page states in real Chromium, on a phone (320px) and a desktop,
with axe: /track for words that were read and not shared, in English and in Urdu; deleting a
takeover event (asked first), and being told why one with comments stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    made_by,
    new_page,
    sign_in_as,
)
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session15_data")


@pytest.mark.parametrize("locale", ["en", "ur"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_track_says_read_and_not_shared(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str, locale: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport], locale=locale)
    page.goto(f"{live_server.url}/track")
    page.get_by_role("textbox").fill(str(made["rejected_code"]).lower())
    page.get_by_role("textbox").press("Enter")
    page.wait_for_selector("ol.steps")
    main = page.inner_text("main")
    assert len(page.locator("ol.steps li").all()) == 2
    if locale == "en":
        assert "we did not share them with the partnership this time" in main
    else:
        assert page.get_attribute("html", "dir") == "rtl"
        assert "آگے نہیں بھیجا" in main
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    assert page.outside_requests == []  # type: ignore[attr-defined]
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_deleting_a_takeover_event(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/events/{made['heard_event']}/delete")
    assert page.locator("h1").inner_text() == "Board takeover with comments cannot be deleted"
    assert_accessible(page)
    if viewport == "desktop":  # the phone's run deletes nothing: one event to delete
        page.goto(f"{live_server.url}/staff/events/{made['empty_event']}")
        page.get_by_role("link", name="Delete the event").click()
        page.wait_for_url(f"**/staff/events/{made['empty_event']}/delete")
        assert page.locator("h1").inner_text() == "Are you sure you want to delete Added by mistake?"
        assert_accessible(page)
        page.get_by_role("button", name="Delete event").click()
        page.wait_for_url("**/staff/events?done=deleted")
        assert "Event deleted." in page.inner_text("main")
        assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.context.close()
