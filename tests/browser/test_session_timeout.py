"""The warning before a staff session ends for being idle (WCAG 2.2.1), in real Chromium.

A live server of its own signs staff out after 30 seconds idle (VOICE_SESSION_IDLE_MINUTES=0.5),
so the warning shows 20 seconds before the end, 10 seconds after a page loads.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, assert_accessible, new_page, serve, sign_in_as
from voice.accounts.models import Role

pytestmark = pytest.mark.browser

IDLE_SECONDS = 30


@pytest.fixture(scope="module")
def short_idle_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve(tmp_path_factory.mktemp("short-idle"), {"VOICE_SESSION_IDLE_MINUTES": "0.5"}) as server:
        yield server


def _open_an_item(page: Page, server: LiveServer) -> str:
    """Open the first contribution in the queue; returns its path."""
    page.goto(f"{server.url}/staff/moderation?status=all")
    link = page.locator(".queue-open").first
    path = (link.get_attribute("href") or "").split("?")[0]
    assert re.fullmatch(r"/staff/moderation/\d+", path), path
    link.click()
    page.wait_for_url(re.compile(re.escape(path)))
    return path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_warning_shows_in_time_and_stay_signed_in_keeps_the_session(
    browser: Browser, short_idle_server: LiveServer, viewport: dict[str, int]
) -> None:
    server = short_idle_server
    page = new_page(browser, server, viewport)
    sign_in_as(page, server, Role.MODERATOR)
    item = _open_an_item(page, server)
    loaded = time.monotonic()  # the server counted the session as used before this

    dialog = page.locator("#session-warning")
    expect(dialog).to_be_hidden()
    expect(dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
    assert time.monotonic() - loaded < IDLE_SECONDS - 15, "the warning came too late to answer"
    expect(page.get_by_role("dialog", name="You will be signed out soon")).to_be_visible()
    expect(dialog.locator("#session-warning-text [data-session-countdown]")).to_have_text(
        re.compile(r"^\d+ seconds?$")
    )
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    assert_accessible(page)

    stay.click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#session-status")).to_have_text("You are still signed in.")

    # Past the end the session would have had without "Stay signed in": still signed in.
    page.wait_for_timeout(max(0.0, loaded + IDLE_SECONDS + 3 - time.monotonic()) * 1000)
    page.goto(f"{server.url}{item}")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Contribution \d+$"))
    assert page.url.startswith(f"{server.url}{item}")
    page.context.close()


def test_a_note_sent_after_the_session_ended_is_kept_through_signing_in(
    browser: Browser, short_idle_server: LiveServer
) -> None:
    server = short_idle_server
    page = new_page(browser, server, DESKTOP)
    sign_in_as(page, server, Role.MODERATOR)
    item = _open_an_item(page, server)
    note = "Spoke to the youth worker at length; they will follow this up with the school next week."
    page.fill("#note-body", note)

    # No answer to the warning: it turns into "You have been signed out".
    ended = page.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible(timeout=(IDLE_SECONDS + 15) * 1000)
    expect(ended).to_contain_text("Anything you typed on this page is still here but was not sent")
    close = ended.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    expect(ended.get_by_role("button", name="Stay signed in")).to_be_hidden()
    assert_accessible(page)
    close.click()
    expect(page.locator("#note-body")).to_be_focused()

    page.get_by_role("button", name="Add note").click()
    page.wait_for_url(re.compile(r"/staff/sign-in\?next=.*&ended=form$"))
    expect(page.locator(".session-ended")).to_contain_text("What you sent was not saved.")
    expect(page.locator("[data-draft-kept]")).to_be_visible()
    assert_accessible(page)

    page.fill("#email", server.accounts[Role.MODERATOR])
    page.fill("#password", server.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}{item}")
    expect(page.locator("#note-body")).to_have_value(note)
    expect(page.locator("#note-body")).to_be_focused()
    expect(page.locator("#session-status")).to_contain_text("What you typed is back in the form")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_url(re.compile(r"done=note"))
    expect(page.locator(".notes-list")).to_contain_text(note)
    # Kept only for that one return: a fresh load of the page has an empty box.
    page.goto(f"{server.url}{item}")
    expect(page.locator("#note-body")).to_have_value("")
    page.context.close()


def test_the_page_says_signed_out_only_once_the_server_has_ended_the_session(
    browser: Browser, short_idle_server: LiveServer
) -> None:
    # CI once clicked a form's button just after "You have been signed out" showed, and the note
    # was saved: the page had rounded the time left down and ended up to a second early.
    server = short_idle_server
    page = new_page(browser, server, DESKTOP)
    sign_in_as(page, server, Role.MODERATOR)
    item = _open_an_item(page, server)
    expect(page.get_by_role("dialog", name="You have been signed out")).to_be_visible(
        timeout=(IDLE_SECONDS + 15) * 1000
    )
    # At once, with this page's session cookie: the server has already ended the session.
    response = page.request.get(f"{server.url}{item}", max_redirects=0)
    assert response.status == 303
    assert "/staff/sign-in?next=" in response.headers["location"]
    assert response.headers["location"].endswith("&ended=page")
    page.context.close()


def test_a_queue_filter_after_the_session_ended_moves_the_whole_page_to_sign_in(
    browser: Browser, short_idle_server: LiveServer
) -> None:
    # Before, htmx put the sign-in page inside the queue's results.
    server = short_idle_server
    page = new_page(browser, server, PHONE)
    sign_in_as(page, server, Role.MODERATOR)
    page.goto(f"{server.url}/staff/moderation?status=all")
    ended = page.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible(timeout=(IDLE_SECONDS + 15) * 1000)
    ended.get_by_role("button", name="Close").click()
    page.select_option("#filter-status", "received")
    page.wait_for_url(re.compile(r"/staff/sign-in\?next=.*&ended=page$"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("Sign in to Voice")
    expect(page.locator(".session-ended")).to_contain_text("You have been signed out.")
    assert_accessible(page)
    page.fill("#email", server.accounts[Role.MODERATOR])
    page.fill("#password", server.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/staff/moderation?status=all")
    page.context.close()


ABSOLUTE_SECONDS = 45


@pytest.fixture(scope="module")
def short_absolute_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    hours = str(ABSOLUTE_SECONDS / 3600)  # 45 seconds after signing in, however busy
    with serve(tmp_path_factory.mktemp("short-absolute"), {"VOICE_SESSION_MAX_HOURS": hours}) as server:
        yield server


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_fixed_end_is_warned_of_and_cannot_be_put_off(
    browser: Browser, short_absolute_server: LiveServer, viewport: dict[str, int]
) -> None:
    server = short_absolute_server
    page = new_page(browser, server, viewport)
    sign_in_as(page, server, Role.MODERATOR)
    item = _open_an_item(page, server)
    page.focus("#note-body")

    # Half the limit before the end (a short limit), it says it cannot be put off.
    warning = page.get_by_role("dialog", name="You will be signed out soon")
    expect(warning).to_be_visible(timeout=ABSOLUTE_SECONDS * 1000)
    expect(warning).to_contain_text("signs everyone out")
    expect(warning).to_contain_text("This cannot be put off.")
    expect(warning.locator("#session-absolute-text [data-session-countdown]")).to_have_text(
        re.compile(r"^\d+ seconds?$")
    )
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_hidden()
    close = warning.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    assert_accessible(page)
    close.click()
    expect(page.locator("#session-warning")).to_be_hidden()
    expect(page.locator("#note-body")).to_be_focused()
    page.wait_for_timeout(2000)  # closed, it stays closed until the end
    expect(page.locator("#session-warning")).to_be_hidden()

    ended = page.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible(timeout=(ABSOLUTE_SECONDS + 15) * 1000)
    expect(ended).to_contain_text("hours ago, so you were signed out")
    expect(ended).to_contain_text("Anything you typed on this page is still here but was not sent")
    expect(ended.get_by_role("button", name="Close")).to_be_focused()
    assert_accessible(page)
    # The page said so only once the server had ended the session.
    response = page.request.get(f"{server.url}{item}", max_redirects=0)
    assert response.status == 303
    assert response.headers["location"].startswith("/staff/sign-in?next=")
    page.context.close()
