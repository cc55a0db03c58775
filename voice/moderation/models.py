"""Moderation: redactions, themes, notes and safeguarding cases."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from voice.accounts.models import StaffUser
    from voice.feedback.models import Answer, Contribution


class RedactionSource(StrEnum):
    SCREENING = "screening"
    MODERATOR = "moderator"


class RedactionState(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


# A span of an answer's original text to hide, with its reason.
class Redaction(Model):
    id = fields.IntField(primary_key=True)
    answer: fields.ForeignKeyRelation[Answer] = fields.ForeignKeyField(
        "voice.Answer", related_name="redactions", on_delete=fields.CASCADE
    )
    answer_id: int
    start = fields.IntField()
    end = fields.IntField()
    kind = fields.CharField(max_length=32)
    reason = fields.CharField(max_length=200, default="")
    source = fields.CharEnumField(RedactionSource, max_length=10)
    state = fields.CharEnumField(RedactionState, max_length=10, default=RedactionState.SUGGESTED)
    decided_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "redaction"
        indexes = (("answer_id",),)


class Theme(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=80, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "theme"
        ordering = ["name"]


class ModeratorNote(Model):
    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyRelation[Contribution] = fields.ForeignKeyField(
        "voice.Contribution", related_name="notes", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "moderator_note"
        indexes = (("contribution_id",),)


class CaseDecision(StrEnum):
    REFERRED_FRONT_DOOR = "referred_front_door"
    ALREADY_KNOWN = "already_known"
    ADVICE_GIVEN = "advice_given"
    NO_FURTHER_ACTION = "no_further_action"


class CaseStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


# A possible disclosure, seen only by safeguarding leads and admins.
class SafeguardingCase(Model):
    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyNullableRelation[Contribution] = fields.ForeignKeyField(
        "voice.Contribution", null=True, related_name="cases", on_delete=fields.SET_NULL
    )
    level = fields.CharField(max_length=8)
    status = fields.CharEnumField(CaseStatus, max_length=12, default=CaseStatus.OPEN)
    original_text = fields.TextField()
    reasons: fields.JSONField[list[str]] = fields.JSONField(default=list)
    opened_at = fields.DatetimeField(db_index=True)
    raised_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    acknowledged_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    acknowledged_at = fields.DatetimeField(null=True)
    decision = fields.CharEnumField(CaseDecision, max_length=24, null=True)
    reasoning = fields.TextField(default="")
    referral_reference = fields.CharField(max_length=80, default="")
    outcome = fields.TextField(default="")
    signed_off_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    signed_off_at = fields.DatetimeField(null=True)
    overdue_alert_sent_at = fields.DatetimeField(null=True)
    decision_alert_sent_at = fields.DatetimeField(null=True)
    purge_after = fields.DatetimeField(null=True)

    class Meta:
        table = "safeguarding_case"
        indexes = (("contribution_id",), ("status", "opened_at"))


#: ``QueueTally.month`` for the all-time rows.
ALL_TIME = ""


# How many contributions share each combination of the queue's filter columns.
# Database triggers (migration 0004, ``voice/moderation/tally.py``) keep it exact on
# every insert, update and delete of a contribution, in the same transaction, so the
# queue's counts per filter read a few thousand rows instead of every contribution.
# Each contribution is in two rows: its all-time row (month "") and its month's row
# ("2026-11", by ``submitted_at`` in UTC). No consultation or event is stored as 0.
class QueueTally(Model):
    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7)
    status = fields.CharField(max_length=12)
    screening_rank = fields.SmallIntField()
    kind = fields.CharField(max_length=20)
    language = fields.CharField(max_length=8)
    consultation_key = fields.IntField()
    event_key = fields.IntField()
    n = fields.IntField(default=0)

    class Meta:
        table = "queue_tally"
        unique_together = (
            ("month", "status", "screening_rank", "kind", "language", "consultation_key", "event_key"),
        )
