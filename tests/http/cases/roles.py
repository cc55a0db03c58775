"""Who may use each safeguarding case route (walked by tests/http/accounts/test_roles.py)."""

from __future__ import annotations

from voice.accounts.models import Role

LEADS_AND_ADMINS = frozenset({Role.SAFEGUARDING_LEAD, Role.ADMIN})

ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/staff/cases"): LEADS_AND_ADMINS,
    ("GET", "/staff/cases/{case_id:int}"): LEADS_AND_ADMINS,
    ("POST", "/staff/cases/{case_id:int}/acknowledge"): LEADS_AND_ADMINS,
    ("POST", "/staff/cases/{case_id:int}/decision"): LEADS_AND_ADMINS,
    ("POST", "/staff/cases/{case_id:int}/outcome"): LEADS_AND_ADMINS,
    ("POST", "/staff/cases/{case_id:int}/sign-off"): frozenset({Role.SAFEGUARDING_LEAD}),
    ("POST", "/staff/cases/{case_id:int}/close"): LEADS_AND_ADMINS,
    ("POST", "/staff/cases/raise"): frozenset({Role.MODERATOR, Role.ADMIN}),
}
