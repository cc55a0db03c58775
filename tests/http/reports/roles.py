"""Who may use each reports route (merged into tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

READERS = frozenset({Role.ADMIN, Role.MODERATOR, Role.ANALYST})

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/figures"): READERS,
    ("GET", "/staff/figures.csv"): READERS,
}
