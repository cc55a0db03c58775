"""No decision by the end of the first working day after a case arrived: the safeguarding
leads are emailed once, acknowledged or not, through a real local SMTP server."""

from __future__ import annotations

import asyncio
import importlib
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from tortoise import connections

from tests.unit.cases.factory import CONCERN_WORDS, START, URGENT_WORDS, make_case, make_lead
from tests.unit.cases.smtp import SMTPServer, free_port
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.cases import alerts
from voice.cases.alerts import send_all_alerts, send_decision_alerts, unsent_alerts
from voice.cases.display import action_label
from voice.cases.services import decision_overdue_cases
from voice.moderation.models import CaseDecision, CaseStatus, SafeguardingCase
from voice.settings import Settings

pytestmark = pytest.mark.usefixtures("app")

#: START is Monday 2 March 2026, 09:00 GMT: a decision is due by the end of Tuesday.
DUE = datetime(2026, 3, 4, 0, 0, tzinfo=UTC)


def _smtp(settings: Settings, server: SMTPServer | None = None) -> Settings:
    return replace(
        settings,
        smtp_host="127.0.0.1",
        smtp_port=server.port if server else free_port(),
        mail_from="voice@partnership.example",
        base_url="https://voice.partnership.example/",
    )


async def _acknowledged(lead: StaffUser, **fields: object) -> SafeguardingCase:
    return await make_case(
        "urgent",
        at=START,
        status=CaseStatus.ACKNOWLEDGED,
        acknowledged_by=lead,
        acknowledged_at=START + timedelta(minutes=20),
        **fields,
    )


