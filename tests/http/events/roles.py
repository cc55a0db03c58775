"""Who may use each takeover-event route (merged into tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

EDITORS = frozenset({Role.ADMIN, Role.MODERATOR})
E = "/staff/events/{event_id:int}"

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/events"): EDITORS,
    ("POST", "/staff/events"): EDITORS,
    ("GET", "/staff/events/new"): EDITORS,
    ("GET", E): EDITORS,
    ("GET", E + "/edit"): EDITORS,
    ("POST", E + "/edit"): EDITORS,
    ("POST", E + "/comments"): EDITORS,
    ("GET", E + "/delete"): EDITORS,
    ("POST", E + "/delete"): EDITORS,
}
