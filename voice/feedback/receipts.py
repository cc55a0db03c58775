"""Receipt codes: random, non-sequential, easy to read aloud and type on a phone."""

from __future__ import annotations

import re
import secrets

#: No 0/O, 1/I/L, and no U/V. 29 symbols, 8 characters: about 2^39 codes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def generate() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(raw: str) -> str | None:
    """Tidy what someone typed: case, spaces, dashes. None if it cannot be a code."""
    compact = re.sub(r"[\s\-–—_.]", "", raw.upper())
    if len(compact) != 8:
        return None
    code = f"{compact[:4]}-{compact[4:]}"
    return code if _SHAPE.match(code) else None
