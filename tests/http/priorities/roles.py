"""Who may use each priorities route (merged into tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

EDITORS = frozenset({Role.ADMIN, Role.MODERATOR})
READERS = frozenset({Role.ADMIN, Role.MODERATOR, Role.ANALYST})
P = "/staff/priorities/{priority_id:int}"

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/priorities"): READERS,
    ("POST", "/staff/priorities"): EDITORS,
    ("GET", "/staff/priorities/new"): EDITORS,
    ("GET", P): READERS,
    ("GET", P + "/edit"): EDITORS,
    ("POST", P + "/edit"): EDITORS,
    ("POST", P + "/move"): EDITORS,
    ("GET", P + "/delete"): EDITORS,
    ("POST", P + "/delete"): EDITORS,
    ("POST", P + "/themes"): EDITORS,
    ("POST", P + "/links/{link_id:int}/remove"): EDITORS,
    ("GET", P + "/changes/new"): EDITORS,
    ("POST", P + "/changes/new"): EDITORS,
    ("GET", P + "/changes/{action_id:int}/remove"): EDITORS,
    ("POST", P + "/changes/{action_id:int}/remove"): EDITORS,
}
