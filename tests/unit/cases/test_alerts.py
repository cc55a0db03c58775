"""Overdue alerts through a real local SMTP server (aiosmtpd) and a controllable clock."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.unit.cases.factory import CONCERN_WORDS, START, URGENT_WORDS, make_case, make_lead
from tests.unit.cases.smtp import Collector, SMTPServer, free_port
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import alerts
from voice.cases.alerts import send_overdue_alerts
from voice.clock import FixedClock
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.settings import Settings

pytestmark = pytest.mark.usefixtures("app")


def _smtp(settings: Settings, server: SMTPServer | None = None, port: int | None = None) -> Settings:
    return replace(
        settings,
        smtp_host="127.0.0.1",
        smtp_port=server.port if server else (port or free_port()),
        mail_from="voice@partnership.example",
        base_url="https://voice.partnership.example/",
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


async def test_nothing_without_smtp(settings: Settings, staff: dict[Role, StaffUser]) -> None:
    case = await make_case("urgent", at=START)
    assert await send_overdue_alerts(START + timedelta(days=1), settings) == []
    assert (await SafeguardingCase.get(id=case.id)).overdue_alert_sent_at is None


async def test_one_mail_per_lead_once_overdue_then_never_again(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer, clock: FixedClock
) -> None:
    configured = _smtp(settings, smtp_server)
    second = await make_lead("second.lead@voice.test")
    await make_lead("gone.lead@voice.test", active=False)
    urgent = await make_case("urgent", at=START, contact=("email", "parent@example.org"))
    concern = await make_case("concern", at=START)

    clock.advance(timedelta(hours=1))  # exactly at the urgent limit: still in time
    assert await send_overdue_alerts(clock.now(), configured) == []
    assert smtp_server.received == []

    clock.advance(timedelta(minutes=1))
    assert await send_overdue_alerts(clock.now(), configured) == [urgent.id]
    [mail] = smtp_server.received
    leads = {staff[Role.SAFEGUARDING_LEAD].email, second.email}
    assert sorted(mail.recipients) == sorted(leads)  # each active lead once; nobody else
    assert mail.sender == "voice@partnership.example"
    assert mail.message["Subject"] == f"Overdue safeguarding case #{urgent.id} (urgent)"
    body = mail.body
    assert f"https://voice.partnership.example/staff/cases/{urgent.id}" in body
    assert (
        "Level: Urgent" in body
        and "Overdue by: 1 minute" in body
        and "Arrived: 2 March 2026, 09:00 GMT" in body
    )
    everything = mail.message.as_string()
    for secret in (URGENT_WORDS, "dad hits me", "parent@example.org", "test reason"):
        assert secret not in everything
    stored = await SafeguardingCase.get(id=urgent.id)
    assert stored.overdue_alert_sent_at == clock.now()
    [event] = await AuditEvent.filter(action="case.alert_sent", object_id=str(urgent.id))
    assert event.after == {"recipients": 2} and event.at == clock.now()

    assert await send_overdue_alerts(clock.now() + timedelta(minutes=5), configured) == []
    assert len(smtp_server.received) == 1  # no duplicate

    clock.advance(timedelta(hours=3))  # the concern case is now overdue too
    assert await send_overdue_alerts(clock.now(), configured) == [concern.id]
    assert len(smtp_server.received) == 2
    assert smtp_server.received[1].message["Subject"] == f"Overdue safeguarding case #{concern.id} (concern)"
    assert CONCERN_WORDS not in smtp_server.received[1].message.as_string()


async def test_acknowledged_cases_get_no_mail(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    await make_case(
        "urgent", at=START, status=CaseStatus.ACKNOWLEDGED, acknowledged_by=lead, acknowledged_at=START
    )
    await make_case("urgent", at=START, status=CaseStatus.CLOSED)
    assert await send_overdue_alerts(START + timedelta(days=1), _smtp(settings, smtp_server)) == []
    assert smtp_server.received == []


async def test_smtp_down_releases_the_claim(
    settings: Settings,
    staff: dict[Role, StaffUser],
    smtp_server: SMTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case = await make_case("urgent", at=START)
    late = START + timedelta(hours=2)
    with caplog.at_level(logging.ERROR, logger="voice.cases.alerts"):
        assert await send_overdue_alerts(late, _smtp(settings, port=free_port())) == []
    assert (await SafeguardingCase.get(id=case.id)).overdue_alert_sent_at is None
    assert f"case {case.id}" in caplog.text
    assert not await AuditEvent.filter(action="case.alert_sent").exists()
    # The next run, with the server back, sends it.
    assert await send_overdue_alerts(late, _smtp(settings, smtp_server)) == [case.id]
    assert len(smtp_server.received) == 1


async def test_two_workers_at_once_send_once(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    cases = [await make_case("urgent", at=START) for _ in range(3)]
    configured = _smtp(settings, smtp_server)
    late = START + timedelta(hours=2)
    first, second = await asyncio.gather(
        send_overdue_alerts(late, configured), send_overdue_alerts(late, configured)
    )
    assert sorted(first + second) == [case.id for case in cases]
    subjects = sorted(str(mail.message["Subject"]) for mail in smtp_server.received)
    assert subjects == sorted(f"Overdue safeguarding case #{case.id} (urgent)" for case in cases)


async def test_no_active_lead_keeps_the_case_unclaimed(
    settings: Settings, smtp_server: SMTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    case = await make_case("urgent", at=START)
    with caplog.at_level(logging.ERROR, logger="voice.cases.alerts"):
        assert await send_overdue_alerts(START + timedelta(hours=2), _smtp(settings, smtp_server)) == []
    assert "no active safeguarding lead" in caplog.text
    assert (await SafeguardingCase.get(id=case.id)).overdue_alert_sent_at is None
    assert smtp_server.received == []


async def test_background_task_keeps_going_after_a_failure(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[datetime] = []

    async def flaky(now: datetime, _settings: Settings) -> list[int]:
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return []

    monkeypatch.setattr(alerts, "ALERT_INTERVAL_SECONDS", 0.01)
    monkeypatch.setattr(alerts, "send_overdue_alerts", flaky)
    state = SimpleNamespace(clock=FixedClock(START))
    assert alerts.start_background_alerts(state, settings) is None  # no SMTP: no task
    task = alerts.start_background_alerts(state, _smtp(settings))
    assert task is not None
    with caplog.at_level(logging.ERROR, logger="voice.cases.alerts"):
        for _ in range(200):
            if len(calls) >= 3:
                break
            await asyncio.sleep(0.01)
    assert len(calls) >= 3 and not task.done()
    assert "database went away" in caplog.text
    assert calls[0] == START  # the time comes from the app's clock
    await alerts.stop_background_alerts(task)
    assert task.cancelled()


async def test_smtp_login(settings: Settings, staff: dict[Role, StaffUser]) -> None:
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: object, session: object, envelope: object, mechanism: str, data: object
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.login == b"voice" and data.password == b"s3cret")

    collector = Collector()
    controller = Controller(
        collector, hostname="127.0.0.1", port=free_port(), authenticator=authenticator, auth_require_tls=False
    )
    controller.start()
    try:
        case = await make_case("urgent", at=START)
        configured = replace(
            settings,
            smtp_host="127.0.0.1",
            smtp_port=controller.port,
            smtp_username="voice",
            smtp_password="s3cret",
        )
        assert await send_overdue_alerts(START + timedelta(hours=2), configured) == [case.id]
        wrong = replace(configured, smtp_password="wrong")
        other = await make_case("urgent", at=START)
        assert (
            await send_overdue_alerts(START + timedelta(hours=2), wrong) == []
        )  # refused login: retried later
        assert (await SafeguardingCase.get(id=other.id)).overdue_alert_sent_at is None
    finally:
        controller.stop()
    assert logins[0] == (b"voice", b"s3cret") and len(collector.received) == 1
