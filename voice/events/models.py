"""Takeover events: young people take over a board meeting."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class TakeoverEvent(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    held_on = fields.DateField()
    venue = fields.CharField(max_length=200, default="")
    host_agency = fields.CharField(max_length=120, default="")
    summary = fields.TextField(default="")
    # 0 when staff did not say: no takeover has nobody taking part, so a typed number is at
    # least 1, and pages say "Not given" for 0 (the column predates that and is not null).
    participants = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    # The one-time key of the form that added it: sent twice (a double click, a resend),
    # the form adds one event.
    form_key = fields.CharField(max_length=64, null=True, unique=True)

    class Meta:
        table = "takeover_event"
        ordering = ["-held_on"]
