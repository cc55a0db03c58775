"""NUL is dropped from paths, query strings and url-encoded forms (PostgreSQL cannot store it)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from starlette.types import Message, Scope

from voice.web.nul import _clean_address, _cleaning, without_nul


def read(data: bytes) -> list[tuple[str, str]]:
    return parse_qsl(data.decode(), keep_blank_values=True)


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        (b"body=before%00after", [("body", "beforeafter")]),
        (b"a=%00%00x&b=", [("a", "x"), ("b", "")]),
        (b"a=%%0000", [("a", "%00")]),  # the text "%00" left after the NUL goes is text, not a NUL
        (b"a=raw\x00nul", [("a", "rawnul")]),
        (b"na%00me=v", [("name", "v")]),
        (b"a=caf%C3%A9%00+ok", [("a", "café ok")]),
    ],
)
def test_without_nul_keeps_everything_else(given: bytes, meant: list[tuple[str, str]]) -> None:
    cleaned = without_nul(given)
    assert read(cleaned) == meant and b"%00" not in cleaned.replace(b"%25", b"")


def test_a_form_without_nul_is_passed_on_byte_for_byte() -> None:
    form = b"csrf_token=abc&answer=I+like+the+club+%F0%9F%98%80&a=%2500"
    assert without_nul(form) is form


async def test_a_body_in_parts_is_cleaned_as_one() -> None:
    parts = [b"a=x%", b"00y", b"&b=z"]
    messages: list[Message] = [
        {"type": "http.request", "body": part, "more_body": number < len(parts) - 1}
        for number, part in enumerate(parts)
    ]

    async def receive() -> Message:
        return messages.pop(0)

    message = await _cleaning(receive)()
    assert message["more_body"] is False and read(message["body"]) == [("a", "xy"), ("b", "z")]


def test_a_nul_in_the_path_or_query_is_dropped() -> None:
    scope: Scope = {
        "type": "http",
        "path": "/c/abc\x00",
        "raw_path": b"/c/abc%00",
        "query_string": b"language=e%00n",
    }
    cleaned = _clean_address(scope)
    assert cleaned["path"] == "/c/abc" and cleaned["raw_path"] == b"/c/abc"
    assert read(cleaned["query_string"]) == [("language", "en")]
