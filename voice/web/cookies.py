"""Setting a cookie from middleware, on whatever response the app sends."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Send


def sending_cookie(send: Send, set_cookie: str) -> Send:
    """``send`` that adds the ``Set-Cookie`` header ``set_cookie`` to the response."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).append("set-cookie", set_cookie)
        await send(message)

    return sending
