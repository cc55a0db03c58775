"""Helpers for the HTTP benchmarks: uvicorn servers in subprocesses, a closed-loop load generator.

The load generator is asyncio with a minimal HTTP/1.1 client (:class:`Connection`): one task
and one keep-alive connection per virtual client; each task sends its share of the requests
one after another, timing every request (send to body read) with :func:`time.perf_counter`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent

#: The same uvicorn settings for every target (one worker, stock asyncio loop and h11,
#: which is what ``voice serve`` gets in this environment: uvloop/httptools are not installed).
UVICORN_ARGS: tuple[str, ...] = (
    "--host",
    "127.0.0.1",
    "--workers",
    "1",
    "--loop",
    "asyncio",
    "--http",
    "h11",
    "--no-access-log",
    "--no-server-header",
    "--log-level",
    "warning",
    "--backlog",
    "2048",
    "--timeout-keep-alive",
    "30",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """One uvicorn process serving ``app`` (``module:attribute``) on a free local port."""

    def __init__(
        self,
        app: str,
        env: Mapping[str, str],
        *,
        runner: Sequence[str] = ("-m", "uvicorn"),
        log: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._command = [sys.executable, *runner, app, "--port", str(self.port), *UVICORN_ARGS]
        self._env = {**os.environ, **env}
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        output = self._log.open("wb") if self._log else subprocess.DEVNULL
        self._process = subprocess.Popen(
            self._command, cwd=ROOT, env=self._env, stdout=output, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self._process.returncode}: {' '.join(self._command)}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly, which lets a profiler write its file), then wait."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("not started")
        return self._process.pid


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc), 0 if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


@dataclass(frozen=True)
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def cookies(self) -> dict[str, str]:
        """name -> value of every cookie this response sets (ignores deletions)."""
        found: dict[str, str] = {}
        for key, value in self.headers:
            if key != "set-cookie":
                continue
            name, _, cookie = value.split(";", 1)[0].partition("=")
            if cookie and cookie != '""':
                found[name.strip()] = cookie.strip()
        return found


class Connection:
    """One keep-alive HTTP/1.1 connection: a minimal client that costs the shared CPU little.

    httpx was tried first: at 300 connections its pool costs about 10 ms of client CPU per
    request (2 ms with one client per connection), which made the load generator, not the
    server, the bottleneck on this 2-core machine. This sends a request, reads the status,
    headers and a Content-Length or chunked body, and un-gzips it as a browser would.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(
        self, method: str, path: str, *, form: Mapping[str, str] | None = None, cookie: str = ""
    ) -> Response:
        body = urlencode(form).encode() if form is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "User-Agent: voice-bench",
            "Accept: text/html",
            "Accept-Encoding: gzip",
        ]
        if cookie:
            lines.append(f"Cookie: {cookie}")
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if self._reader is None or self._reader.at_eof():
            await self.close()
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._writer is not None
        self._writer.write(head + body)
        return await self._read_response(self._reader)

    async def _read_response(self, reader: asyncio.StreamReader) -> Response:
        status_line = await reader.readline()
        if not status_line:
            await self.close()
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split(b" ", 2)[1])
        headers: list[tuple[str, str]] = []
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            key, _, value = line.decode("latin-1").partition(":")
            headers.append((key.strip().lower(), value.strip()))
        found = dict(headers)
        if found.get("transfer-encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await reader.readline()
                    break
                chunks.append(await reader.readexactly(size))
                await reader.readexactly(2)
            body = b"".join(chunks)
        else:
            body = await reader.readexactly(int(found.get("content-length", "0")))
        if found.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        if found.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, body)


def cookie_header(cookies: Mapping[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


@dataclass
class Result:
    target: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def quantile_ms(self, q: int) -> float:
        """The q-th percentile (1-99) of the latencies, in milliseconds."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000


#: One request: (a free connection, the request's number from 0) -> an error, or None.
Request = Callable[[Connection, int], Awaitable[str | None]]


async def _timed(request: Request, conn: Connection, number: int, since: float, result: Result) -> None:
    """Run one request; its latency counts from ``since`` (perf_counter)."""
    try:
        error = await request(conn, number)
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    result.latencies.append(time.perf_counter() - since)
    if error:
        result.errors.append(error)


async def closed_loop(target: str, connections: Sequence[Connection], total: int, request: Request) -> Result:
    """One task per connection, all at once, each sending its share of ``total`` back to back.

    Requests are numbered 0..total-1; task ``c`` sends a contiguous run of them.
    """
    result = Result(target)
    start_gate = asyncio.Event()
    shares = split(total, len(connections))
    firsts = [sum(shares[:c]) for c in range(len(shares))]

    async def one_client(c: int) -> None:
        await start_gate.wait()
        for number in range(firsts[c], firsts[c] + shares[c]):
            await _timed(request, connections[c], number, time.perf_counter(), result)

    tasks = [asyncio.create_task(one_client(c)) for c in range(len(connections))]
    await asyncio.sleep(0)
    began, cpu = time.perf_counter(), time.process_time()
    start_gate.set()
    await asyncio.gather(*tasks)
    result.elapsed = time.perf_counter() - began
    result.client_cpu = time.process_time() - cpu
    return result


async def open_loop(
    target: str, connections: Sequence[Connection], total: int, rate: float, request: Request, seed: int = 1
) -> Result:
    """``total`` requests arriving at random (Poisson) at ``rate`` per second, whatever the answers.

    Each takes a free connection (waiting for one if all are busy). Latency counts from the
    moment the request was due, so time queued behind a slow server is counted, not hidden.
    """
    result = Result(target)
    rng = random.Random(seed)
    free: asyncio.Queue[Connection] = asyncio.Queue()
    for conn in connections:
        free.put_nowait(conn)

    async def one(number: int, due: float) -> None:
        conn = await free.get()
        try:
            await _timed(request, conn, number, due, result)
        finally:
            free.put_nowait(conn)

    tasks: list[asyncio.Task[None]] = []
    began, cpu = time.perf_counter(), time.process_time()
    due = began
    for number in range(total):
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(number, due)))
        due += rng.expovariate(rate)
    await asyncio.gather(*tasks)
    result.elapsed = time.perf_counter() - began
    result.client_cpu = time.process_time() - cpu
    return result


def split(total: int, clients: int) -> list[int]:
    """``total`` requests shared out between ``clients`` as evenly as possible."""
    base, extra = divmod(total, clients)
    return [base + (1 if index < extra else 0) for index in range(clients)]
