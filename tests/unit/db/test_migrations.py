"""The models and the migration files must agree; the app never generates schemas itself."""

from __future__ import annotations

from pathlib import Path

from tortoise.cli.cli import tortoise_cli_context
from tortoise.migrations.autodetector import MigrationAutodetector

from voice.db import tortoise_config
from voice.settings import Settings, sqlite_url

ROOT = Path(__file__).resolve().parents[3]


async def test_models_and_migrations_agree(tmp_path: Path) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "x.sqlite3"), secret_key="k", var_dir=tmp_path)
    config = tortoise_config(settings)
    async with tortoise_cli_context(config) as ctx:
        assert ctx.apps is not None
        detector = MigrationAutodetector(ctx.apps, config["apps"])
        writers = await detector.changes()
    pending = [op for writer in writers for op in writer.operations]
    assert not pending, (
        "Models changed without a migration: run `voice makemigrations NAME` and commit the file. "
        f"Pending: {pending}"
    )


def test_app_code_never_generates_schemas() -> None:
    for path in (ROOT / "voice").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "generate_schemas()" not in text, path
        assert "generate_schemas=True" not in text, path


async def test_sqlite_pragmas_are_applied(app: object) -> None:
    from tortoise import connections

    conn = connections.get("default")
    if "sqlite" not in type(conn).__module__:
        return
    journal = await conn.execute_query_dict("PRAGMA journal_mode")
    keys = await conn.execute_query_dict("PRAGMA foreign_keys")
    sync = await conn.execute_query_dict("PRAGMA synchronous")
    busy = await conn.execute_query_dict("PRAGMA busy_timeout")
    assert journal[0]["journal_mode"].lower() == "wal"
    assert keys[0]["foreign_keys"] == 1
    assert sync[0]["synchronous"] == 1  # NORMAL
    assert busy[0]["timeout"] == 5000
