"""Receipt codes: random, non-sequential, easy to read aloud and type on a phone."""

from __future__ import annotations

import re
import secrets
import unicodedata

from voice.feedback.typed import without_invisible

#: No 0/O, 1/I/L, and no U/V. 29 symbols, 8 characters: about 2^39 codes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def generate() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(raw: str) -> str | None:
    """Tidy what someone typed: case, spaces, dashes. None if it cannot be a code."""
    # NFKC turns full-width letters into plain ones; digits in any script (Arabic-Indic,
    # Urdu) become 0-9.
    folded = plain_digits(without_invisible(raw))
    compact = re.sub(r"[\s\-–—_.]", "", folded.upper())
    if len(compact) != 8:
        return None
    code = f"{compact[:4]}-{compact[4:]}"
    return code if _SHAPE.match(code) else None


def plain_digits(text: str) -> str:
    """``text`` with full-width forms folded (NFKC) and digits in any script (Urdu, Arabic-Indic,
    full-width) written as 0-9."""
    return "".join(_ascii_digit(char) for char in unicodedata.normalize("NFKC", text))


def _ascii_digit(char: str) -> str:
    digit = unicodedata.digit(char, None) if char.isdigit() else None
    return str(digit) if digit is not None else char
