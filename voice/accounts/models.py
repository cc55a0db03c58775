"""Staff users, their roles and their server-side sessions."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Role(StrEnum):
    """What a member of staff may do. Young people never have accounts."""

    ADMIN = "admin"
    MODERATOR = "moderator"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    ANALYST = "analyst"


class StaffUser(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    display_name = fields.CharField(max_length=120)
    password_hash = fields.CharField(max_length=255)
    role = fields.CharEnumField(Role, max_length=32)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_signed_in_at = fields.DatetimeField(null=True)
    # Set when an admin gives them a temporary password: until they choose their own, every
    # staff page sends them to "Change your password".
    must_change_password = fields.BooleanField(default=False)
    password_changed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "staff_user"


# A signed-in session. Only a SHA-256 digest of the cookie value is stored.
class StaffSession(Model):
    id = fields.IntField(primary_key=True)
    token_digest = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()

    class Meta:
        table = "staff_session"