async def test_an_acknowledged_case_with_no_decision_is_emailed_once(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    case = await _acknowledged(lead, contact=("email", "parent@example.org"))
    configured = _smtp(settings, smtp_server)
    assert await send_decision_alerts(DUE - timedelta(seconds=1), configured) == []
    assert smtp_server.received == []

    assert await send_decision_alerts(DUE + timedelta(minutes=5), configured) == [case.id]
    [mail] = smtp_server.received
    assert mail.recipients == [lead.email]
    assert mail.message["Subject"] == f"No decision on safeguarding case #{case.id} (urgent)"
    body = mail.body
    assert "has no decision on what happens next" in body
    assert "Decision due by: the end of 3 March 2026" in body and "Overdue by: 5 minutes" in body
    assert "Arrived: 2 March 2026, 09:00 GMT" in body
    assert f"https://voice.partnership.example/staff/cases/{case.id}" in body
    everything = mail.message.as_string()
    for secret in (URGENT_WORDS, "parent@example.org", "test reason"):
        assert secret not in everything
    stored = await SafeguardingCase.get(id=case.id)
    assert stored.decision_alert_sent_at == DUE + timedelta(minutes=5)
    assert stored.overdue_alert_sent_at is None  # it was acknowledged in time
    [event] = await AuditEvent.filter(action="case.decision_alert_sent", object_id=str(case.id))
    assert event.after == {"recipients": 1}

    assert await send_decision_alerts(DUE + timedelta(days=2), configured) == []
    assert len(smtp_server.received) == 1


async def test_decided_or_closed_cases_get_no_mail(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    await _acknowledged(lead, decision=CaseDecision.REFERRED_FRONT_DOOR)
    await make_case("concern", at=START, status=CaseStatus.CLOSED)
    assert await decision_overdue_cases(DUE + timedelta(days=3)) == []
    assert await send_decision_alerts(DUE + timedelta(days=3), _smtp(settings, smtp_server)) == []
    assert smtp_server.received == []


async def test_a_case_from_friday_is_due_by_the_end_of_monday(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    friday = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)
    case = await make_case("concern", at=friday, text=CONCERN_WORDS)
    end_of_monday = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    configured = _smtp(settings, smtp_server)
    assert await send_decision_alerts(end_of_monday - timedelta(minutes=1), configured) == []
    assert await send_decision_alerts(end_of_monday, configured) == [case.id]
    assert "Decision due by: the end of 9 March 2026" in smtp_server.received[0].body


async def test_not_acknowledged_and_not_decided_is_two_emails_once_each(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    case = await make_case("urgent", at=START)
    configured = _smtp(settings, smtp_server)
    assert await unsent_alerts(DUE, configured) == [case.id]
    assert await send_all_alerts(DUE, configured) == [case.id, case.id]
    subjects = [str(mail.message["Subject"]) for mail in smtp_server.received]
    assert subjects == [
        f"Overdue safeguarding case #{case.id} (urgent)",
        f"No decision on safeguarding case #{case.id} (urgent)",
    ]
    assert await send_all_alerts(DUE + timedelta(hours=1), configured) == []
    assert await unsent_alerts(DUE + timedelta(hours=1), configured) == []


async def test_smtp_down_releases_the_claim_and_the_next_run_sends(
    settings: Settings,
    staff: dict[Role, StaffUser],
    smtp_server: SMTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case = await _acknowledged(staff[Role.SAFEGUARDING_LEAD])
    with caplog.at_level(logging.ERROR, logger="voice.cases.alerts"):
        assert await send_decision_alerts(DUE, _smtp(settings)) == []
    assert f"no-decision alert for case {case.id}" in caplog.text
    assert (await SafeguardingCase.get(id=case.id)).decision_alert_sent_at is None
    assert await unsent_alerts(DUE, _smtp(settings)) == [case.id]
    assert await send_decision_alerts(DUE, _smtp(settings, smtp_server)) == [case.id]


async def test_two_workers_at_once_send_once(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    cases = [await _acknowledged(lead) for _ in range(3)]
    configured = _smtp(settings, smtp_server)
    first, second = await asyncio.gather(
        send_decision_alerts(DUE, configured), send_decision_alerts(DUE, configured)
    )
    assert sorted(first + second) == [case.id for case in cases]
    assert len(smtp_server.received) == 3


async def test_a_decision_made_meanwhile_is_not_emailed(
    settings: Settings, staff: dict[Role, StaffUser], smtp_server: SMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim checks the case still has no decision: one recorded after the list was read
    (by a lead in the app) stops the email."""
    case = await _acknowledged(staff[Role.SAFEGUARDING_LEAD])
    listed = await decision_overdue_cases(DUE)
    await SafeguardingCase.filter(id=case.id).update(decision=CaseDecision.NO_FURTHER_ACTION)

    async def stale(now: datetime) -> list[SafeguardingCase]:
        return listed

    monkeypatch.setattr(alerts, "decision_overdue_cases", stale)
    assert await send_decision_alerts(DUE, _smtp(settings, smtp_server)) == []
    assert smtp_server.received == []


async def test_nothing_without_smtp_or_without_a_lead(
    settings: Settings, smtp_server: SMTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    case = await make_case("concern", at=START)
    assert await send_decision_alerts(DUE, settings) == []
    with caplog.at_level(logging.ERROR, logger="voice.cases.alerts"):
        assert await send_decision_alerts(DUE, _smtp(settings, smtp_server)) == []
    assert "no active safeguarding lead" in caplog.text
    assert (await SafeguardingCase.get(id=case.id)).decision_alert_sent_at is None
    await make_lead("lead@voice.test")
    assert await send_decision_alerts(DUE, _smtp(settings, smtp_server)) == [case.id]


def test_the_case_history_names_both_alerts() -> None:
    assert action_label("case.alert_sent") == "Overdue alert emailed to the safeguarding leads"
    assert action_label("case.decision_alert_sent") == "No-decision alert emailed to the safeguarding leads"


async def test_the_migration_marks_cases_already_overdue_so_an_upgrade_sends_no_burst(
    staff: dict[Role, StaffUser],
) -> None:
    """Migration 0009: undecided cases already past their decision day are marked (at their
    arrival, as no email went); the others are emailed as usual when their day ends."""
    lead = staff[Role.SAFEGUARDING_LEAD]
    now = datetime.now(UTC)
    old = await make_case("urgent", at=START)
    recent = await make_case("concern", at=now - timedelta(hours=1))
    decided = await _acknowledged(lead, decision=CaseDecision.ADVICE_GIVEN)
    closed = await make_case("concern", at=START, status=CaseStatus.CLOSED)
    migration = importlib.import_module("voice.migrations.0009_decision_alerts")
    await migration.mark_old_overdue(None, SimpleNamespace(client=connections.get("default")))
    marks = {case.id: case.decision_alert_sent_at for case in await SafeguardingCase.all()}
    assert marks == {old.id: START, recent.id: None, decided.id: None, closed.id: None}
