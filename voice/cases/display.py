"""How cases read on staff pages and in emails: times, durations and labels (plain English)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from voice.audit.models import AuditEvent
from voice.moderation.models import CaseDecision, CaseStatus

#: The partnership works in England: times are shown in UK time (GMT or BST).
STAFF_TIMEZONE = "Europe/London"

DECISION_LABELS: dict[CaseDecision, str] = {
    CaseDecision.REFERRED_FRONT_DOOR: "Referred to the children's social care front door",
    CaseDecision.ALREADY_KNOWN: "Already known to services",
    CaseDecision.ADVICE_GIVEN: "Advice given",
    CaseDecision.NO_FURTHER_ACTION: "No further action",
}

STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.OPEN: "Not acknowledged",
    CaseStatus.ACKNOWLEDGED: "Acknowledged",
    CaseStatus.CLOSED: "Closed",
}

LEVEL_LABELS: dict[str, str] = {"urgent": "Urgent", "concern": "Concern"}

ACTION_LABELS: dict[str, str] = {
    "case.opened": "Case opened by screening",
    "case.raised": "Case raised by hand",
    "case.viewed": "Case viewed",
    "case.acknowledged": "Acknowledged",
    "case.decision_recorded": "Decision recorded",
    "case.outcome_recorded": "Outcome recorded",
    "case.signed_off": "Signed off",
    "case.sign_off_withdrawn": "Sign-off withdrawn because the record changed",
    "case.closed": "Closed",
    "case.alert_sent": "Overdue alert emailed to the safeguarding leads",
    "case.decision_alert_sent": "No-decision alert emailed to the safeguarding leads",
}


@cache
def _zone() -> tzinfo:
    try:
        return ZoneInfo(STAFF_TIMEZONE)
    except ZoneInfoNotFoundError:  # no time zone database on this machine
        return UTC


def when(moment: datetime | None) -> str:
    """``3 March 2026, 15:05 GMT``; an empty string for no time."""
    if moment is None:
        return ""
    local = moment.astimezone(_zone())
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


def day(value: date) -> str:
    """``12 November 2026``."""
    return f"{value.day} {value:%B %Y}"


def machine_time(moment: datetime | None) -> str:
    """For ``<time datetime=...>``."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else ""


def duration(span: timedelta) -> str:
    """``2 hours 5 minutes``, ``1 day 3 hours``, ``less than a minute``."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    for amount, unit in ((days, "day"), (hours, "hour"), (mins, "minute")):
        if amount:
            parts.append(f"{amount} {unit}{'' if amount == 1 else 's'}")
    return " ".join(parts[:2])


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level.title())


def decision_label(decision: CaseDecision | str | None) -> str:
    if decision is None or decision == "":
        return ""
    try:
        return DECISION_LABELS[CaseDecision(decision)]
    except ValueError:
        return str(decision)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


_FIELD_LABELS = {
    "status": "status",
    "acknowledged_at": "acknowledgement",
    "decision": "decision",
    "reasoning": "reasoning",
    "referral_reference": "referral reference",
    "outcome": "outcome",
    "signed_off_at": "sign-off",
    "purge_after": "deletion date",
    "level": "level",
}


def changed_fields(after: dict[str, object]) -> str:
    """Which parts of the record an audited change touched, for the history table."""
    return ", ".join(_FIELD_LABELS[key] for key in after if key in _FIELD_LABELS)


@dataclass
class HistoryRow:
    """One line of a case's history: one audited event, or a run of views by one person."""

    event: AuditEvent
    views: int = 1
    last_at: datetime | None = None

    @property
    def label(self) -> str:
        if self.views > 1:
            return f"Case viewed {self.views} times"
        return action_label(self.event.action)


def history_rows(events: Iterable[AuditEvent]) -> list[HistoryRow]:
    """The case's history for the page, oldest first. Each view stays in the audit log, but a
    run of views by the same person with nothing else between is one line ("Case viewed 4
    times", with the first and last time), so the decisions are not lost among views."""
    rows: list[HistoryRow] = []
    for event in events:
        last = rows[-1] if rows else None
        if (
            last is not None
            and event.action == last.event.action == "case.viewed"
            and (event.actor_id, event.actor_label) == (last.event.actor_id, last.event.actor_label)
        ):
            last.views += 1
            last.last_at = event.at
            continue
        rows.append(HistoryRow(event))
    return rows
