"""Shared fixtures: a migrated database per test run, an app inside its lifespan, a client."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from starlette.applications import Starlette
from tortoise import connections

from tests.support.http import PASSWORD
from tests.support.pages import check_response
from voice.accounts.models import Role, StaffUser
from voice.accounts.services import create_staff
from voice.app import create_app
from voice.db import apply_migrations
from voice.settings import Settings, sqlite_url

T = TypeVar("T")
PG_URL = os.environ.get("VOICE_TEST_POSTGRES_URL", "")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in its own thread and event loop.

    Session fixtures use this so they work whatever loop pytest-asyncio or
    Playwright's sync API has running in the main thread.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: they are the slowest and hold Chromium open."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def _base_settings(var_dir: Path, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-not-for-production",
        var_dir=var_dir,
        locales=("en", "ur", "pl", "ar", "ro"),
    )


def _create_pg_database(admin_url: str) -> str:
    import asyncpg

    name = f"voice_test_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        conn = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    run_async(create())
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings for a database that has had every migration applied, once per run."""
    var_dir = tmp_path_factory.mktemp("var")
    if PG_URL:
        url = _create_pg_database(PG_URL)
    else:
        url = sqlite_url(var_dir / "template.sqlite3")
    settings = _base_settings(var_dir, url)
    run_async(apply_migrations(settings))
    yield settings


async def _truncate_all() -> None:
    conn = connections.get("default")
    rows = await conn.execute_query_dict(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'tortoise%'"
    )
    names = ", ".join(f'"{row["tablename"]}"' for row in rows)
    if names:
        await conn.execute_script(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def settings(migrated: Settings, tmp_path: Path) -> Settings:
    """A fresh, migrated database for one test."""
    if PG_URL:
        return replace(migrated, var_dir=tmp_path)
    template = Path(migrated.database_url.removeprefix("sqlite://"))
    target = tmp_path / "voice.sqlite3"
    shutil.copyfile(template, target)
    return replace(migrated, var_dir=tmp_path, database_url=sqlite_url(target))


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application
        if PG_URL:
            await _truncate_all()


async def _check_hook(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://voice.test",
        event_hooks={"response": [_check_hook]},
    ) as http:
        yield http


@pytest.fixture
async def staff(app: Starlette) -> dict[Role, StaffUser]:
    """One active account per role, all with :data:`PASSWORD`."""
    return {
        role: await create_staff(f"{role.value}@voice.test", role.value.title(), role, PASSWORD)
        for role in Role
    }
