"""looks_like_bot: the honeypot, and the minimum time from the setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from voice.feedback.journey import looks_like_bot
from voice.feedback.models import JourneyDraft
from voice.settings import load_settings

STARTED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def draft() -> JourneyDraft:
    return JourneyDraft(token_hash="x" * 64, consultation_id=1, created_at=STARTED)


def test_setting_defaults_to_three_and_reads_zero() -> None:
    assert load_settings({"VOICE_SECRET_KEY": "k"}).min_seconds_to_send == 3
    assert load_settings({"VOICE_SECRET_KEY": "k", "VOICE_MIN_SECONDS_TO_SEND": "0"}).min_seconds_to_send == 0


def test_sooner_than_the_setting_is_a_bot() -> None:
    assert looks_like_bot(None, draft(), STARTED + timedelta(seconds=2.9), 3)
    assert not looks_like_bot(None, draft(), STARTED + timedelta(seconds=3), 3)
    assert looks_like_bot("", draft(), STARTED + timedelta(seconds=59), 60)
    assert not looks_like_bot("", draft(), STARTED + timedelta(seconds=60), 60)


def test_zero_turns_the_time_check_off_but_not_the_honeypot() -> None:
    assert not looks_like_bot(None, draft(), STARTED, 0)
    assert looks_like_bot("http://spam.example", draft(), STARTED, 0)
    assert looks_like_bot("http://spam.example", draft(), STARTED + timedelta(hours=1), 3)
