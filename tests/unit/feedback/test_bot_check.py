"""too_fast: the minimum time from the setting. (The honeypot is checked by the Send route:
tests/http/feedback/test_journey.py, test_honeypot_stores_nothing.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from voice.feedback.journey import too_fast
from voice.feedback.models import JourneyDraft
from voice.settings import load_settings

STARTED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def draft() -> JourneyDraft:
    return JourneyDraft(token_hash="x" * 64, consultation_id=1, created_at=STARTED)


def test_setting_defaults_to_three_and_reads_zero() -> None:
    assert load_settings({"VOICE_SECRET_KEY": "k"}).min_seconds_to_send == 3
    assert load_settings({"VOICE_SECRET_KEY": "k", "VOICE_MIN_SECONDS_TO_SEND": "0"}).min_seconds_to_send == 0


def test_sooner_than_the_setting_is_too_fast() -> None:
    assert too_fast(draft(), STARTED + timedelta(seconds=2.9), 3)
    assert not too_fast(draft(), STARTED + timedelta(seconds=3), 3)
    assert too_fast(draft(), STARTED + timedelta(seconds=59), 60)
    assert not too_fast(draft(), STARTED + timedelta(seconds=60), 60)


def test_zero_turns_the_time_check_off() -> None:
    assert not too_fast(draft(), STARTED, 0)
