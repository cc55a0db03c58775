from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("accept", "lang", "direction"),
    [
        ("ur", "ur", "rtl"),
        ("ar-EG,ar;q=0.9", "ar", "rtl"),
        ("pl", "pl", "ltr"),
        ("ro-RO", "ro", "ltr"),
        ("de", "en", "ltr"),
        ("ur;q=0, pl", "pl", "ltr"),  # q=0: not acceptable
    ],
)
async def test_language_comes_from_the_browser(
    client: httpx.AsyncClient, accept: str, lang: str, direction: str
) -> None:
    html = (await client.get("/", headers={"accept-language": accept})).text
    assert f'<html lang="{lang}" dir="{direction}">' in html


async def test_switcher_remembers_choice_and_returns(client: httpx.AsyncClient) -> None:
    response = await client.get("/language", params={"lang": "ur", "next": "/help"})
    assert response.status_code == 303
    assert response.headers["location"] == "/help"
    html = (await client.get("/help")).text
    assert '<html lang="ur" dir="rtl">' in html


async def test_switcher_refuses_offsite_next(client: httpx.AsyncClient) -> None:
    response = await client.get("/language", params={"lang": "pl", "next": "//evil.example/"})
    assert response.headers["location"] == "/"


async def test_switcher_links_name_each_language_in_itself(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    for code in ("ur", "pl", "ar", "ro"):
        assert f'hreflang="{code}"' in html
    assert "Polski" in html and "اردو" in html and "العربية" in html and "Română" in html


async def test_pages_are_translated(client: httpx.AsyncClient) -> None:
    english = (await client.get("/help")).text
    for code in ("ur", "pl", "ar", "ro"):
        translated = (await client.get("/help", params={"lang": code})).text
        assert "More ways to get help" in english
        assert "More ways to get help" not in translated, code


async def test_a_lang_link_is_remembered_and_does_not_overrule_the_switcher(
    client: httpx.AsyncClient,
) -> None:
    first = await client.get("/help", params={"lang": "ur"})
    assert '<html lang="ur" dir="rtl">' in first.text
    assert any(h.startswith("voice_lang=ur") for h in first.headers.get_list("set-cookie"))
    # The next page keeps the language, and the switcher's links leave ?lang= out.
    assert '<html lang="ur" dir="rtl">' in (await client.get("/cookies")).text
    assert "lang%3Dur" not in first.text and "next=%2Fhelp&amp;" not in first.text
    switched = await client.get("/language", params={"lang": "en", "next": "/help"})
    assert '<html lang="en" dir="ltr">' in (await client.get(switched.headers["location"])).text
