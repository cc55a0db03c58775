"""``voice send-alerts``: help, no SMTP, a real run against a local SMTP server, and a failed run."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from tortoise import Tortoise

from tests.conftest import run_async
from tests.unit.cases.factory import make_case, make_lead
from tests.unit.cases.smtp import SMTPServer, free_port
from voice.cli import cli
from voice.db import apply_migrations, tortoise_config
from voice.settings import load_settings

ROOT = Path(__file__).resolve().parents[3]


def test_help() -> None:
    result = CliRunner().invoke(cli, ["send-alerts", "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and "once" in result.output and "VOICE_SMTP_HOST" in result.output


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VOICE_")}
    env.update({"VOICE_VAR_DIR": str(tmp_path), "VOICE_SECRET_KEY": "cli-test", **extra})
    return env


def _send_alerts(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice", "send-alerts"],
        cwd=ROOT,
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _seed(tmp_path: Path, hours_ago: float) -> int:
    settings = load_settings(_env(tmp_path))

    async def work() -> int:
        await Tortoise.init(config=tortoise_config(settings))
        try:
            if not await _has_staff():
                await make_lead("lead@voice.test")
            case = await make_case("urgent", at=datetime.now(UTC) - timedelta(hours=hours_ago))
            return case.id
        finally:
            await Tortoise.close_connections()

    return run_async(work())


async def _has_staff() -> bool:
    from voice.accounts.models import StaffUser

    return await StaffUser.exists()


def test_without_smtp_it_says_so(tmp_path: Path) -> None:
    result = _send_alerts(tmp_path)
    assert result.returncode == 0
    assert "VOICE_SMTP_HOST is not set" in result.stderr


def test_a_run_emails_each_overdue_case_once(tmp_path: Path, smtp_server: SMTPServer) -> None:
    run_async(apply_migrations(load_settings(_env(tmp_path))))
    overdue = _seed(tmp_path, hours_ago=2)
    _seed(tmp_path, hours_ago=0)  # not overdue yet
    smtp = {"VOICE_SMTP_HOST": smtp_server.host, "VOICE_SMTP_PORT": str(smtp_server.port)}
    first = _send_alerts(tmp_path, **smtp)
    assert first.returncode == 0, first.stderr
    assert f"about 1 overdue case(s): #{overdue}." in first.stdout
    assert [mail.recipients for mail in smtp_server.received] == [["lead@voice.test"]]
    again = _send_alerts(tmp_path, **smtp)
    assert again.returncode == 0 and "No overdue case needed an email." in again.stdout
    assert len(smtp_server.received) == 1
    # With the SMTP server unreachable, the run fails (for cron to report) and the case waits.
    waiting = _seed(tmp_path, hours_ago=3)
    down = _send_alerts(tmp_path, VOICE_SMTP_HOST="127.0.0.1", VOICE_SMTP_PORT=str(free_port()))
    assert down.returncode == 1
    assert f"Could not email about 1 overdue case(s): #{waiting}" in down.stderr
    back = _send_alerts(tmp_path, **smtp)
    assert back.returncode == 0 and f"#{waiting}" in back.stdout
    assert len(smtp_server.received) == 2
