"""Overdue-case emails to the safeguarding leads, through the configured SMTP server.

Two kinds, each sent once per case: a case not acknowledged within its time limit
(:func:`send_overdue_alerts`), and a case with no decision on what happens next by the end of
the first working day after it arrived (:func:`send_decision_alerts`). Each claims a case with
a conditional update before sending, so however many workers (or cron runs) overlap, each
case is emailed once of each kind. If the email cannot be sent the claim is released and the
next run tries again. The email holds no personal details and none of the original words:
only the case number, its level, when it arrived, what was due when, and a link.

``voice send-alerts`` runs both once (for cron); the app also runs it every minute in the
background while ``VOICE_SMTP_HOST`` is set.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from tortoise.expressions import Q

from voice.accounts.models import Role, StaffUser
from voice.audit.services import record
from voice.cases import display
from voice.cases.services import (
    OBJECT_TYPE,
    ack_limit,
    decide_by,
    decide_by_day,
    decision_overdue_cases,
    due_at,
    overdue_cases,
)
from voice.clock import app_now
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.settings import Settings

logger = logging.getLogger("voice.cases.alerts")

#: How often the app's background task looks for overdue cases.
ALERT_INTERVAL_SECONDS = 60.0
#: How long to wait for the SMTP server before giving up (the claim is then released).
SMTP_TIMEOUT_SECONDS = 30.0


def case_url(case_id: int, settings: Settings) -> str:
    return f"{settings.base_url.rstrip('/')}/staff/cases/{case_id}"


def build_message(
    case: SafeguardingCase, leads: list[str], now: datetime, settings: Settings
) -> EmailMessage:
    """The alert for one case not acknowledged in time. Never any personal details or words."""
    due = due_at(case, settings)
    return _message(
        f"Overdue safeguarding case #{case.id} ({case.level})",
        "A safeguarding case in Voice has not been acknowledged within its time limit.",
        [
            f"Time limit: {display.duration(ack_limit(case.level, settings))}",
            f"Overdue by: {display.duration(now - due)}",
        ],
        case,
        leads,
        now,
        settings,
    )


def build_decision_message(
    case: SafeguardingCase, leads: list[str], now: datetime, settings: Settings
) -> EmailMessage:
    """The alert for one case with no decision in time. Never any personal details or words."""
    return _message(
        f"No decision on safeguarding case #{case.id} ({case.level})",
        "A safeguarding case in Voice has no decision on what happens next, and it was due.",
        [
            f"Decision due by: the end of {display.day(decide_by_day(case))}",
            f"Overdue by: {display.duration(now - decide_by(case))}",
        ],
        case,
        leads,
        now,
        settings,
    )


def _message(
    subject: str,
    opening: str,
    lines: list[str],
    case: SafeguardingCase,
    leads: list[str],
    now: datetime,
    settings: Settings,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.mail_from
    message["To"] = ", ".join(leads)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or "localhost")
    message.set_content(
        "\n".join(
            [
                opening,
                "",
                f"Case: {case.id}",
                f"Level: {display.level_label(case.level)}",
                f"Arrived: {display.when(case.opened_at)}",
                *lines,
                "",
                "Open the case in Voice (you may need to sign in):",
                case_url(case.id, settings),
                "",
                "This email holds no personal details. Read the case in Voice.",
            ]
        )
    )
    return message


def _send(message: EmailMessage, recipients: list[str], settings: Settings) -> dict[str, tuple[int, bytes]]:
    """Send one message (blocking: run it in a thread). Returns the recipients refused."""
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        return smtp.send_message(message, to_addrs=recipients)


@dataclass(frozen=True)
class AlertKind:
    """One kind of alert: which cases it is for, how each is claimed, and its email."""

    #: Names the kind in the logs.
    name: str
    #: The case's column that says when it was emailed (None: not yet).
    sent_field: str
    #: Only a case that still matches these is claimed (and so emailed).
    still_due: Callable[[], Q]
    build: Callable[[SafeguardingCase, list[str], datetime, Settings], EmailMessage]
    #: The audit log's action.
    action: str


#: Not acknowledged within its time limit (``VOICE_CASE_ACK_HOURS``).
NOT_ACKNOWLEDGED = AlertKind(
    name="overdue alert",
    sent_field="overdue_alert_sent_at",
    still_due=lambda: Q(status=CaseStatus.OPEN, acknowledged_at__isnull=True),
    build=build_message,
    action="case.alert_sent",
)
#: No decision by the end of the first working day after it arrived.
NO_DECISION = AlertKind(
    name="no-decision alert",
    sent_field="decision_alert_sent_at",
    still_due=lambda: Q(decision__isnull=True) & ~Q(status=CaseStatus.CLOSED),
    build=build_decision_message,
    action="case.decision_alert_sent",
)


async def send_overdue_alerts(now: datetime, settings: Settings) -> list[int]:
    """Email the active safeguarding leads about each overdue case not yet alerted.

    Returns the ids of the cases emailed. Does nothing without ``smtp_host``.
    """
    if not settings.smtp_host:
        return []
    pending = [case for case in await overdue_cases(now, settings) if case.overdue_alert_sent_at is None]
    return await _alert(NOT_ACKNOWLEDGED, pending, now, settings)


async def send_decision_alerts(now: datetime, settings: Settings) -> list[int]:
    """Email the active safeguarding leads about each case with no decision in time, once.

    Returns the ids of the cases emailed. Does nothing without ``smtp_host``.
    """
    if not settings.smtp_host:
        return []
    return await _alert(NO_DECISION, await decision_overdue_cases(now), now, settings)


async def send_all_alerts(now: datetime, settings: Settings) -> list[int]:
    """Both kinds of alert; the ids of the cases emailed (a case may be there twice)."""
    return await send_overdue_alerts(now, settings) + await send_decision_alerts(now, settings)


async def unsent_alerts(now: datetime, settings: Settings) -> list[int]:
    """Cases due an alert that has not gone yet (either kind)."""
    not_acknowledged = [c.id for c in await overdue_cases(now, settings) if c.overdue_alert_sent_at is None]
    no_decision = [case.id for case in await decision_overdue_cases(now)]
    return sorted(set(not_acknowledged + no_decision))


async def _alert(
    kind: AlertKind, pending: list[SafeguardingCase], now: datetime, settings: Settings
) -> list[int]:
    if not pending:
        return []
    leads = [
        lead.email
        for lead in await StaffUser.filter(role=Role.SAFEGUARDING_LEAD, is_active=True).order_by("id")
    ]
    if not leads:
        logger.error(
            "%d safeguarding case(s) due an %s but no active safeguarding lead to email",
            len(pending),
            kind.name,
        )
        return []
    sent: list[int] = []
    for case in pending:
        # The claim: only one worker's update finds the case still unclaimed.
        unclaimed = {"id": case.id, f"{kind.sent_field}__isnull": True}
        claimed = await SafeguardingCase.filter(kind.still_due(), **unclaimed).update(
            **{kind.sent_field: now}
        )
        if not claimed:
            continue
        message = kind.build(case, leads, now, settings)
        try:
            refused = await asyncio.to_thread(_send, message, leads, settings)
        except asyncio.CancelledError:
            await _release(kind, case.id)  # it may not have gone: better twice than never
            raise
        except (OSError, smtplib.SMTPException) as exc:
            await _release(kind, case.id)
            logger.error("Could not email the %s for case %s (will try again): %s", kind.name, case.id, exc)
            continue
        if refused:
            logger.error(
                "The SMTP server refused the %s for case %s to %s", kind.name, case.id, sorted(refused)
            )
        await record(
            kind.action,
            object_type=OBJECT_TYPE,
            object_id=case.id,
            after={"recipients": len(leads) - len(refused)},
            at=now,
        )
        sent.append(case.id)
    return sent


async def _release(kind: AlertKind, case_id: int) -> None:
    await SafeguardingCase.filter(id=case_id).update(**{kind.sent_field: None})


async def _run_forever(state: object, settings: Settings) -> None:
    while True:
        try:
            await send_all_alerts(app_now(state), settings)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("Overdue-case alerts failed; trying again in %s seconds", ALERT_INTERVAL_SECONDS)
        await asyncio.sleep(ALERT_INTERVAL_SECONDS)


def start_background_alerts(state: object, settings: Settings) -> asyncio.Task[None] | None:
    """Start checking for overdue cases every minute (only when SMTP is configured).

    ``state`` is ``app.state``: each run reads the time from its clock.
    """
    if not settings.smtp_host:
        return None
    return asyncio.create_task(_run_forever(state, settings), name="voice-overdue-alerts")


async def stop_background_alerts(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    await asyncio.wait({task})  # never raises the task's CancelledError, but keeps our own
