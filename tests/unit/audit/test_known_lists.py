"""The audit filter's lists of actions and object types keep up with the code."""

from __future__ import annotations

import re
from pathlib import Path

from voice.audit.services import KNOWN_ACTIONS, KNOWN_OBJECT_TYPES

VOICE = Path(__file__).resolve().parents[3] / "voice"
OBJECT_TYPE = re.compile(r'object_type="([a-z_]+)"')


def test_every_object_type_written_in_code_is_offered() -> None:
    written = {
        match.group(1)
        for path in VOICE.rglob("*.py")
        for match in OBJECT_TYPE.finditer(path.read_text(encoding="utf-8"))
    }
    assert written, "the pattern found nothing: has record() changed?"
    missing = written - set(KNOWN_OBJECT_TYPES)
    assert not missing, f"add {sorted(missing)} to KNOWN_OBJECT_TYPES in voice/audit/services.py"


def test_lists_are_sorted_and_unique() -> None:
    for values in (KNOWN_ACTIONS, KNOWN_OBJECT_TYPES):
        assert list(values) == sorted(set(values))
