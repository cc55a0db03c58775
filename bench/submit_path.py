"""The full submit path against a bare Starlette + aiosqlite insert of one row.

Usage: python bench/submit_path.py [--clients 300] [--requests 3000] [--warmup N] [--rate R]
                                   [--db sqlite|postgres] [--quick] [--profile FILE]

Two servers, one after the other, each in its own uvicorn process (one worker, the same
settings), driven by the same load generator in this process:

* **voice**: the real app (``voice migrate`` into a temporary ``VOICE_VAR_DIR``, or a fresh
  PostgreSQL database with ``--db postgres``). In an untimed set-up phase every virtual visitor
  answers the "Tell us anything" questions, the hear-back question and opens the check page,
  as a browser would. The timed request is the final ``POST /c/<slug>/send``: CSRF check,
  one-time submission token, honeypot and minimum-time checks (VOICE_MIN_SECONDS_TO_SEND=0, so
  the prepared drafts can be sent at once), screening of the free text,
  receipt code, contribution + answers (+ redactions, contact, safeguarding case) and audit
  record in one transaction, and the confirmation page.
* **bare**: ``bench/bare_insert_app.py``, which parses the same form text and inserts one row
  with aiosqlite (WAL) per POST.

By default ``--clients`` connections send at once (closed loop: each sends its next request
when the last one has answered), which finds the most requests per second each can do. With
``--rate R`` the timed requests arrive at random at R per second instead (open loop), which
gives the latency a visitor sees at that load. Targets (issue 3): voice reaches at least 50%
of bare's requests per second, and voice's p99 is under 100 ms, at 300 concurrent clients.
A bench, not a test: it always exits 0. The load generator (a minimal asyncio HTTP/1.1 client,
see bench/_load.py) shares the machine with the servers, so the figures are rough.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import pstats
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import (  # noqa: E402
    ROOT,
    Connection,
    Request,
    Response,
    Result,
    Server,
    closed_loop,
    cookie_header,
    cpu_seconds,
    open_loop,
)

CASES = ROOT / "tests" / "unit" / "screening" / "cases.jsonl"
CSRF_COOKIE = "voice_csrf"
JOURNEY_COOKIE = "voice_journey"
#: What a takeover day's free texts look like: mostly ordinary views, some with personal
#: details (names, schools, phone numbers), some worries, a few possible disclosures.
MIX: tuple[tuple[str, float], ...] = (
    ("plain", 0.55),
    ("personal", 0.25),
    ("concern", 0.12),
    ("urgent", 0.08),
)
AGE_BANDS = ("under_11", "11_15", "16_18", "adult")
TARGET_RATIO = 0.5
TARGET_P99_MS = 100.0
#: Connections the untimed set-up phase uses.
SETUP_CONNECTIONS = 20
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"

_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
_SUBMISSION_FIELD = re.compile(r'name="submission_token" value="([^"]+)"')


# --- texts -----------------------------------------------------------------


def load_fragments() -> dict[str, list[str]]:
    """English texts from the screening cases, grouped by what screening should find."""
    groups: dict[str, list[str]] = {name: [] for name, _ in MIX}
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if case["locale"] != "en":
            continue
        if case["safeguarding"] == "none":
            groups["personal" if case["pii"] else "plain"].append(case["text"])
        else:
            groups[case["safeguarding"]].append(case["text"])
    return groups


def make_texts(count: int, seed: int) -> list[str]:
    """``count`` free texts of about 300 characters, one kind of case each plus ordinary filler."""
    rng = random.Random(seed)
    groups = load_fragments()
    names = [name for name, _ in MIX]
    weights = [weight for _, weight in MIX]
    texts: list[str] = []
    for _ in range(count):
        parts = [rng.choice(groups[rng.choices(names, weights)[0]])]
        while sum(len(part) + 2 for part in parts) < 280:
            parts.append(rng.choice(groups["plain"]))
        rng.shuffle(parts)
        texts.append(". ".join(part.rstrip(".") for part in parts) + ".")
    return texts


# --- the real journey --------------------------------------------------------


@dataclass(frozen=True)
class Device:
    """One virtual client (a browser, or a shared tablet in the room): its CSRF cookie and token."""

    csrf_cookie: str
    csrf_token: str


@dataclass(frozen=True)
class Visitor:
    device: Device
    journey_cookie: str
    submission_token: str

    def cookie(self) -> str:
        return cookie_header({CSRF_COOKIE: self.device.csrf_cookie, JOURNEY_COOKIE: self.journey_cookie})


class Journey:
    """Drives the public journey of one running Voice server, over the connection it is given."""

    def __init__(self) -> None:
        self.base = ""

    async def find_consultation(self, conn: Connection) -> None:
        """GET /tell-us creates the standing consultation and redirects to it."""
        response = await conn.request("GET", "/tell-us")
        location = response.header("location")
        if response.status != 303 or location is None:
            raise RuntimeError(f"/tell-us answered {response.status}")
        self.base = urlsplit(location).path

    async def device(self, conn: Connection) -> Device:
        response = await conn.request("GET", f"{self.base}/q/1")
        found = _CSRF_FIELD.search(response.text)
        cookie = response.cookies().get(CSRF_COOKIE)
        if response.status != 200 or found is None or cookie is None:
            raise RuntimeError(f"question page answered {response.status} without a CSRF token")
        return Device(cookie, found.group(1))

    async def _post(
        self, conn: Connection, path: str, cookie: str, form: dict[str, str], expect: str
    ) -> Response:
        response = await conn.request("POST", f"{self.base}{path}", form=form, cookie=cookie)
        location = response.header("location") or ""
        if response.status != 303 or not location.endswith(expect):
            raise RuntimeError(f"POST {path} answered {response.status} -> {location!r}, not {expect}")
        return response

    async def visitor(self, conn: Connection, device: Device, text: str, rng: random.Random) -> Visitor:
        """Answer every question, the hear-back question, and open the check page."""
        token = {"csrf_token": device.csrf_token}
        csrf_only = cookie_header({CSRF_COOKIE: device.csrf_cookie})
        first = await self._post(conn, "/q/1", csrf_only, {**token, "answer": text}, "/q/2")
        journey = first.cookies().get(JOURNEY_COOKIE)
        if journey is None:
            raise RuntimeError("the first answer did not set the journey cookie")
        both = cookie_header({CSRF_COOKIE: device.csrf_cookie, JOURNEY_COOKIE: journey})
        age = {"answer": rng.choice(AGE_BANDS)} if rng.random() < 0.7 else {}
        await self._post(conn, "/q/2", both, {**token, **age}, "/hear-back")
        if rng.random() < 0.1:
            contact = {"hear_back": "yes", "contact": f"young.person{rng.randrange(10_000)}@example.org"}
        else:
            contact = {"hear_back": "no"}
        await self._post(conn, "/hear-back", both, {**token, **contact}, "/check")
        check = await conn.request("GET", f"{self.base}/check", cookie=both)
        found = _SUBMISSION_FIELD.search(check.text)
        if check.status != 200 or found is None:
            raise RuntimeError(f"check page answered {check.status} without a submission token")
        return Visitor(device, journey, found.group(1))

    async def send(self, conn: Connection, visitor: Visitor) -> str | None:
        form = {
            "csrf_token": visitor.device.csrf_token,
            "submission_token": visitor.submission_token,
            "website": "",
        }
        response = await conn.request("POST", f"{self.base}/send", form=form, cookie=visitor.cookie())
        if response.status != 200 or b"receipt-code" not in response.body:
            return f"send answered {response.status}"
        return None


async def prepare(journey: Journey, url: str, clients: int, texts: list[str]) -> list[Visitor]:
    """One device per client, then one visitor per text, made over a few connections (untimed).

    Visitor ``i`` uses device ``i % clients``.
    """
    first = Connection(url)
    await journey.find_consultation(first)
    devices = [await journey.device(first) for _ in range(clients)]
    await first.close()
    jobs = iter(range(len(texts)))
    made: dict[int, Visitor] = {}

    async def worker(conn: Connection) -> None:
        try:
            for index in jobs:
                device = devices[index % clients]
                made[index] = await journey.visitor(conn, device, texts[index], random.Random(index))
        finally:
            await conn.close()

    await asyncio.gather(*(worker(Connection(url)) for _ in range(min(clients, SETUP_CONNECTIONS))))
    return [made[index] for index in range(len(texts))]


async def timed_phase(
    target: str, connections: list[Connection], args: argparse.Namespace, request: Request
) -> Result:
    if args.rate:
        return await open_loop(target, connections, args.requests, args.rate, request, seed=args.seed)
    return await closed_loop(target, connections, args.requests, request)


async def bench_voice(url: str, pid: int, args: argparse.Namespace, texts: list[str]) -> Result:
    journey = Journey()
    print(f"  set-up: {len(texts)} visitors answer and reach the check page (untimed)")
    began = time.perf_counter()
    visitors = await prepare(journey, url, args.clients, texts)
    print(f"  set-up took {time.perf_counter() - began:.1f} s")

    def sender(offset: int) -> Request:
        async def send(conn: Connection, number: int) -> str | None:
            return await journey.send(conn, visitors[offset + number])

        return send

    connections = [Connection(url) for _ in range(args.clients)]
    try:
        await closed_loop("warm-up", connections, args.warmup, sender(0))
        if args.profile:
            os.kill(pid, signal.SIGUSR1)
        cpu = cpu_seconds(pid)
        result = await timed_phase("voice", connections, args, sender(args.warmup))
        result.server_cpu = cpu_seconds(pid) - cpu
        if args.profile:
            os.kill(pid, signal.SIGUSR2)
    finally:
        await asyncio.gather(*(conn.close() for conn in connections))
    return result


async def bench_bare(url: str, pid: int, args: argparse.Namespace, texts: list[str]) -> Result:
    def inserter(offset: int) -> Request:
        async def insert(conn: Connection, number: int) -> str | None:
            response = await conn.request("POST", "/insert", form={"text": texts[offset + number]})
            return None if response.status == 201 else f"insert answered {response.status}"

        return insert

    connections = [Connection(url) for _ in range(args.clients)]
    try:
        await closed_loop("warm-up", connections, args.warmup, inserter(0))
        cpu = cpu_seconds(pid)
        result = await timed_phase("bare", connections, args, inserter(args.warmup))
        result.server_cpu = cpu_seconds(pid) - cpu
    finally:
        await asyncio.gather(*(conn.close() for conn in connections))
    return result


# --- databases ---------------------------------------------------------------

#: What one send should have made, to show the work was done.
VOICE_COUNTS: tuple[tuple[str, str], ...] = (
    ("contributions", "SELECT COUNT(*) FROM contribution"),
    ("answers", "SELECT COUNT(*) FROM answer"),
    (
        "'contribution.received' audit events",
        "SELECT COUNT(*) FROM audit_event WHERE action = 'contribution.received'",
    ),
    ("safeguarding cases", "SELECT COUNT(*) FROM safeguarding_case"),
    ("suggested redactions", "SELECT COUNT(*) FROM redaction"),
    ("contact details", "SELECT COUNT(*) FROM contact_detail"),
    ("drafts left over", "SELECT COUNT(*) FROM journey_draft"),
)
LEVELS = (
    "SELECT screening_level, COUNT(*) FROM contribution GROUP BY screening_level ORDER BY screening_level"
)


def sqlite_counts(path: Path) -> tuple[list[tuple[str, int]], dict[str, int]]:
    with sqlite3.connect(path) as db:
        counts = [(label, int(db.execute(query).fetchone()[0])) for label, query in VOICE_COUNTS]
        levels = {str(level): int(count) for level, count in db.execute(LEVELS)}
    return counts, levels


async def postgres_counts(url: str) -> tuple[list[tuple[str, int]], dict[str, int]]:
    import asyncpg

    db = await asyncpg.connect(url)
    try:
        counts = [(label, int(await db.fetchval(query))) for label, query in VOICE_COUNTS]
        levels = {str(row[0]): int(row[1]) for row in await db.fetch(LEVELS)}
    finally:
        await db.close()
    return counts, levels


async def postgres_admin(statement: str) -> None:
    import asyncpg

    db = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await db.execute(statement)
    finally:
        await db.close()


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-c", "from voice.cli import main; main()", "migrate"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- report ------------------------------------------------------------------


def load_average() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        cell.rjust(width) if i else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def cpu_per_request(result: Result) -> str:
    if not result.requests:
        return "-"
    return (
        f"{result.server_cpu / result.requests * 1000:.2f}, {result.client_cpu / result.requests * 1000:.2f}"
    )


def print_table(results: Sequence[Result]) -> None:
    header = (
        "target",
        "requests",
        "errors",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "CPU ms/req server, client",
    )
    lines = [
        (
            result.target,
            str(result.requests),
            str(len(result.errors)),
            f"{result.rps:.0f}",
            f"{result.quantile_ms(50):.0f}",
            f"{result.quantile_ms(99):.0f}",
            f"{max(result.latencies) * 1000:.0f}",
            cpu_per_request(result),
        )
        for result in results
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    print(row(header, widths))
    print(row(["-" * width for width in widths], widths))
    for line in lines:
        print(row(line, widths))


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def print_profile(path: Path) -> None:
    print(f"\ncProfile of the voice server's timed phase (event-loop thread only), written to {path}:")
    stats = pstats.Stats(str(path))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(60)


# --- main --------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=300, help="concurrent clients (default 300)")
    parser.add_argument(
        "--requests", type=int, default=None, help="timed requests per target (default 3000, --quick 600)"
    )
    parser.add_argument(
        "--warmup", type=int, default=None, help="untimed requests first (default: --clients)"
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite", help="Voice's database")
    parser.add_argument("--quick", action="store_true", help="600 timed requests and 150 warm-up per target")
    parser.add_argument("--profile", type=Path, help="run the Voice server under cProfile, write stats here")
    parser.add_argument(
        "--rate",
        type=float,
        help="open loop: timed requests arrive at random at this many per second (default: closed loop)",
    )
    parser.add_argument("--seed", type=int, default=3, help="seed for the free texts and arrivals")
    args = parser.parse_args(argv)
    if args.requests is None:
        args.requests = 600 if args.quick else 3000
    if args.quick and args.warmup is None:
        args.warmup = 150
    if args.warmup is None:
        args.warmup = args.clients
    if args.clients < 1 or args.requests < 1 or args.warmup < 0 or (args.rate is not None and args.rate <= 0):
        parser.error("need --clients >= 1, --requests >= 1, --warmup >= 0 and --rate > 0")
    return args


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    texts = make_texts(args.warmup + args.requests, args.seed)
    average = sum(len(text) for text in texts) / len(texts)
    if args.rate:
        print(f"Submit path vs bare insert, open loop: {args.requests} timed requests per target arriving at")
        print(f"random at {args.rate:g}/s over up to {args.clients} connections, after {args.warmup} warm-up")
    else:
        print(
            f"Submit path vs bare insert, closed loop: {args.clients} concurrent clients send back to back,"
        )
        print(f"{args.requests} timed requests per target after {args.warmup} warm-up")
    print(f"requests; free texts average {average:.0f} characters.")
    print(
        f"Machine: {os.cpu_count()} CPUs, shared; Python {platform.python_version()}; uvicorn, one worker,"
        " asyncio loop + h11. The load generator runs on the same machine, so it takes CPU from the server."
    )
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="voice-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {
            "VOICE_VAR_DIR": str(tmp / "var"),
            "VOICE_SECRET_KEY": "bench-" + os.urandom(16).hex(),
            "VOICE_MIN_SECONDS_TO_SEND": "0",
            "VOICE_DEBUG": "false",
            "VOICE_HTTPS": "false",
        }
        pg_name = f"voice_bench_{os.getpid()}"
        if args.db == "postgres":
            env["VOICE_DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + pg_name
            asyncio.run(postgres_admin(f'CREATE DATABASE "{pg_name}"'))
        try:
            migrate(env)
            runner: tuple[str, ...] = ("-m", "uvicorn")
            if args.profile:
                runner = (str(ROOT / "bench" / "_profiled_server.py"),)
                env["BENCH_PROFILE_OUT"] = str(args.profile.resolve())
                print("Profiling is on: the voice figures below are slowed down by cProfile.")
            print(f"\nvoice ({args.db}), load average before: {load_average()}")
            with Server("voice.asgi:app", env, runner=runner, log=tmp / "voice.log") as server:
                results.append(asyncio.run(bench_voice(server.url, server.pid, args, texts)))
            if args.db == "sqlite":
                counts, levels = sqlite_counts(tmp / "var" / "voice.sqlite3")
            else:
                counts, levels = asyncio.run(postgres_counts(env["VOICE_DATABASE_URL"]))
        finally:
            if args.db == "postgres":
                asyncio.run(postgres_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
        results[0].target = f"voice send ({args.db})"

        print(f"bare (aiosqlite), load average before: {load_average()}")
        bare_env = {"BENCH_BARE_DB": str(tmp / "bare.sqlite3")}
        with Server("bench.bare_insert_app:app", bare_env, log=tmp / "bare.log") as server:
            results.append(asyncio.run(bench_bare(server.url, server.pid, args, texts)))
        results[1].target = "bare insert (aiosqlite)"
        with sqlite3.connect(tmp / "bare.sqlite3") as db:
            bare_rows = int(db.execute("SELECT COUNT(*) FROM item").fetchone()[0])

        print()
        print_table(results)
        voice, bare = results
        ratio = voice.rps / bare.rps if bare.rps else 0.0
        p99 = voice.quantile_ms(99)
        print()
        if args.rate:
            print(f"voice/bare requests/s: {ratio:.0%} (both were offered {args.rate:g}/s; the 50% target")
            print("  is about the most each can do, so run without --rate for it)")
        else:
            print(f"voice/bare requests/s: {ratio:.0%} (target >= 50%): {verdict(ratio >= TARGET_RATIO)}")
        print(f"voice p99: {p99:.0f} ms (target < {TARGET_P99_MS:.0f} ms): {verdict(p99 < TARGET_P99_MS)}")
        if not args.rate:
            needed = args.clients / (TARGET_P99_MS / 1000)
            print(
                f"Note: in a closed loop every client sends again as soon as it is answered, so latency is\n"
                f"about clients / throughput (Little's law): a p99 under {TARGET_P99_MS:.0f} ms with "
                f"{args.clients} clients\nneeds more than {needed:,.0f} requests/s. Use --rate for latency "
                "at a given arrival rate."
            )

        expected = args.warmup + args.requests
        print(f"\nWork done (warm-up + timed = {expected} sends per target):")
        for label, count in counts:
            print(f"  voice {label}: {count}")
        print(f"  voice contributions by screening level: {levels}")
        print(f"  bare rows: {bare_rows}")
        contributions = dict(counts)["contributions"]
        if contributions != expected or bare_rows != expected:
            print(
                "  WARNING: counts differ from the number of requests sent; the figures are not comparable\n"
                "  (did the bot checks catch the sends? see VOICE_MIN_SECONDS_TO_SEND)."
            )
        for result, log in ((voice, tmp / "voice.log"), (bare, tmp / "bare.log")):
            if result.errors:
                print(f"\n{result.target}: {len(result.errors)} errors, first: {result.errors[0]}")
                print("server log tail:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))
    if args.profile:
        print_profile(args.profile.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
