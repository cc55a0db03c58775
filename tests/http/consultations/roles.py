"""Who may use each consultations route (walked by tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

MANAGERS = frozenset({Role.ADMIN, Role.MODERATOR})

C = "/staff/consultations/{consultation_id:int}"
Q = C + "/questions/{question_id:int}"
A = "/staff/areas/{area_id:int}"

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/consultations"): MANAGERS,
    ("POST", "/staff/consultations"): MANAGERS,
    ("GET", "/staff/consultations/new"): MANAGERS,
    ("GET", C): MANAGERS,
    ("GET", C + "/edit"): MANAGERS,
    ("POST", C + "/edit"): MANAGERS,
    ("GET", C + "/delete"): MANAGERS,
    ("POST", C + "/delete"): MANAGERS,
    ("GET", C + "/questions/new"): MANAGERS,
    ("POST", C + "/questions/new"): MANAGERS,
    ("GET", Q): MANAGERS,
    ("POST", Q): MANAGERS,
    ("GET", Q + "/delete"): MANAGERS,
    ("POST", Q + "/delete"): MANAGERS,
    ("POST", Q + "/move"): MANAGERS,
    ("GET", C + "/preview"): MANAGERS,
    ("GET", C + "/preview/hear-back"): MANAGERS,
    ("POST", C + "/preview/hear-back"): MANAGERS,
    ("GET", C + "/preview/check"): MANAGERS,
    ("POST", C + "/preview/send"): MANAGERS,
    ("GET", C + "/preview/{position:int}"): MANAGERS,
    ("POST", C + "/preview/{position:int}"): MANAGERS,
    ("GET", "/staff/areas"): MANAGERS,
    ("POST", "/staff/areas"): MANAGERS,
    ("GET", A): MANAGERS,
    ("POST", A): MANAGERS,
    ("POST", A + "/move"): MANAGERS,
    ("POST", A + "/active"): MANAGERS,
}
