"""Moderation queue speed with 100,000 contributions, on SQLite and on PostgreSQL.

Seeds a fresh database (migrated with Voice's own migrations) with N contributions
shaped like real use: mostly decided, a fifth still to do, about 2% urgent and 5%
concern, five languages, three kinds, twenty consultations and five takeover
events, spread over two years. Then signs in a moderator and requests queue
pages through the whole app (middleware, session check, templates) in this
process, sequentially, and prints p50 and p95 per page. Every request reads its
rows and its counts per filter from the database (the counts come from the
trigger-kept tally, voice/moderation/tally.py; nothing is cached between
requests). Target: p95 under 50 ms.

Usage:
    python bench/queue_speed.py                  # SQLite, 100,000 contributions
    python bench/queue_speed.py --db postgres    # a fresh PostgreSQL database (dropped after)
    python bench/queue_speed.py --n 20000 --requests 50
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
from tortoise import Tortoise  # noqa: E402

from voice.accounts.models import Role  # noqa: E402
from voice.accounts.services import create_staff  # noqa: E402
from voice.app import create_app  # noqa: E402
from voice.db import apply_migrations, tortoise_config  # noqa: E402
from voice.events.models import TakeoverEvent  # noqa: E402
from voice.feedback.models import (  # noqa: E402
    SCREENING_RANK,
    Answer,
    Consultation,
    Contribution,
    ContributionKind,
    ScreeningLevel,
    Source,
    Status,
)
from voice.feedback.receipts import ALPHABET  # noqa: E402
from voice.settings import Settings, sqlite_url  # noqa: E402

TARGET_P95_MS = 50.0
PASSWORD = "queue bench password 2026"  # noqa: S105 - a throwaway bench account
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TEXTS = [
    "The buses are always late and the park has no lights in winter.",
    "I like the youth club on Tuesdays and the staff actually listen to us.",
    "CAMHS waiting lists are far too long, my friend waited a year.",
    "School should teach us more about staying safe online.",
    "Parents need to know where to go for help before things get bad.",
]
LANGUAGES = ["en"] * 6 + ["ur", "pl", "ar", "ro"]
KINDS = (
    [ContributionKind.FEEDBACK] * 7 + [ContributionKind.TAKEOVER] * 2 + [ContributionKind.LIVED_EXPERIENCE]
)
STATUSES = [Status.APPROVED] * 14 + [Status.REJECTED] * 2 + [Status.RECEIVED] * 3 + [Status.IN_REVIEW]


def _level(rng: random.Random) -> ScreeningLevel:
    roll = rng.random()
    if roll < 0.02:
        return ScreeningLevel.URGENT
    if roll < 0.07:
        return ScreeningLevel.CONCERN
    return ScreeningLevel.NONE


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        raw = "".join(rng.choice(ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if code not in used:
            used.add(code)
            return code


async def seed(n: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    consultations = [
        await Consultation.create(slug=f"bench-{i}", title={"en": f"Consultation {i}"}) for i in range(20)
    ]
    events = [
        await TakeoverEvent.create(title=f"Takeover {i}", held_on=(now - timedelta(days=60 * i)).date())
        for i in range(5)
    ]
    used: set[str] = set()
    batch = 5000
    for first in range(0, n, batch):
        rows = []
        for _ in range(min(batch, n - first)):
            kind = rng.choice(KINDS)
            level = _level(rng)
            status = rng.choice(STATUSES)
            takeover = kind is ContributionKind.TAKEOVER
            rows.append(
                Contribution(
                    kind=kind,
                    source=Source.EVENT if takeover else Source.ONLINE,
                    status=status,
                    receipt_code=_code(rng, used),
                    language=rng.choice(LANGUAGES),
                    consultation_id=None if takeover else rng.choice(consultations).id,
                    event_id=rng.choice(events).id if takeover else None,
                    submitted_at=now - timedelta(seconds=rng.randrange(2 * 365 * 86400)),
                    screening_level=level,
                    screening_rank=SCREENING_RANK[level],
                    counted=status is Status.APPROVED,
                )
            )
        await Contribution.bulk_create(rows, batch_size=1000)
        created = (
            await Contribution.filter(id__gt=first)
            .order_by("id")
            .limit(len(rows))
            .values_list("id", flat=True)
        )
        answers = [
            Answer(contribution_id=ident, text=(t := rng.choice(TEXTS)), redacted_text=t) for ident in created
        ]
        await Answer.bulk_create(answers, batch_size=1000)
        print(f"  seeded {first + len(rows):,}", end="\r", flush=True)
    print()


async def _timed(client: httpx.AsyncClient, path: str, requests: int) -> list[float]:
    for _ in range(5):  # warm up
        assert (await client.get(path)).status_code == 200
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = await client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def _p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1]


async def _second_page(client: httpx.AsyncClient) -> str:
    first = (await client.get("/staff/moderation?status=all")).text
    marker = 'rel="next"'
    end = first.index(marker)
    start = first.rindex('href="', 0, end) + len('href="')
    return first[start : first.index('"', start)].replace("&amp;", "&")


Result = tuple[str, float, float]


async def measure(settings: Settings, n: int, requests: int) -> list[Result]:
    await apply_migrations(settings)
    await Tortoise.init(config=tortoise_config(settings))
    rng = random.Random(20261122)
    started = time.perf_counter()
    await seed(n, rng)
    print(f"  seeding took {time.perf_counter() - started:.0f} s")
    await create_staff("bench@voice.test", "Bench", Role.MODERATOR, PASSWORD)
    from tortoise import connections

    if settings.is_postgres:
        # What autovacuum does soon after a bulk load: fresh statistics and a visibility map,
        # so the planner can use index-only scans.
        await connections.get("default").execute_script("VACUUM ANALYZE")
        print("  ran VACUUM ANALYZE (as autovacuum would after a bulk load)")

    await Tortoise.close_connections()

    app = create_app(settings)
    results = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 9999))
        async with httpx.AsyncClient(transport=transport, base_url="http://voice.test") as client:
            page = (await client.get("/staff/sign-in")).text
            token = page.split('name="csrf_token" value="')[1].split('"')[0]
            signed = await client.post(
                "/staff/sign-in",
                data={"csrf_token": token, "email": "bench@voice.test", "password": PASSWORD},
            )
            assert signed.status_code == 303
            total = await Contribution.all().count()
            print(f"  {total:,} contributions in the database")
            pages = {
                "first page (to do)": "/staff/moderation",
                "filtered (concern, Urdu, feedback, all)": (
                    "/staff/moderation?status=all&level=concern&language=ur&kind=feedback"
                ),
                "filtered (approved, one consultation)": "/staff/moderation?status=approved&consultation=3",
                "filtered (takeover, whole months)": (
                    "/staff/moderation?status=all&kind=takeover&from=2025-06-01&to=2025-12-31"
                ),
                "filtered (takeover, part months)": (
                    "/staff/moderation?status=all&kind=takeover&from=2025-06-10&to=2026-01-20"
                ),
                "filtered (one day, all statuses)": (
                    "/staff/moderation?status=all&from=2026-03-14&to=2026-03-14"
                ),
                "second page (all)": await _second_page(client),
            }
            for label, path in pages.items():
                times = await _timed(client, path, requests)
                results.append((label, _p(times, 50), _p(times, 95)))
    return results


async def _pg_database(action: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        if action == "create":
            await conn.execute(f'CREATE DATABASE "{name}"')
        else:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _settings(database_url: str, var_dir: Path) -> Settings:
    return Settings(database_url=database_url, secret_key=secrets.token_urlsafe(32), var_dir=var_dir)


def report(db: str, results: list[Result]) -> None:
    print(f"\nQueue speed on {db}: target p95 < {TARGET_P95_MS:.0f} ms")
    print("Rows and counts are read from the database on every request; nothing is cached.")
    print(f"{'page':<42} {'p50 ms':>8} {'p95 ms':>8}  met")
    for label, p50, p95 in results:
        print(f"{label:<42} {p50:>8.1f} {p95:>8.1f}  {'yes' if p95 < TARGET_P95_MS else 'NO'}")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="voice-queue-bench-") as tmp:
        var_dir = Path(tmp)
        if args.db == "postgres":
            name = f"voice_bench_{uuid.uuid4().hex[:8]}"
            await _pg_database("create", name)
            try:
                results = await measure(
                    _settings(f"postgres://postgres@127.0.0.1:5432/{name}", var_dir), args.n, args.requests
                )
            finally:
                await Tortoise.close_connections()
                await _pg_database("drop", name)
        else:
            results = await measure(
                _settings(sqlite_url(var_dir / "bench.sqlite3"), var_dir), args.n, args.requests
            )
    report(args.db, results)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=100_000, help="contributions to seed")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
