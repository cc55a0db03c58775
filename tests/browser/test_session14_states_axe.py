"""The fourteenth session's new page states in real Chromium, on a phone (320px) and a desktop,
with axe: hear-back details on a contribution, a priority keeping a disclosure's words off the
page, "Mark as being read" from a stale page (409), the wrong-method page, a finished year's
empty report, the notice that shows words kept after the answers ran out, and (eighteenth
session) the one for an answer saved with no journey cookie ("We saved your answer")."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

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
    return made_by(live_server, "tests.browser.session14_data")


def checked(page: Page, viewport: str) -> None:
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_hear_back_details_on_a_contribution(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation/{made['hear_back']}")
    assert "Yes, by email." in page.inner_text("main")
    assert "skater.kid@example.org" not in page.inner_text("main")
    checked(page, viewport)
    page.get_by_role("link", name="Show their email address").click()
    page.wait_for_selector("#contact-value")
    assert "skater.kid@example.org" in page.inner_text("#contact-value")
    checked(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_priority_keeps_a_disclosures_words_off_the_page(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ANALYST)
    page.goto(f"{live_server.url}/staff/priorities/{made['priority']}")
    main = page.inner_text("main")
    assert "More buses after youth club please" in main and "carries bags" not in main
    # Analysts see nothing of safeguarding cases, not even that one was raised.
    assert "Its words are not shown here." in main and "safeguarding case" not in main
    checked(page, viewport)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_mark_as_being_read_from_a_stale_page(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ADMIN)
    path = f"{live_server.url}/staff/moderation/{made['stale_' + viewport]}"
    page.goto(path)
    stale = new_page(browser, live_server, VIEWPORTS[viewport])  # a second moderator
    sign_in_as(stale, live_server, Role.MODERATOR)
    stale.goto(path)
    page.get_by_role("button", name="Approve").first.click()
    page.wait_for_load_state()
    stale.get_by_role("button", name="Mark as being read").click()
    stale.wait_for_selector("[data-error-summary]")
    assert stale.title().startswith("Error:")
    assert "Your “Mark as being read” was not saved." in stale.inner_text("main")
    checked(stale, viewport)
    stale.context.close()
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["en", "ur"])
def test_public_states(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str, language: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/language?lang={language}&next=/help")
    response = page.goto(f"{live_server.url}/c/{made['slug']}/q/1/language")
    assert response is not None and response.status == 405
    checked(page, viewport)
    page.goto(f"{live_server.url}/report/2025")
    checked(page, viewport)
    # The answers run out just before Continue on question 2: the journey cookie is still
    # there, but no answers are kept behind it any more (as when they expire).
    slug = made["slug"]
    page.goto(f"{live_server.url}/c/{slug}/q/1")
    page.locator("input[type=radio]").first.check()
    page.locator("form button[type=submit].button").first.click()
    page.wait_for_url(f"{live_server.url}/c/{slug}/q/2")
    page.fill("#answer", "A lit path by the pond")
    page.context.clear_cookies(name="voice_journey")
    gone = f"expired-{secrets.token_urlsafe(8)}"  # a cookie with no answers behind it
    page.context.add_cookies([{"name": "voice_journey", "value": gone, "url": live_server.url}])
    page.locator("form button[type=submit].button").first.click()
    page.wait_for_url(f"{live_server.url}/c/{slug}?lost=1")
    assert "A lit path by the pond" in page.inner_text(".kept-words")
    checked(page, viewport)
    # With no journey cookie at all (cleared, or a first visit by a link to question 2), the
    # answer is saved and the start page says so.
    page.goto(f"{live_server.url}/c/{slug}/q/2")
    page.fill("#answer", "More benches by the pond")
    page.context.clear_cookies(name="voice_journey")
    page.locator("form button[type=submit].button").first.click()
    page.wait_for_url(f"{live_server.url}/c/{slug}?later=1")
    expect(page.locator("main .notice[role=status]").first).to_be_visible()
    assert page.locator(".kept-words").count() == 0
    checked(page, viewport)
    page.context.close()


def test_continue_with_javascript_loads_the_next_question_as_a_new_page(
    browser: Browser, live_server: LiveServer, made: dict[str, object]
) -> None:
    """htmx answers a good Continue with HX-Redirect, a whole page load: screen readers announce
    the new page and its title, as without JavaScript (the page is not swapped in place)."""
    page = new_page(browser, live_server, PHONE)
    slug = made["slug"]
    page.goto(f"{live_server.url}/c/{slug}/q/1")
    page.evaluate("window.voiceSamePage = true")
    page.locator("input[type=radio]").first.check()
    page.locator("form button[type=submit].button").first.click()
    page.wait_for_url(f"{live_server.url}/c/{slug}/q/2")
    page.wait_for_load_state()
    assert page.evaluate("window.voiceSamePage === undefined")
    assert page.title().startswith("What would make it safer?")
    page.context.close()
