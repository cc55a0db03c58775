"""What is wrong with what staff typed, as services say it (no web types here).

Services check plain values and raise :class:`Invalid` with every problem found, each keyed
by the field it belongs to; routes put each problem next to its field and in the GOV.UK error
summary (:func:`voice.web.forms.add_problems`).
"""

from __future__ import annotations

from collections.abc import Sequence

#: (field name, message).
Problem = tuple[str, str]


class Invalid(Exception):
    """What staff typed cannot be saved. ``problems`` are (field name, message) pairs."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(message for _key, message in problems))
        self.problems: list[Problem] = list(problems)
