"""Staff words shown in another language than the page's are marked with it (English in an
Urdu page reads left to right, full stop at its end), a consultation offered only in English
says so, and the hear-back "No" hint is the radio's description. axe at 320px and desktop."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    new_page,
    sign_in_as,
)
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def _english_only_consultation(page: Page, server: LiveServer, slug: str) -> None:
    """An open consultation offered in English only, with one choice question and a hint."""
    sign_in_as(page, server, Role.ADMIN)
    page.goto(f"{server.url}/staff/consultations/new")
    page.fill("#slug", slug)
    page.fill("#title_en", f"Only in English {slug}")
    page.check("#audience")
    today = datetime.now(UTC).date()
    page.fill("#opens_on", (today - timedelta(days=1)).isoformat())
    page.fill("#closes_on", (today + timedelta(days=30)).isoformat())
    for box in page.locator("input[name=languages]").all():
        box.set_checked(box.get_attribute("value") == "en")
    page.get_by_role("button", name="Create consultation").click()
    page.wait_for_url(re.compile(r"/staff/consultations/\d+\?done=created$"))
    detail = page.url.split("?")[0]
    page.goto(f"{detail}/questions/new?choose=1&kind=single_choice")
    page.fill("#prompt_en", "Where do you feel safe?")
    page.fill("#hint_en", "Pick the one you like best.")
    page.fill("#options-0-label_en", "At home.")
    page.fill("#options-1-label_en", "At school.")
    page.get_by_role("button", name="Save question").click()
    page.wait_for_url(re.compile(r"\?done=question-added#question-\d+$"))
    page.context.clear_cookies()


def _direction(page: Page, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("element => getComputedStyle(element).direction"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_english_words_on_urdu_pages_are_marked(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    slug = f"english-only-{viewport}"
    staff = new_page(browser, live_server, VIEWPORTS[viewport])
    _english_only_consultation(staff, live_server, slug)
    staff.context.close()

    page = new_page(browser, live_server, VIEWPORTS[viewport], locale="ur")
    page.goto(f"{live_server.url}/")
    link = page.locator(f'a[href="/c/{slug}"]')
    expect(link).to_have_attribute("lang", "en")
    assert _direction(page, f'a[href="/c/{slug}"]') == "ltr"
    assert "انگریزی" in page.locator("li.card", has=link).inner_text()
    assert_accessible(page)

    page.goto(f"{live_server.url}/c/{slug}")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    assert _direction(page, "h1") == "ltr" and _direction(page, "main") == "rtl"
    assert "انگریزی" in page.locator("main").inner_text()
    assert_accessible(page)

    page.locator("a.button-start").click()
    page.wait_for_url(re.compile(rf"/c/{slug}/q/\d+$"))
    heading = page.locator("h1 span[lang=en]")
    expect(heading).to_have_text("Where do you feel safe?")
    assert _direction(page, "h1 span[lang=en]") == "ltr"
    expect(page.locator("#answer-hint")).to_have_attribute("lang", "en")
    option = page.locator("label[for=answer-1]")
    expect(option).to_have_attribute("lang", "en")
    # Laid out left to right, so the full stop stays at the end of the English words.
    assert _direction(page, "label[for=answer-1]") == "ltr"
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_hear_back_no_hint_is_the_radios_description(
    browser: Browser, live_server: LiveServer, viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    page.goto(f"{live_server.url}/tell-us")
    page.locator("a.button-start").click()
    page.fill("#answer", "More lights by the bus stop")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/(q/([2-9]|\d\d+)|hear-back)$"))  # the answer is kept
    page.goto(re.sub(r"/(q/\d+|hear-back)$", "/hear-back", page.url))
    expect(page.locator("#hear-back-no")).to_have_accessible_description(
        "We will not keep anything about you."
    )
    assert_accessible(page)
    page.context.close()
