"""Priorities in a real browser with the keyboard, as a moderator: add a priority, link an
approved contribution to it from the moderation page, record what changed, put a year's list in
order (with JavaScript off too) and delete a priority, or be told why it cannot go. axe-core
checks every page and error state on a phone and a desktop; an analyst reads the pages too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, sign_in_as
from tests.browser.seed import APPROVED
from tests.browser.test_consultations import errors_shown, tab_to_id, tab_to_text
from tests.browser.test_leftover_states import assert_accessible_without_javascript
from voice.accounts.models import Role
from voice.clock import uk_date

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def press_and_wait(page: Page, url: str) -> None:
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(url))


def add_priority(page: Page, server: LiveServer, title: str) -> str:
    """Add a priority with the keyboard (after one error state); returns its page's URL."""
    page.goto(f"{server.url}/staff/priorities")
    assert_accessible(page)
    tab_to_text(page, "Add a priority")
    press_and_wait(page, r"/staff/priorities/new$")
    assert_accessible(page)
    tab_to_text(page, "Add priority")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    tab_to_id(page, "title")
    page.keyboard.type(title)
    tab_to_id(page, "owning_agency")
    page.keyboard.type("Leeds City Council")
    tab_to_text(page, "Add priority")
    press_and_wait(page, r"/staff/priorities/\d+\?done=added$")
    assert page.locator("h1").inner_text() == title
    assert_accessible(page)
    return page.url.split("?")[0]


def approved_item(page: Page, server: LiveServer, text: str) -> str:
    page.goto(f"{server.url}/staff/moderation?status=approved")
    row = page.locator("li.queue-item", has_text=text)
    href = row.locator("a.queue-open").get_attribute("href")
    assert href is not None
    return f"{server.url}{href.split('?')[0]}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_priority_link_and_change(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    title = f"Clubs for everyone ({viewport})"
    priority_url = add_priority(page, live_server, title)
    page.goto(f"{priority_url}/edit")
    assert page.locator("#title").input_value() == title
    assert_accessible(page)

    # Link the approved contribution from its moderation page; first without choosing.
    page.goto(approved_item(page, live_server, APPROVED[viewport]) + "#priorities")
    assert "It is not linked to a priority." in page.locator("#priorities").inner_text()
    tab_to_text(page, "Link to priority")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    value = page.locator("#link-priority option", has_text=title).get_attribute("value")
    assert value
    page.locator("#link-priority").select_option(value)
    tab_to_text(page, "Link to priority")
    press_and_wait(page, r"done=priority#priorities$")
    assert title in page.locator("#priorities").inner_text()
    assert_accessible(page)

    # Record what changed, with one error state first.
    page.goto(priority_url)
    assert APPROVED[viewport] in page.locator("#contributions").inner_text()
    tab_to_text(page, "Record what changed")
    press_and_wait(page, r"/changes/new$")
    assert_accessible(page)
    tab_to_text(page, "Record the change")
    page.keyboard.press("Enter")
    errors_shown(page)
    assert_accessible(page)
    tab_to_id(page, "you_said")
    page.keyboard.type("Open clubs at weekends")
    tab_to_id(page, "we_did")
    page.keyboard.type("Two clubs now open on Sundays.")
    # Today (UK): a change cannot be dated before the words that led to it, seeded today.
    page.fill("#happened_on", uk_date(datetime.now(UTC)).isoformat())
    box = page.locator("input[name=contributions]").first
    box.focus()
    page.keyboard.press("Space")
    tab_to_text(page, "Record the change")
    press_and_wait(page, r"done=action-added#changes$")
    assert "You said: Open clubs at weekends" in page.locator("#changes").inner_text()
    assert_accessible(page)

    # Removing it asks first; Cancel keeps it, Remove change takes it away.
    tab_to_text(page, "Remove")
    press_and_wait(page, r"/changes/\d+/remove$")
    assert page.locator("h1").inner_text() == "Are you sure you want to remove this change?"
    assert_accessible(page)
    tab_to_text(page, "Cancel")
    press_and_wait(page, r"/staff/priorities/\d+#changes$")
    assert "You said: Open clubs at weekends" in page.locator("#changes").inner_text()
    tab_to_text(page, "Remove")
    press_and_wait(page, r"/changes/\d+/remove$")
    tab_to_text(page, "Remove change")
    press_and_wait(page, r"done=action-removed#changes$")
    assert "Open clubs at weekends" not in page.locator("main").inner_text()
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_analyst_reads_priorities(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.ANALYST)
    tab_to_text(page, "Priorities")
    press_and_wait(page, r"/staff/priorities$")
    assert page.locator("text=Add a priority").count() == 0
    assert_accessible(page)
    page.context.close()


