"""The ``{name:int}`` path convertor, bounded to what an integer column holds.

Starlette's own ``int`` convertor takes any run of digits, so ``/staff/events/99999999999``
reached the database and failed there (PostgreSQL's integer is 32-bit; SQLite refuses
numbers over 64 bits): a 500. This one matches at most nine digits, so a longer number is
simply a page that does not exist (404). Registered when :mod:`voice.web` is imported,
which every routes module does before it builds its routes.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class BoundedIntConvertor(Convertor[int]):
    regex = "[0-9]{1,9}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        value = int(value)
        if not 0 <= value <= 999_999_999:
            raise ValueError("An id in a path must be between 0 and 999,999,999")
        return str(value)


def register() -> None:
    register_url_convertor("int", BoundedIntConvertor())
