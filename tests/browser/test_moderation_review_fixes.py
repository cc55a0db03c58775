"""The moderation workbench after the staff-side review, in real Chromium with axe at 320px and
desktop: queue filters with htmx, the "a" shortcut and open safeguarding cases, selecting words
after emoji, redaction errors, contributors' languages and suggestions on an approved item.

Each test adds its own contributions (as lived-experience stories), so it does not depend on
what other tests left in the shared live server.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
URGENT = "my dad hits me every night and i am scared to go home tonight"


def add_story(
    page: Page, server: LiveServer, words: str, language: str = "en", quotable: bool = False
) -> str:
    """Add a lived-experience story through the staff form; returns its contribution id."""
    page.goto(f"{server.url}/staff/stories/new")
    page.fill("#words", words)
    page.select_option("#language", language)
    page.locator("input[name=respondent]").first.check()
    consent = page.locator("input[name=consent]")
    (consent.last if quotable else consent.first).check()
    # The live server builds its screening word lists on first use, which on a busy machine
    # can take longer than a click waits for: wait for the page itself instead.
    page.get_by_role("button", name="Add story").click(no_wait_after=True)
    page.wait_for_url(re.compile(r"/staff/moderation/\d+\?done=entered$"), timeout=120_000)
    found = re.search(r"/staff/moderation/(\d+)", page.url)
    assert found
    return found.group(1)


def settled(page: Page) -> None:
    """Wait until htmx has finished the last swap. It pushes the new address before it swaps,
    and the swapped-in form only listens for changes once the swap has settled (20 ms later):
    a change made in between is lost, which is what made this test fail now and then."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def _option(page: Page, select: str, value: str) -> str:
    return page.locator(f"{select} option[value='{value}']").inner_text()


