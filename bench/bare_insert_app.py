"""The baseline for bench/submit_path.py: a bare Starlette app that inserts one row per POST.

``POST /insert`` reads a form field ``text`` and inserts it with aiosqlite (one shared
connection in autocommit mode, so every row is its own transaction; WAL and synchronous=NORMAL,
like Voice's own SQLite settings).
The database file is ``$BENCH_BARE_DB``. Serve with ``uvicorn bench.bare_insert_app:app``.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosqlite
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at REAL NOT NULL)"
)
INSERT = "INSERT INTO item (text, created_at) VALUES (?, ?)"


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    db = await aiosqlite.connect(os.environ["BENCH_BARE_DB"], isolation_level=None)
    await db.execute("PRAGMA journal_mode=WAL")
    await db.execute("PRAGMA synchronous=NORMAL")
    await db.execute(SCHEMA)
    app.state.db = db
    try:
        yield
    finally:
        await db.close()


async def insert(request: Request) -> Response:
    form = await request.form()
    text = form.get("text")
    if not isinstance(text, str) or not text:
        return PlainTextResponse("text is required", status_code=400)
    db: aiosqlite.Connection = request.app.state.db
    cursor = await db.execute(INSERT, (text, time.time()))
    return PlainTextResponse(str(cursor.lastrowid), status_code=201)


app = Starlette(routes=[Route("/insert", insert, methods=["POST"])], lifespan=lifespan)
