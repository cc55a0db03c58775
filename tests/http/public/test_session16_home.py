"""The home page lists what can be answered and until when, and leads to /track; pages in
the middle of answering open Cookies and "what this does" in a new tab (found by an
exploratory test, 2026-11-24)."""

from __future__ import annotations

from datetime import date

import httpx

from tests.http.feedback.test_journey import make_consultation
from voice.consultations.services import day_start
from voice.feedback.journey import standing_consultation


async def test_home_says_until_when_each_consultation_is_open(client: httpx.AsyncClient) -> None:
    consultation = await make_consultation()
    consultation.closes_at = day_start(date(2099, 1, 1))  # the last day to answer: 31 December 2098
    await consultation.save()
    english = (await client.get("/")).text
    assert "You can answer until 31 December 2098." in english
    polish = (await client.get("/", headers={"accept-language": "pl"})).text
    assert "31 grudnia 2098" in polish


async def test_home_without_a_closing_date_says_none(client: httpx.AsyncClient) -> None:
    await make_consultation()
    assert "You can answer until" not in (await client.get("/")).text


async def test_tell_us_anything_is_a_button_not_also_a_card(client: httpx.AsyncClient) -> None:
    standing = await standing_consultation()
    home = (await client.get("/")).text
    assert f'href="/c/{standing.slug}"' not in home
    assert home.count('href="/tell-us"') == 1


async def test_home_and_report_lead_to_track(client: httpx.AsyncClient) -> None:
    for path in ("/", "/report"):
        page = await client.get(path)
        assert page.status_code == 200
        assert '<a href="/track">Check what happened to something you sent</a>' in page.text


async def test_mid_answer_cookies_and_what_this_does_open_in_a_new_tab(client: httpx.AsyncClient) -> None:
    await make_consultation()
    question = (await client.get("/c/parks/q/1")).text
    assert '<a href="/cookies" target="_blank" rel="noopener">Cookies (opens in new tab)</a>' in question
    aside = 'href="/exit-this-page" target="_blank" rel="noopener">(what this does, opens in new tab)<'
    assert aside in question
    home = (await client.get("/")).text
    assert '<a href="/cookies">Cookies</a>' in home and 'href="/exit-this-page">(what this does)<' in home
