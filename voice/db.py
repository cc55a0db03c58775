"""Database configuration for Tortoise ORM (SQLite by default, PostgreSQL for scale-out)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.migrations.api import migrate as migrate_api
from tortoise.models import Model

from voice.settings import Settings

Keyed = TypeVar("Keyed", bound=Model)

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


async def added_once(model: type[Keyed], form_key: str | None, add: Callable[[], Awaitable[Keyed]]) -> Keyed:
    """What ``add`` makes, once per one-time form key: a form sent again (a double click, a
    resend) gives the row the first sending added. ``model`` has a unique ``form_key``; when
    two sendings race, the second's insert fails on it and it gets the first one's row."""
    earlier = await model.get_or_none(form_key=form_key) if form_key else None
    if earlier is not None:
        return earlier
    try:
        return await add()
    except IntegrityError:  # sent twice at once: the other one added it
        earlier = await model.get_or_none(form_key=form_key) if form_key else None
        if earlier is None:
            raise
        return earlier
