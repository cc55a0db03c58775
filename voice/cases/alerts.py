"""Overdue-case emails to the safeguarding leads, through the configured SMTP server.

:func:`send_overdue_alerts` claims each overdue, unacknowledged case with a conditional
update before sending, so however many workers (or cron runs) overlap, each case is
emailed once. If the email cannot be sent the claim is released and the next run tries
again. The email holds no personal details and none of the original words: only the case
number, its level, when it arrived, how overdue it is, and a link.

``voice send-alerts`` runs it once (for cron); the app also runs it every minute in the
background while ``VOICE_SMTP_HOST`` is set.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from voice.accounts.models import Role, StaffUser
from voice.audit.services import record
from voice.cases import display
from voice.cases.services import OBJECT_TYPE, ack_limit, due_at, overdue_cases
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
    """The alert for one case. Never any personal details or original words."""
    level = display.level_label(case.level)
    due = due_at(case, settings)
    message = EmailMessage()
    message["Subject"] = f"Overdue safeguarding case #{case.id} ({case.level})"
    message["From"] = settings.mail_from
    message["To"] = ", ".join(leads)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or "localhost")
    message.set_content(
        "\n".join(
            [
                "A safeguarding case in Voice has not been acknowledged within its time limit.",
                "",
                f"Case: {case.id}",
                f"Level: {level}",
                f"Arrived: {display.when(case.opened_at)}",
                f"Time limit: {display.duration(ack_limit(case.level, settings))}",
                f"Overdue by: {display.duration(now - due)}",
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


async def _release(case_id: int) -> None:
    await SafeguardingCase.filter(id=case_id).update(overdue_alert_sent_at=None)


async def send_overdue_alerts(now: datetime, settings: Settings) -> list[int]:
    """Email the active safeguarding leads about each overdue case not yet alerted.

    Returns the ids of the cases emailed. Does nothing without ``smtp_host``.
    """
    if not settings.smtp_host:
        return []
    pending = [case for case in await overdue_cases(now, settings) if case.overdue_alert_sent_at is None]
    if not pending:
        return []
    leads = [
        lead.email
        for lead in await StaffUser.filter(role=Role.SAFEGUARDING_LEAD, is_active=True).order_by("id")
    ]
    if not leads:
        logger.error("%d overdue safeguarding case(s) but no active safeguarding lead to email", len(pending))
        return []
    sent: list[int] = []
    for case in pending:
        # The claim: only one worker's update finds the case still unclaimed.
        claimed = await SafeguardingCase.filter(
            id=case.id,
            status=CaseStatus.OPEN,
            acknowledged_at__isnull=True,
            overdue_alert_sent_at__isnull=True,
        ).update(overdue_alert_sent_at=now)
        if not claimed:
            continue
        message = build_message(case, leads, now, settings)
        try:
            refused = await asyncio.to_thread(_send, message, leads, settings)
        except asyncio.CancelledError:
            await _release(case.id)  # it may not have gone: better twice than never
            raise
        except (OSError, smtplib.SMTPException) as exc:
            await _release(case.id)
            logger.error("Could not email the overdue alert for case %s (will try again): %s", case.id, exc)
            continue
        if refused:
            logger.error(
                "The SMTP server refused the overdue alert for case %s to %s", case.id, sorted(refused)
            )
        await record(
            "case.alert_sent",
            object_type=OBJECT_TYPE,
            object_id=case.id,
            after={"recipients": len(leads) - len(refused)},
            at=now,
        )
        sent.append(case.id)
    return sent


async def _run_forever(state: object, settings: Settings) -> None:
    while True:
        try:
            await send_overdue_alerts(app_now(state), settings)
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
