"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import default

from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: Message

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))  # type: ignore[attr-defined]
        assert part is not None
        return str(part.get_content())


@dataclass
class Collector:
    """The aiosmtpd handler: keeps each message."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        self.received.append(
            Received(
                sender=str(envelope.mail_from),
                recipients=list(envelope.rcpt_tos),
                message=message_from_bytes(content, policy=default),
            )
        )
        return "250 Message accepted for delivery"


@dataclass
class SMTPServer:
    host: str
    port: int
    collector: Collector

    @property
    def received(self) -> list[Received]:
        return self.collector.received
