"""Running a browser test's data script: connect to the live server's database (its
environment names it), make the data through the app's own services, print the ids as JSON."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping

from tortoise import Tortoise

from voice.db import tortoise_config
from voice.settings import load_settings


async def _run(make: Callable[[], Awaitable[Mapping[str, object]]]) -> None:
    await Tortoise.init(config=tortoise_config(load_settings()))
    try:
        print(json.dumps(dict(await make())))
    finally:
        await Tortoise.close_connections()


def run(make: Callable[[], Awaitable[Mapping[str, object]]]) -> None:
    asyncio.run(_run(make))
