"""Screening loads its data when the app starts, not on the first Send after a restart."""

from __future__ import annotations

import pytest

from voice.app import create_app
from voice.screening import screener
from voice.settings import Settings


async def test_the_app_warms_screening_up_as_it_starts(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = screener.default_screener

    def counted() -> screener.Screener:
        calls.append("screener")
        return real()

    monkeypatch.setitem(screener._warmed, "done", False)
    monkeypatch.setattr(screener, "default_screener", counted)
    application = create_app(settings)
    assert not screener.is_warm()
    async with application.router.lifespan_context(application):
        assert screener.is_warm() and calls == ["screener"]


def test_warming_up_twice_does_the_work_once(monkeypatch: pytest.MonkeyPatch) -> None:
    screener.warm_up()
    monkeypatch.setattr(screener, "default_screener", lambda: pytest.fail("loaded again"))
    screener.warm_up()
    assert screener.is_warm()
