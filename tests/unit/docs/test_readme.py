"""Docs that a test keeps honest: every setting and every command is in README.md."""

from __future__ import annotations

import re
from pathlib import Path

from voice.cli import cli
from voice.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_every_setting_is_documented() -> None:
    table = _section("Configuration")
    for spec in SETTINGS:
        assert f"`{spec.name}`" in table, spec.name


def test_no_documented_setting_is_stale() -> None:
    documented = set(re.findall(r"^\| `(VOICE_[A-Z_]+)`", _section("Configuration"), flags=re.M))
    assert documented == {spec.name for spec in SETTINGS}


def test_every_command_is_documented() -> None:
    section = _section("Command line")
    for name in cli.commands:
        assert f"`voice {name}" in section, name


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:800]
    assert "bash deploy/run-demo.sh" in head and "bash deploy/run-tests.sh" in head
    assert (ROOT / "deploy" / "run-demo.sh").exists() and (ROOT / "deploy" / "run-tests.sh").exists()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash deploy/run-tests.sh" in ci
