from __future__ import annotations

from voice.web.security import CSP, HEADERS, render_csp


def test_policy_has_no_unsafe_sources() -> None:
    for values in CSP.values():
        for value in values:
            assert "unsafe" not in value


def test_policy_locks_down_what_the_brief_names() -> None:
    assert CSP["object-src"] == ("'none'",)
    assert CSP["base-uri"] == ("'none'",)
    assert CSP["frame-ancestors"] == ("'none'",)
    assert CSP["form-action"] == ("'self'",)


def test_render_inserts_nonce() -> None:
    rendered = render_csp("abc123")
    assert "script-src 'self' 'nonce-abc123'" in rendered
    assert "{nonce}" not in rendered


def test_permissions_policy_turns_off_sensors() -> None:
    policy = HEADERS["Permissions-Policy"]
    for feature in ("geolocation=()", "camera=()", "microphone=()"):
        assert feature in policy
