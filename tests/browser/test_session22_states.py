"""Twenty-second session, in real Chromium with axe-core at 320px and on a desktop.

- A question's options put in another order with "Move up" and "Move down": the form comes
  back in the new order at the moved option, saying nothing is saved yet; Enter in an option's
  box then saves the question (it is the form's first button, not a Move button).
- A consultation's details and a priority saved from a page opened before someone else's
  save: refused, with what was typed kept.
- A consultation made by mistake deleted, asked first.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LiveServer, made_by, new_page, sign_in_as
from tests.browser.test_session18_states import VIEWPORTS, checked
from voice.accounts.models import Role

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def made(live_server: LiveServer) -> dict[str, object]:
    return made_by(live_server, "tests.browser.session22_data")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_options_put_in_another_order(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.ADMIN)
        consultation = made[f"{viewport}_consultation"]
        page.goto(
            f"{live_server.url}/staff/consultations/{consultation}/questions/{made[f'{viewport}_question']}"
        )
        checked(page, viewport)
        page.get_by_role("button", name="Move up option 3").click()
        expect(page.locator("main .notice[role=status]")).to_contain_text("It is not saved yet")
        assert page.url.endswith("#option-1")
        expect(page.locator("#options-1-label_en")).to_have_value("A bit safe")
        expect(page.locator("#options-2-label_en")).to_have_value("Very safe")
        expect(page.locator("#option-1")).to_be_in_viewport()
        checked(page, viewport)
        page.locator("#options-0-label_en").press("Enter")
        page.wait_for_url(f"**/staff/consultations/{consultation}?done=question-saved*")
        expect(page.locator("main")).to_contain_text("Question saved.")
        page.goto(f"{live_server.url}/staff/consultations/{consultation}/preview/1")
        labels = page.locator("main label").all_inner_texts()
        assert [label.strip() for label in labels][:3] == ["Not safe", "A bit safe", "Very safe"]
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_details_saved_from_a_page_opened_before_another_save(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.ADMIN)
        for edit, field, box, save, stale in (
            (
                f"/staff/consultations/{made[f'{viewport}_consultation']}/edit",
                "#title_en",
                "#intro_en",
                "Save",
                "Someone else saved this consultation's details",
            ),
            (
                f"/staff/priorities/{made[f'{viewport}_priority']}/edit",
                "#owning_agency",
                "#description",
                "Save priority",
                "Someone else saved this priority",
            ),
        ):
            page.goto(f"{live_server.url}{edit}")
            other = page.context.new_page()
            other.goto(f"{live_server.url}{edit}")
            other.fill(field, f"Changed in another tab ({viewport})")
            other.locator("main form button[type=submit]").filter(has_text=save).first.click()
            other.wait_for_url("**?done=*")
            other.close()
            page.fill(box, "Typed in this tab.")
            page.locator("main form button[type=submit]").filter(has_text=save).first.click()
            expect(page.locator(".error-summary")).to_contain_text(stale)
            assert page.title().startswith("Error: ")
            expect(page.locator(box)).to_have_value("Typed in this tab.")
            checked(page, viewport)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_consultation_made_by_mistake_is_deleted(
    browser: Browser, live_server: LiveServer, made: dict[str, object], viewport: str
) -> None:
    page = new_page(browser, live_server, VIEWPORTS[viewport])
    try:
        sign_in_as(page, live_server, Role.MODERATOR)
        page.goto(f"{live_server.url}/staff/consultations/{made[f'{viewport}_spare']}")
        page.locator(f'main a[href="/staff/consultations/{made[f"{viewport}_spare"]}/delete"]').click()
        expect(page.locator("h1")).to_have_text(
            f"Are you sure you want to delete Made by mistake ({viewport})?"
        )
        checked(page, viewport)
        page.get_by_role("button", name="Delete consultation").click()
        page.wait_for_url("**/staff/consultations?done=deleted")
        expect(page.locator("main")).to_contain_text("Consultation deleted.")
        checked(page, viewport)
    finally:
        page.context.close()
