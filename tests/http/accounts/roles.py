"""Who may use the staff accounts admin routes (walked by tests/http/accounts/test_roles.py).

Sign-in, sign-out and the staff home page are in the walker's own table.
"""

from __future__ import annotations

from voice.accounts.models import Role

ADMIN_ONLY = frozenset({Role.ADMIN})
EVERYONE = frozenset(Role)

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/accounts"): ADMIN_ONLY,
    ("GET", "/staff/accounts/new"): ADMIN_ONLY,
    ("POST", "/staff/accounts/new"): ADMIN_ONLY,
    ("GET", "/staff/accounts/{user_id:int}"): ADMIN_ONLY,
    ("POST", "/staff/accounts/{user_id:int}"): ADMIN_ONLY,
    ("POST", "/staff/accounts/{user_id:int}/password"): ADMIN_ONLY,
    ("GET", "/staff/password"): EVERYONE,
    ("POST", "/staff/password"): EVERYONE,
    ("POST", "/staff/stay-signed-in"): EVERYONE,
}
