"""Fixtures for the case tests: a local SMTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.unit.cases.smtp import Collector, SMTPServer, free_port


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield SMTPServer(host="127.0.0.1", port=controller.port, collector=collector)
    finally:
        controller.stop()
