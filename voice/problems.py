"""What staff typed, cleaned, and what is wrong with it, as services say it (no web types).

Services check plain values and raise :class:`Invalid` with every problem found, each keyed
by the field it belongs to; routes put each problem next to its field and in the GOV.UK error
summary (:func:`voice.web.forms.add_problems`).
"""

from __future__ import annotations

from collections.abc import Sequence

from voice.feedback.typed import looks_blank

#: (field name, message).
Problem = tuple[str, str]


class Invalid(Exception):
    """What staff typed cannot be saved. ``problems`` are (field name, message) pairs."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(message for _key, message in problems))
        self.problems: list[Problem] = list(problems)


class NotAllowed(Exception):
    """A change refused as a whole, with one sentence saying why (deleting a question people
    answered, or a priority with evidence linked to it)."""


#: Direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Pasted into a
#: title or a name, one left open turns round whatever the page shows after it (" – Voice" in
#: the browser's tab). The marks U+200E and U+200F, which only set a direction, are kept.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    return text.translate(_BIDI_CONTROLS)


def clean_text(raw: str) -> str:
    """What staff typed, without NUL characters (PostgreSQL refuses them in text) or direction
    controls (see :data:`_BIDI_CONTROLS`)."""
    return without_bidi_controls(raw.replace("\x00", ""))


def one_line(raw: str) -> str:
    """A name or title: NUL characters gone, runs of spaces and line breaks made one space;
    "" when it shows nothing (only zero-width spaces, say), so a required one is missing."""
    return visible_or_empty(" ".join(clean_text(raw).split()))


def lines(raw: str) -> str:
    """Text of several lines: NUL characters gone, Windows line ends made plain, ends trimmed;
    "" when it shows nothing."""
    return visible_or_empty(clean_text(raw).replace("\r\n", "\n").strip())


def visible_or_empty(text: str) -> str:
    """``text``, or "" when it draws nothing (:func:`voice.feedback.typed.looks_blank`): a
    title, name or theme of zero-width spaces would be an invisible heading or option."""
    return "" if looks_blank(text) else text


def too_long(field: str, text: str, limit: int, name: str) -> list[Problem]:
    """The problem "<name> must be <limit> characters or fewer", if ``text`` is longer."""
    return [(field, f"{name} must be {limit} characters or fewer")] if len(text) > limit else []