# --- order and delete --------------------------------------------------------

#: A reporting year of each viewport's own, so its list holds only what the test adds.
OWN_YEAR = {"phone": 2030, "desktop": 2031}


def quick_priority(page: Page, server: LiveServer, title: str, year: int | None = None) -> str:
    """Add a priority through the form (the keyboard is tested in add_priority); its page's URL."""
    page.goto(f"{server.url}/staff/priorities/new")
    if year is not None:
        page.fill("#reporting_year", str(year))
    page.fill("#title", title)
    page.fill("#owning_agency", "Leeds City Council")
    page.get_by_role("button", name="Add priority").click()
    page.wait_for_url(re.compile(r"/staff/priorities/\d+\?done=added$"))
    return page.url.split("?")[0]


def titles_listed(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("li.card h2").all_inner_texts()]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_order_and_delete(browser: Browser, live_server: LiveServer, viewport: str) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(page, live_server, Role.MODERATOR)
    year = OWN_YEAR[viewport]
    first, second, third = (f"{name} ({viewport})" for name in ("First", "Second", "Third"))
    urls = {title: quick_priority(page, live_server, title, year) for title in (first, second, third)}
    listing = f"{live_server.url}/staff/priorities?year={year}"

    # Move up with the keyboard; each button's name says which priority it moves.
    page.goto(listing)
    assert titles_listed(page) == [first, second, third]
    assert_accessible(page)
    tab_to_text(page, f"Move up {third}")
    press_and_wait(page, rf"/staff/priorities\?year={year}&done=moved#priority-\d+$")
    assert titles_listed(page) == [first, third, second]
    assert "Priority moved." in page.locator("main").inner_text()
    assert_accessible(page)

    # With JavaScript off the buttons are plain forms.
    plain = new_page(browser, live_server, VIEWPORTS[viewport], javascript=False)
    sign_in_as(plain, live_server, Role.MODERATOR)
    plain.goto(listing)
    plain.get_by_role("button", name=f"Move down {first}").click()
    plain.wait_for_url(re.compile(rf"year={year}&done=moved#priority-\d+$"))
    assert titles_listed(plain) == [third, first, second]
    assert_accessible_without_javascript(plain)
    plain.context.close()

    # Delete one that has nothing linked: the confirmation page, then the list closes up.
    page.goto(urls[second])
    tab_to_text(page, "Delete the priority")
    press_and_wait(page, r"/delete$")
    assert page.locator("h1").inner_text() == f"Are you sure you want to delete {second}?"
    assert_accessible(page)
    tab_to_text(page, "Delete priority")
    press_and_wait(page, rf"/staff/priorities\?year={year}&done=deleted$")
    assert titles_listed(page) == [third, first]
    assert "Priority deleted." in page.locator("main").inner_text()
    assert_accessible(page)

    # One with words linked cannot go. Its confirmation page was open in another window when
    # the words were linked, so Delete there is refused with an error summary.
    kept = f"Kept with words ({viewport})"
    kept_url = quick_priority(page, live_server, kept)
    other_window = new_page(browser, live_server, VIEWPORTS[viewport])
    sign_in_as(other_window, live_server, Role.MODERATOR)
    other_window.goto(f"{kept_url}/delete")
    assert other_window.get_by_role("button", name="Delete priority").count() == 1
    page.goto(approved_item(page, live_server, APPROVED[viewport]) + "#priorities")
    value = page.locator("#link-priority option", has_text=kept).get_attribute("value")
    assert value
    page.locator("#link-priority").select_option(value)
    page.get_by_role("button", name="Link to priority").click()
    page.wait_for_url(re.compile(r"done=priority#priorities$"))
    other_window.get_by_role("button", name="Delete priority").click()
    errors_shown(other_window)
    assert other_window.locator("h1").inner_text() == f"{kept} cannot be deleted"
    assert "1 contribution is linked to it" in other_window.locator("[data-error-summary]").inner_text()
    assert_accessible(other_window)
    page.goto(f"{kept_url}/delete")
    assert page.locator("h1").inner_text() == f"{kept} cannot be deleted"
    assert page.get_by_role("button", name="Delete priority").count() == 0
    assert_accessible(page)
    other_window.context.close()
    page.context.close()
