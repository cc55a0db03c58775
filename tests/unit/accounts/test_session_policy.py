"""The idle time setting and how often a session's last-seen time is written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from voice.accounts.auth import session_policy
from voice.settings import load_settings

ENV = {"VOICE_SECRET_KEY": "unit-test", "VOICE_VAR_DIR": "/nonexistent-not-used"}


def test_idle_minutes_may_be_a_fraction() -> None:
    settings = load_settings({**ENV, "VOICE_SESSION_IDLE_MINUTES": "0.5"})
    policy = session_policy(settings)
    assert policy.idle == timedelta(seconds=30)
    assert policy.refresh_step == timedelta(seconds=3)  # a tenth of a very short idle time


def test_the_default_is_thirty_minutes_written_at_most_every_thirty_seconds() -> None:
    policy = session_policy(load_settings(ENV))
    assert policy.idle == timedelta(minutes=30)
    assert policy.refresh_step == timedelta(seconds=30)


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", "soon"])
def test_idle_minutes_must_be_a_number_above_zero(value: str) -> None:
    with pytest.raises(ValueError, match="VOICE_SESSION_IDLE_MINUTES"):
        load_settings({**ENV, "VOICE_SESSION_IDLE_MINUTES": value})


def test_max_hours_may_be_a_fraction() -> None:
    policy = session_policy(load_settings({**ENV, "VOICE_SESSION_MAX_HOURS": "0.25"}))
    assert policy.absolute == timedelta(minutes=15)
    assert session_policy(load_settings(ENV)).absolute == timedelta(hours=12)


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "later"])
def test_max_hours_must_be_a_number_above_zero(value: str) -> None:
    with pytest.raises(ValueError, match="VOICE_SESSION_MAX_HOURS"):
        load_settings({**ENV, "VOICE_SESSION_MAX_HOURS": value})
