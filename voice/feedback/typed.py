"""What people type, as they meant it.

Text copied on a phone brings characters nobody sees: direction marks around a number copied
from a right-to-left page, zero-width spaces and soft hyphens from web pages and apps, a byte
order mark, non-breaking hyphens. Checks on a phone number, an email address or a receipt code
must not refuse what looks right, and a required answer must not be "written" with characters
that show nothing (the blank "names" children use in games).
"""

from __future__ import annotations

import unicodedata

#: Dashes and hyphens that mean "-" in a number or a code.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"), "-")
#: Characters that draw nothing but are letters or symbols, not format characters.
_BLANK_FILLERS = frozenset("\u2800\u3164\u115f\u1160\uffa0\u034f\u180e")


def without_invisible(text: str) -> str:
    """``text`` with format characters (Unicode category Cf: direction marks, zero-width
    spaces and joiners, soft hyphens, byte order marks) removed and every dash written "-"."""
    kept = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return kept.translate(_DASHES)


def looks_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces, format characters, marks and fillers."""
    for char in text:
        if char.isspace() or char in _BLANK_FILLERS:
            continue
        if unicodedata.category(char) in {"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"}:
            continue
        return False
    return True
