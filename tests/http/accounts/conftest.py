"""Fixtures for the accounts HTTP tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette

from voice.clock import FixedClock


@pytest.fixture
def session_clock(app: Starlette) -> FixedClock:
    """Sessions go by ``app.state.session_clock``: a FixedClock that a test moves on."""
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    app.state.session_clock = clock
    return clock
