"""Who may use each moderation route (merged into tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

MODERATORS = frozenset({Role.ADMIN, Role.MODERATOR})
_ITEM = "/staff/moderation/{contribution_id:int}"

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/moderation"): MODERATORS,
    ("POST", "/staff/moderation/bulk"): MODERATORS,
    ("GET", _ITEM): MODERATORS,
    ("POST", f"{_ITEM}/review"): MODERATORS,
    ("POST", f"{_ITEM}/approve"): MODERATORS,
    ("POST", f"{_ITEM}/reject"): MODERATORS,
    ("POST", f"{_ITEM}/reopen"): MODERATORS,
    ("POST", f"{_ITEM}/withdraw"): MODERATORS,
    ("POST", f"{_ITEM}/redactions"): MODERATORS,
    ("POST", f"{_ITEM}/redactions/{{redaction_id:int}}"): MODERATORS,
    ("POST", f"{_ITEM}/notes"): MODERATORS,
    ("POST", f"{_ITEM}/themes"): MODERATORS,
    ("POST", f"{_ITEM}/language"): MODERATORS,
    ("POST", f"{_ITEM}/priorities"): MODERATORS,
    ("POST", f"{_ITEM}/priorities/{{link_id:int}}/remove"): MODERATORS,
}
