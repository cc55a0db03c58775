"""NUL is dropped from query strings and url-encoded forms (PostgreSQL cannot store it)."""

from __future__ import annotations

import pytest
from starlette.types import Message

from voice.web.nul import _cleaning, without_nul


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (b"body=before%00after", b"body=before" + b"after"),
        (b"a=%00%00x", b"a=x"),
        (b"a=%%0000", b"a="),  # dropping one "%00" makes another: that goes too
        (b"a=%2500", b"a=%2500"),  # the typed text "%00" is not a NUL
        (b"a=raw\x00nul", b"a=rawnul"),
        (b"a=plain", b"a=plain"),
    ],
)
def test_without_nul(given: bytes, kept: bytes) -> None:
    assert without_nul(given) == kept


@pytest.mark.parametrize("parts", [[b"a=x%", b"00y"], [b"a=x%0", b"0y"], [b"a=x", b"%00", b"y"]])
async def test_a_nul_split_between_parts_of_the_body_is_dropped(parts: list[bytes]) -> None:
    messages: list[Message] = [
        {"type": "http.request", "body": part, "more_body": number < len(parts) - 1}
        for number, part in enumerate(parts)
    ]

    async def receive() -> Message:
        return messages.pop(0)

    clean = _cleaning(receive)
    body = b""
    while True:
        message = await clean()
        body += message["body"]
        if not message["more_body"]:
            break
    assert body == b"a=xy"
