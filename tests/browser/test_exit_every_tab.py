"""Exit this page leaves every open Voice tab, not only the one it was pressed in.

"More ways to get help" opens in a new tab. A young person who presses Exit there must not
leave the journey, with what they typed, one tab away.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PHONE, LiveServer, new_page
from tests.browser.test_retry import open_first_question

pytestmark = pytest.mark.browser

SECRET = "someone at home scares me"


@pytest.mark.parametrize("how", ["button", "shift"])
def test_exit_in_the_help_tab_leaves_the_journey_tab_too(
    browser: Browser, live_server: LiveServer, how: str
) -> None:
    journey = new_page(browser, live_server, PHONE)
    open_first_question(journey, live_server)
    journey.fill("#answer", SECRET)
    with journey.context.expect_page() as opened:
        journey.get_by_role("link", name="More ways to get help (opens in new tab)").click()
    help_tab = opened.value
    help_tab.wait_for_load_state()
    assert help_tab.url == f"{live_server.url}/help"
    if how == "button":
        help_tab.locator(".exit-button").first.click()
    else:
        for _ in range(3):
            help_tab.keyboard.press("Shift")
    help_tab.wait_for_url(live_server.exit_url)
    journey.wait_for_url(live_server.exit_url)
    assert SECRET not in journey.content()
    assert journey.outside_requests == []  # type: ignore[attr-defined]
    journey.context.close()


def test_a_staff_tab_stays_put_when_a_public_tab_exits(browser: Browser, live_server: LiveServer) -> None:
    """Only public pages (those with the Exit button) leave; a staff page is not thrown away."""
    public = new_page(browser, live_server, PHONE)
    public.goto(f"{live_server.url}/help")
    staff = public.context.new_page()
    staff.goto(f"{live_server.url}/staff/sign-in")
    staff.fill("#email", "typed@voice.example")
    public.locator(".exit-button").first.click()
    public.wait_for_url(live_server.exit_url)
    staff.wait_for_timeout(500)  # time for a message between tabs, had one been acted on
    assert staff.url == f"{live_server.url}/staff/sign-in"
    assert staff.input_value("#email") == "typed@voice.example"
    public.context.close()
