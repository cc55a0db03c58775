"""Database configuration for Tortoise ORM (SQLite by default, PostgreSQL for scale-out)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tortoise import Tortoise
from tortoise.migrations.api import migrate as migrate_api

from voice.settings import Settings

#: Every module that declares models; one Tortoise app called ``voice``.
MODEL_MODULES: list[str] = [
    "voice.accounts.models",
    "voice.audit.models",
    "voice.feedback.models",
    "voice.events.models",
    "voice.moderation.models",
    "voice.priorities.models",
]

SQLITE_PRAGMAS: dict[str, Any] = {
    "journal_mode": "WAL",
    "foreign_keys": "ON",
    "synchronous": "NORMAL",
    "busy_timeout": 5000,
}


def _sqlite_connection(url: str) -> dict[str, Any]:
    path = url.removeprefix("sqlite://")
    return {
        "engine": "tortoise.backends.sqlite",
        "credentials": {"file_path": path, **SQLITE_PRAGMAS},
    }


def _postgres_connection(url: str, settings: Settings) -> dict[str, Any]:
    parts = urlsplit(url)
    credentials: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password or ""),
        "database": parts.path.lstrip("/") or "voice",
        "minsize": settings.db_pool_min,
        "maxsize": settings.db_pool_max,
    }
    credentials.update(dict(parse_qsl(parts.query)))
    return {"engine": "tortoise.backends.asyncpg", "credentials": credentials}


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """The Tortoise config dict for these settings."""
    url = settings.database_url
    if url.startswith("sqlite://"):
        connection = _sqlite_connection(url)
    elif settings.is_postgres:
        connection = _postgres_connection(url, settings)
    else:
        raise ValueError(f"Unsupported VOICE_DATABASE_URL scheme: {url.split(':', 1)[0]}")
    return {
        "connections": {"default": connection},
        "apps": {
            "voice": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "voice.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def apply_migrations(settings: Settings) -> None:
    """Apply every migration in ``voice/migrations`` (what ``voice migrate`` runs)."""
    if not settings.is_postgres:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    try:
        await migrate_api(config=tortoise_config(settings))
    finally:
        await Tortoise.close_connections()
