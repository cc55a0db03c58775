"""Who may use each lived-experience route (merged into tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

EDITORS = frozenset({Role.ADMIN, Role.MODERATOR})

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/stories/new"): EDITORS,
    ("POST", "/staff/stories"): EDITORS,
}
