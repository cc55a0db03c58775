from __future__ import annotations

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


def test_demo_data_is_realistic(tmp_path: Path) -> None:
    assert _voice(tmp_path, "demo", "--reset").returncode == 0

    async def check() -> None:
        from tortoise import Tortoise

        from voice.db import tortoise_config
        from voice.feedback.journey import progress
        from voice.feedback.models import Contribution, ContributionKind
        from voice.priorities.models import InfluenceAction, Priority
        from voice.settings import load_settings

        settings = load_settings({"VOICE_VAR_DIR": str(tmp_path), "VOICE_SECRET_KEY": "x"})
        await Tortoise.init(config=tortoise_config(settings))
        try:
            languages = {c.language for c in await Contribution.all()}
            kinds = {c.kind for c in await Contribution.all()}
            assert {"en", "pl", "ur", "ar", "ro"} <= languages
            assert ContributionKind.TAKEOVER in kinds and ContributionKind.LIVED_EXPERIENCE in kinds
            assert all(p.owning_agency for p in await Priority.all())
            assert len({c.receipt_code for c in await Contribution.all()}) == await Contribution.all().count()
            # One takeover contribution has gone all the way: /track shows every step.
            action = await InfluenceAction.get().prefetch_related("contributions")
            (followed,) = list(action.contributions)
            found = await progress(followed.receipt_code)
            assert found is not None and found.done == ("received", "read", "shared", "priority", "changed")
        finally:
            await Tortoise.close_connections()

    from tests.conftest import run_async

    run_async(check())
