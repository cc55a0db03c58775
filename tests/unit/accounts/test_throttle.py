"""The sign-in failure layers built from settings (the HTTP tests cover their behaviour)."""

from __future__ import annotations

from dataclasses import replace

from voice.accounts.throttle import password_change_limits, sign_in_limits
from voice.settings import load_settings
from voice.web.clients import Limiter


def test_defaults_and_environment() -> None:
    settings = load_settings({"VOICE_SECRET_KEY": "k"})
    assert (
        settings.signin_max_failures,
        settings.signin_max_failures_per_address,
        settings.signin_max_failures_per_account,
    ) == (5, 50, 20)
    custom = load_settings(
        {
            "VOICE_SECRET_KEY": "k",
            "VOICE_SIGNIN_MAX_FAILURES_PER_ADDRESS": "200",
            "VOICE_SIGNIN_MAX_FAILURES_PER_ACCOUNT": "0",
        }
    )
    assert (custom.signin_max_failures_per_address, custom.signin_max_failures_per_account) == (200, 0)


def test_three_layers_with_their_own_limits_and_hashed_keys() -> None:
    settings = load_settings({"VOICE_SECRET_KEY": "k"})
    limits = sign_in_limits(Limiter(), settings, "lead@voice.test", "203.0.113.7")
    assert [(layer.name, layer.limit.amount) for layer in limits.layers] == [
        ("pair", 5),
        ("address", 50),
        ("account", 20),
    ]
    assert {layer.limit.get_expiry() for layer in limits.layers} == {900}
    keys = [layer.key for layer in limits.layers]
    assert len(set(keys)) == 3
    assert not any("203.0.113.7" in key or "lead@voice.test" in key for key in keys)
    # The pair differs from both the same account elsewhere and another account at the address.
    elsewhere = sign_in_limits(Limiter(), settings, "lead@voice.test", "198.51.100.20")
    colleague = sign_in_limits(Limiter(), settings, "moderator@voice.test", "203.0.113.7")
    assert elsewhere.layers[0].key != keys[0] and colleague.layers[0].key != keys[0]
    assert elsewhere.layers[2].key == keys[2] and colleague.layers[1].key == keys[1]


def test_zero_leaves_out_the_wider_layers_only() -> None:
    settings = replace(
        load_settings({"VOICE_SECRET_KEY": "k"}),
        signin_max_failures_per_address=0,
        signin_max_failures_per_account=0,
    )
    limits = sign_in_limits(Limiter(), settings, "lead@voice.test", "203.0.113.7")
    assert [layer.name for layer in limits.layers] == ["pair"]


def test_password_change_is_limited_per_account() -> None:
    settings = load_settings({"VOICE_SECRET_KEY": "k"})
    limits = password_change_limits(Limiter(), settings, 7)
    assert [(layer.name, layer.limit.amount) for layer in limits.layers] == [("account", 5)]
    assert limits.layers[0].key != password_change_limits(Limiter(), settings, 8).layers[0].key