@VIEWPORTS
def test_queue_filters_with_javascript_keep_counts_errors_and_announce(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    page.goto(f"{live_server.url}/staff/moderation")
    page.wait_for_selector("h1")

    page.select_option("#filter-status", "approved")
    expect(page.locator("#results-heading")).to_contain_text("approved")
    page.wait_for_url(re.compile(r"status=approved"))
    expect(page.locator("#queue-status")).to_have_text(page.locator("#results-heading").inner_text() + ".")
    shown = {name: _option(page, "#filter-level", name) for name in ("urgent", "concern", "none")}
    kinds = {
        name: _option(page, "#filter-kind", name) for name in ("feedback", "takeover", "lived_experience")
    }
    assert_accessible(page)
    page.reload()  # what the same address shows without htmx
    page.wait_for_selector("h1")
    assert {name: _option(page, "#filter-level", name) for name in shown} == shown
    assert {name: _option(page, "#filter-kind", name) for name in kinds} == kinds

    page.fill("#filter-from", "2026-11-22")
    page.wait_for_url(re.compile(r"from=2026-11-22"))
    settled(page)
    page.fill("#filter-to", "2026-11-01")
    summary = page.locator("[data-error-summary]")
    # With every other browser test's contributions in the queue this page can be slow.
    message = "The 'to' date must be the same as or after the 'from' date"
    expect(summary).to_contain_text(message, timeout=30_000)
    expect(page).to_have_title(re.compile(r"^Error: Moderation queue"))
    expect(page.locator("#filter-to")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#queue-status")).to_contain_text("There is a problem")
    assert page.locator("#queue-errors").count() == 1 and summary.count() == 1
    assert_accessible(page)

    settled(page)
    page.fill("#filter-to", "2026-11-30")
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^Moderation queue"))
    page.context.close()


def test_the_a_shortcut_refuses_an_open_safeguarding_case_and_updates_counts(
    browser: Browser, live_server: LiveServer
) -> None:
    page = new_page(browser, live_server, DESKTOP)
    sign_in_as(page, live_server, Role.MODERATOR)
    disclosure = add_story(page, live_server, URGENT)
    plain = add_story(page, live_server, "Buses should run later on Saturdays")
    page.goto(f"{live_server.url}/staff/moderation")
    page.wait_for_selector("h1")

    row = page.locator(f"#row-{disclosure}")
    expect(row).to_have_attribute("data-can-approve", "no")
    row.locator(".queue-open").focus()
    page.keyboard.press("a")
    expect(page.locator("#queue-status")).to_have_text(
        f"Contribution {disclosure} has an open safeguarding case. Open it to decide."
    )
    expect(row).to_have_attribute("data-status", "received")

    to_do = int(re.findall(r"\d+", _option(page, "#filter-status", "to_do"))[0])
    page.locator(f"#row-{plain} .queue-open").focus()
    page.keyboard.press("a")
    expect(page.locator("#queue-status")).to_have_text(f"Contribution {plain} approved, counted in figures.")
    expect(page.locator(f"#row-{plain}")).to_have_attribute("data-status", "approved")
    expect(page.locator("#filter-status option[value='to_do']")).to_have_text(f"To do ({to_do - 1})")
    expect(page.locator("#results-heading")).to_have_text(f"{to_do - 1} to do")
    assert_accessible(page)

    page.goto(f"{live_server.url}/staff/moderation/{disclosure}")  # a person opens it to decide
    expect(page.locator("#approve-form")).to_be_visible()
    page.context.close()


@VIEWPORTS
def test_selecting_words_after_emoji_hides_exactly_them(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    words = "\U0001f600\U0001f600 I told my worker about it"
    ident = add_story(page, live_server, words)
    original = page.locator("[data-original]").first
    # Select "orker" as a mouse would: DOM offsets count UTF-16 code units (each emoji is two).
    units = len(words[: words.index("orker")].encode("utf-16-le")) // 2
    original.evaluate(
        """(box, [from, to]) => {
             const range = document.createRange();
             range.setStart(box.firstChild, from);
             range.setEnd(box.firstChild, to);
             const selection = window.getSelection();
             selection.removeAllRanges();
             selection.addRange(range);
           }""",
        [units, units + 5],
    )
    form = page.locator("[data-redaction-form]").first
    expect(form.locator("[data-selection-phrase]")).to_have_value("orker")
    start = str(words.index("orker"))
    expect(form.locator("[data-selection-start]")).to_have_value(start)
    form.locator("select[name=kind]").select_option("other")
    form.locator("input[name=reason]").fill("Part of a name")
    assert_accessible(page)
    form.get_by_role("button", name="Hide these words").click()
    page.wait_for_url(re.compile(rf"/staff/moderation/{ident}\?done=redaction"))
    expect(page.locator(".redacted").first).to_have_text(
        "\U0001f600\U0001f600 I told my w[personal detail] about it"
    )
    page.context.close()


@VIEWPORTS
def test_redaction_errors_and_arabic_words(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    ident = add_story(page, live_server, "نحتاج إلى أماكن آمنة للشباب في المساء", language="ar")
    expect(page.locator("[data-original]").first).to_have_attribute("lang", "ar")
    expect(page.locator("[data-original]").first).to_have_attribute("dir", "auto")
    expect(page.locator(".redacted").first).to_have_attribute("lang", "ar")
    expect(page.locator(".summary-list")).to_contain_text("Arabic")

    page.locator("details.add-redaction summary").first.click()
    page.locator("[data-redaction-form]").first.get_by_role("button", name="Hide these words").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("Error:")
    links = page.locator("[data-error-summary] a")
    expect(links).to_have_count(2)
    links.nth(1).click()  # "Give a reason for the redaction"
    reason = page.locator("input[id^=redact-reason-]").first
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.fill("input[id^=redact-phrase-]", "المساء")
    reason.fill("Test")
    page.locator("[data-redaction-form]").first.get_by_role("button", name="Hide these words").click()
    page.wait_for_url(re.compile(rf"/staff/moderation/{ident}\?done=redaction"))
    expect(page.locator(".redaction-list span[lang=ar]")).to_have_text("المساء")
    page.goto(f"{live_server.url}/staff/moderation?language=ar&status=all")
    expect(page.locator(f"#row-{ident} p[lang=ar]")).to_have_attribute("dir", "auto")
    assert_accessible(page)
    page.context.close()


@VIEWPORTS
def test_a_suggestion_on_an_approved_contribution_cannot_be_dismissed(
    browser: Browser, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = new_page(browser, live_server, viewport)
    sign_in_as(page, live_server, Role.MODERATOR)
    ident = add_story(page, live_server, "You can ring me on 07700 900123 about the club", quotable=True)
    expect(page.locator(".redaction-list")).to_contain_text("suggested")
    expect(page.get_by_role("button", name=re.compile("^Dismiss"))).to_have_count(1)
    page.locator("#approve-form button[type=submit]").click()
    page.goto(f"{live_server.url}/staff/moderation/{ident}")
    expect(page.get_by_role("button", name=re.compile("^Dismiss"))).to_have_count(0)
    expect(page.locator(".redaction-list")).to_contain_text("put it back in review first")
    expect(page.locator(".redacted").first).to_contain_text("[phone number]")
    assert_accessible(page)
    page.context.close()
