"""Who may use the audit log's routes (walked by tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

ADMIN_ONLY = frozenset({Role.ADMIN})

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/audit"): ADMIN_ONLY,
    ("GET", "/staff/audit.csv"): ADMIN_ONLY,
}
