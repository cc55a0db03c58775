"""Nothing in Voice's code changes or deletes audit events, through the ORM or in SQL."""

from __future__ import annotations

import re
from pathlib import Path

VOICE = Path(__file__).resolve().parents[3] / "voice"
MODELS = VOICE / "audit" / "models.py"

ORM_WRITE = re.compile(
    r"AuditEvent\b[^\n]*\.(update|delete|bulk_update|select_for_update|update_or_create)\("
)
SQL_WRITE = re.compile(r"\b(update|delete\s+from|truncate(\s+table)?|drop\s+table)\s+\"?audit_event\b", re.I)


def test_no_code_writes_over_audit_events() -> None:
    offenders = []
    for path in sorted(VOICE.rglob("*.py")):
        if path == MODELS or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (ORM_WRITE, SQL_WRITE):
            offenders.extend(f"{path.relative_to(VOICE)}: {m.group(0)}" for m in pattern.finditer(text))
    assert not offenders, offenders


def test_the_patterns_catch_what_they_should() -> None:
    assert ORM_WRITE.search("await AuditEvent.filter(id=1).delete()")
    assert ORM_WRITE.search("await AuditEvent.all().update(action='x')")
    assert SQL_WRITE.search('conn.execute("DELETE FROM audit_event WHERE id = 1")')
    assert SQL_WRITE.search("UPDATE audit_event SET action = 'x'")
    assert not ORM_WRITE.search("await AuditEvent.filter(action='x').order_by('-id')")
