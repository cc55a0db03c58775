"""The locale lives in a context variable, so concurrent requests never mix languages."""

from __future__ import annotations

import asyncio

from voice.web import i18n


async def test_concurrent_tasks_keep_their_own_language() -> None:
    catalogues = i18n.Catalogues(["en", "pl", "ur"])
    seen: dict[str, list[str]] = {}

    async def worker(code: str) -> None:
        with i18n.use_locale(catalogues, code):
            for _ in range(20):
                await asyncio.sleep(0)
                seen.setdefault(code, []).append(i18n.gettext("Get help"))
                assert i18n.current_locale() == code

    await asyncio.gather(worker("en"), worker("pl"), worker("ur"))
    assert set(seen["en"]) == {"Get help"}
    assert len(set(seen["pl"])) == 1 and seen["pl"][0] != "Get help"
    assert len(set(seen["ur"])) == 1 and seen["ur"][0] != "Get help"


def test_choose_prefers_explicit_then_browser_then_default() -> None:
    catalogues = i18n.Catalogues(["en", "pl", "ur"])
    assert catalogues.choose("ur", "pl") == "ur"
    assert catalogues.choose("xx", "pl-PL,en;q=0.5") == "pl"
    assert catalogues.choose(None, "en;q=0.4, ur;q=0.8") == "ur"
    assert catalogues.choose(None, None) == "en"
    assert catalogues.choose(None, "garbage;q=x") == "en"


def test_rtl_languages_are_marked() -> None:
    catalogues = i18n.Catalogues(["en", "ur", "ar"])
    assert catalogues.info["ur"].is_rtl and catalogues.info["ar"].is_rtl
    assert not catalogues.info["en"].is_rtl
