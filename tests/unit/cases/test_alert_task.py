"""The app runs the overdue alerts in the background while SMTP is configured, and stops cleanly."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.unit.cases.factory import START, make_case, make_lead
from tests.unit.cases.smtp import SMTPServer
from voice.app import create_app
from voice.cases import alerts
from voice.clock import FixedClock
from voice.moderation.models import SafeguardingCase
from voice.settings import Settings


async def test_the_app_sends_alerts_in_the_background(
    settings: Settings, smtp_server: SMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alerts, "ALERT_INTERVAL_SECONDS", 0.05)
    app = create_app(replace(settings, smtp_host=smtp_server.host, smtp_port=smtp_server.port))
    app.state.clock = FixedClock(START)
    async with app.router.lifespan_context(app):
        lead = await make_lead("lead@voice.test")
        case = await make_case("urgent", at=START)
        await asyncio.sleep(0.2)
        assert smtp_server.received == []  # not overdue yet
        app.state.clock.advance(timedelta(hours=1, seconds=1))
        for _ in range(100):
            if smtp_server.received:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # a few more runs: still one mail
        stored = await SafeguardingCase.get(id=case.id)
        assert stored.overdue_alert_sent_at == START + timedelta(hours=1, seconds=1)
    # Leaving the lifespan cancelled the task without an error; exactly one mail went.
    [mail] = smtp_server.received
    assert mail.recipients == [lead.email]
    assert mail.message["Subject"] == f"Overdue safeguarding case #{case.id} (urgent)"


async def test_no_background_task_without_smtp(settings: Settings) -> None:
    app = create_app(settings)
    before = {task.get_name() for task in asyncio.all_tasks()}
    async with app.router.lifespan_context(app):
        running = {task.get_name() for task in asyncio.all_tasks()} - before
        assert "voice-overdue-alerts" not in running
