from __future__ import annotations

import httpx
import pytest

PUBLIC_PAGES = ["/", "/help", "/cookies", "/exit-this-page"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
async def test_public_page_has_exit_and_help(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    html = response.text
    assert 'href="/exit"' in html and "data-exit-this-page" in html
    assert html.count('rel="nofollow noreferrer"') >= 2  # the button and the secondary link
    assert 'href="tel:08001111"' in html and 'href="tel:999"' in html


async def test_staff_sign_in_page_has_help_but_no_exit_button(client: httpx.AsyncClient) -> None:
    html = (await client.get("/staff/sign-in")).text
    assert 'href="tel:08001111"' in html
    assert 'class="exit-button"' not in html


async def test_exit_clears_site_data_and_redirects_to_neutral_site(client: httpx.AsyncClient) -> None:
    client.cookies.set("voice_lang", "ur")
    response = await client.get("/exit")
    assert response.status_code == 303
    assert response.headers["location"] == "https://www.bbc.co.uk/weather"
    assert response.headers["clear-site-data"] == '"cache", "cookies", "storage"'
    assert any(
        h.startswith("voice_lang=") and "Max-Age=0" in h for h in response.headers.get_list("set-cookie")
    )


async def test_exit_deletes_host_prefixed_cookies_with_secure(client: httpx.AsyncClient) -> None:
    """Browsers ignore a __Host- cookie deletion that is not Secure."""
    client.cookies.set("__Host-voice_csrf", "x")
    response = await client.get("/exit")
    deletions = [h for h in response.headers.get_list("set-cookie") if h.startswith("__Host-voice_csrf=")]
    assert deletions and all("Max-Age=0" in h and "secure" in h.lower() for h in deletions)


async def test_home_lists_open_consultations_in_visitor_language(client: httpx.AsyncClient) -> None:
    from datetime import UTC, datetime, timedelta

    from voice.feedback.models import Consultation, Question, QuestionKind

    now = datetime.now(UTC)
    made = [
        await Consultation.create(
            slug="open", title={"en": "Parks", "pl": "Parki"}, opens_at=now - timedelta(days=1)
        ),
        await Consultation.create(slug="closed", title={"en": "Old one"}, closes_at=now - timedelta(days=1)),
        await Consultation.create(slug="future", title={"en": "Not yet"}, opens_at=now + timedelta(days=1)),
    ]
    for consultation in made:
        await Question.create(
            consultation=consultation, position=1, kind=QuestionKind.FREE_TEXT, prompt={"en": "?"}
        )
    # Open, but no questions yet: not listed.
    await Consultation.create(
        slug="empty", title={"en": "Still being made"}, opens_at=now - timedelta(days=1)
    )
    english = (await client.get("/")).text
    assert "Parks" in english and "Old one" not in english and "Not yet" not in english
    assert "Still being made" not in english
    polish = (await client.get("/", headers={"accept-language": "pl-PL,pl;q=0.9,en;q=0.5"})).text
    assert "Parki" in polish and 'lang="pl"' in polish


async def test_healthz_checks_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_not_found_page_is_friendly(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text


async def test_not_found_page_is_translated(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-page?lang=ar")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.text and 'lang="ar"' in response.text
    assert "Page not found" not in response.text
