from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from voice.cli import cli

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_routes_lists_roles() -> None:
    result = CliRunner().invoke(cli, ["routes"])
    assert result.exit_code == 0
    assert "/staff/sign-in" in result.output
    staff_line = next(line for line in result.output.splitlines() if line.split()[1] == "/staff")
    assert "moderator" in staff_line


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICE_")}
    env.update({"VOICE_VAR_DIR": str(tmp_path), **extra})
    return env


def _voice(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice", *args],
        cwd=ROOT,
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_migrate_create_staff_and_demo(tmp_path: Path) -> None:
    assert _voice(tmp_path, "migrate").returncode == 0
    made = _voice(
        tmp_path,
        "create-staff",
        "--email",
        "Lead@Example.org",
        "--name",
        "Lee",
        "--role",
        "safeguarding_lead",
        VOICE_STAFF_PASSWORD="a long enough password",
    )
    assert made.returncode == 0, made.stderr
    assert "lead@example.org" in made.stdout
    short = _voice(
        tmp_path,
        "create-staff",
        "--email",
        "x@example.org",
        "--name",
        "X",
        "--role",
        "admin",
        VOICE_STAFF_PASSWORD="short",
    )
    assert short.returncode != 0 and "at least 12" in short.stderr
    demo = _voice(tmp_path, "demo")
    assert demo.returncode == 0
    assert "already has data" in demo.stdout  # never loads demo data over real data
    fresh = _voice(tmp_path, "demo", "--reset")
    assert fresh.returncode == 0 and "Loaded 4 staff, 6 priorities" in fresh.stdout
    assert "Follow one at /track with the receipt code " in fresh.stdout
    assert (tmp_path / "secret_key").exists()


def test_create_staff_never_takes_password_as_argument() -> None:
    result = CliRunner().invoke(cli, ["create-staff", "--help"])
    assert "--password" not in result.output


#: Run in its own process: Tortoise keeps per-model state (like the SQL of an insert) for the
#: "default" connection, so opening the demo's SQLite file in this process would leave SQLite's
#: SQL behind for the tests that follow on PostgreSQL.
DEMO_CHECK = """
import asyncio, json, sys
from tortoise import Tortoise
from voice.db import tortoise_config
from voice.feedback.tracking import progress
from voice.clock import uk_date
from voice.events.models import TakeoverEvent
from voice.feedback.models import Contribution
from voice.priorities.models import InfluenceAction, Priority
from voice.settings import load_settings

async def main():
    await Tortoise.init(config=tortoise_config(load_settings()))
    try:
        contributions = await Contribution.all()
        action = await InfluenceAction.get().prefetch_related("contributions")
        (followed,) = list(action.contributions)
        found = await progress(followed.receipt_code)
        print(json.dumps({
            "languages": sorted({c.language for c in contributions}),
            "kinds": sorted({c.kind.value for c in contributions}),
            "agencies": all(p.owning_agency for p in await Priority.all()),
            "codes_unique": len({c.receipt_code for c in contributions}) == len(contributions),
            "followed": list(found.done) if found else None,
            "event_day": [
                uk_date(c.submitted_at) == (await TakeoverEvent.get(id=c.event_id)).held_on
                and c.received_at >= c.submitted_at
                for c in contributions if c.event_id
            ],
        }))
    finally:
        await Tortoise.close_connections()

asyncio.run(main())
"""


def test_demo_data_is_realistic(tmp_path: Path) -> None:
    assert _voice(tmp_path, "demo", "--reset").returncode == 0
    checked = subprocess.run(
        [sys.executable, "-c", DEMO_CHECK],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    found = json.loads(checked.stdout)
    assert {"en", "pl", "ur", "ar", "ro"} <= set(found["languages"])
    assert {"takeover", "lived_experience"} <= set(found["kinds"])
    assert found["agencies"] and found["codes_unique"]
    # One takeover contribution has gone all the way: /track shows every step.
    assert found["followed"] == ["received", "read", "shared", "priority", "changed"]
    # Takeover comments are dated the event day and were received after it.
    assert found["event_day"] and all(found["event_day"])


def test_serve_keeps_no_access_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """An access log would keep each visitor's address beside the page and receipt code."""
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    result = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [
        {
            "app": "voice.asgi:app",
            "host": "127.0.0.1",
            "port": 8123,
            "workers": 1,
            "proxy_headers": True,
            "server_header": False,
            "log_level": "info",
            "access_log": False,
        }
    ]


def test_demo_reset_deletes_the_database_the_url_names(tmp_path: Path) -> None:
    """With VOICE_DATABASE_URL set, --reset starts that file again (not var/voice.sqlite3)."""
    elsewhere = tmp_path / "elsewhere" / "voice-demo.sqlite3"
    elsewhere.parent.mkdir()
    url = f"sqlite://{elsewhere}"
    assert _voice(tmp_path, "demo", VOICE_DATABASE_URL=url).returncode == 0
    fresh = _voice(tmp_path, "demo", "--reset", VOICE_DATABASE_URL=url)
    assert fresh.returncode == 0 and "Loaded 4 staff" in fresh.stdout, fresh.stdout
    assert not (tmp_path / "voice.sqlite3").exists()
