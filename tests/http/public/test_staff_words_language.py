"""Home and "What Exit this page does": staff words in another language are marked as such,
a consultation not offered in the page's language says which language it is in, and the
Exit page names the site Exit really opens."""

from __future__ import annotations

import re
from dataclasses import replace

import httpx
from starlette.applications import Starlette

from tests.http.feedback.test_journey import make_consultation
from voice.settings import Settings


async def test_home_marks_english_fallback_in_urdu(client: httpx.AsyncClient) -> None:
    await make_consultation()  # Urdu title, English-only introduction
    await make_consultation(slug="help-early", title={"en": "Getting help early"}, intro={"en": "Tell us."})
    page = await client.get("/", headers={"Accept-Language": "ur"})
    assert page.status_code == 200 and '<html lang="ur" dir="rtl">' in page.text
    assert '<a href="/c/parks">پارکوں میں محفوظ محسوس کرنا</a>' in page.text
    assert '<p class="written" lang="en" dir="ltr">Tell us about parks near you.</p>' in page.text
    assert '<a href="/c/help-early" lang="en" dir="ltr">Getting help early</a>' in page.text
    assert '<p class="written" lang="en" dir="ltr">Tell us.</p>' in page.text


async def test_home_in_english_marks_nothing(client: httpx.AsyncClient) -> None:
    await make_consultation(languages=["en"])
    page = await client.get("/", headers={"Accept-Language": "en"})
    assert '<a href="/c/parks">Feeling safe in parks</a>' in page.text
    assert 'lang="en" dir="ltr"' not in page.text.split("<main")[1]
    assert "The questions are in" not in page.text


async def test_home_lists_a_consultation_not_offered_and_says_its_language(client: httpx.AsyncClient) -> None:
    await make_consultation(languages=["en"])
    await make_consultation(slug="every", title={"en": "Every language"}, languages=[])
    polish = await client.get("/", headers={"Accept-Language": "pl"})
    assert 'href="/c/parks"' in polish.text and 'href="/c/every"' in polish.text
    parks = polish.text.split('href="/c/parks"')[1].split("</li>")[0]
    assert "angielski" in parks
    assert "angielski" not in polish.text.split('href="/c/every"')[1].split("</li>")[0]


async def test_exit_page_names_the_configured_site(app: Starlette, client: httpx.AsyncClient) -> None:
    page = await client.get("/exit-this-page")
    assert 'It opens this site instead: <span dir="ltr">bbc.co.uk</span>.' in page.text
    assert "BBC weather" not in page.text
    settings: Settings = app.state.settings
    app.state.settings = replace(settings, exit_url="https://www.google.co.uk/")
    other = await client.get("/exit-this-page")
    # not "bbc" anywhere in the page: a random token in it may hold those letters
    assert '<span dir="ltr">google.co.uk</span>' in other.text and "bbc.co.uk" not in other.text
    assert (await client.get("/exit")).headers["location"] == "https://www.google.co.uk/"
    app.state.settings = replace(settings, exit_url="/")
    neutral = await client.get("/exit-this-page")
    assert "It opens another site instead." in neutral.text


async def test_an_introduction_and_a_hint_in_one_language_only_are_not_shown_in_others(
    client: httpx.AsyncClient,
) -> None:
    """Exploratory testing, twenty-second session: readers of English, Polish and Arabic were
    shown an introduction given only in Urdu, and a hint given only in Arabic reached Urdu
    readers."""
    from voice.feedback.models import Question

    made = await make_consultation(
        slug="one-language",
        title={"en": "Lights in the park", "ar": "أضواء في الحديقة", "ur": "پارک میں روشنی"},
        intro={"en": "", "ur": "اردو تعارف"},
    )
    question = await Question.filter(consultation_id=made.id).order_by("position").first()
    assert question is not None
    question.hint = {"ar": "تلميح بالعربية"}
    await question.save()
    for reader in ("en", "pl", "ar"):
        home = await client.get("/", headers={"Accept-Language": reader})
        start = await client.get("/c/one-language", headers={"Accept-Language": reader})
        assert "اردو تعارف" not in home.text and "اردو تعارف" not in start.text, reader
    urdu = await client.get("/c/one-language", headers={"Accept-Language": "ur"})
    assert "اردو تعارف" in urdu.text
    for reader in ("en", "ur"):
        page = await client.get(f"/c/one-language/q/{question.position}", headers={"Accept-Language": reader})
        assert page.status_code == 200 and "تلميح بالعربية" not in page.text, reader
    arabic = await client.get(f"/c/one-language/q/{question.position}", headers={"Accept-Language": "ar"})
    assert "تلميح بالعربية" in arabic.text


async def test_line_breaks_staff_wrote_in_an_introduction_are_kept(client: httpx.AsyncClient) -> None:
    """Exploratory testing, twenty-second session: "Hello" and "there" on two lines showed as one."""
    await make_consultation(slug="two-lines", title={"en": "Two lines"}, intro={"en": "Hello\nthere"})
    for path in ("/", "/c/two-lines"):
        page = await client.get(path, headers={"Accept-Language": "en"})
        assert re.search(r'<p class="(?:lead )?written">Hello\nthere</p>', page.text), path
