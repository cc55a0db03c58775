"""A live Voice server in a subprocess and real Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.browser.seed import ACCOUNTS
from tests.support.http import PASSWORD
from voice.accounts.models import Role

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ["en", "ur", "pl", "ar", "ro"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class LiveServer:
    url: str
    exit_url: str
    staff_email: str
    password: str
    accounts: dict[Role, str]
    #: The server's SQLite file, for a test that must change what no page can (the clock).
    database: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sign_in_as(page: Page, server: LiveServer, role: Role) -> None:
    """Sign in through the real form as the seeded account with ``role``."""
    page.goto(f"{server.url}/staff/sign-in")
    page.fill("#email", server.accounts[role])
    page.fill("#password", server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/staff")


def _voice(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "voice.cli", *args], env=env, check=True, cwd=ROOT)


@contextlib.contextmanager
def serve(var_dir: Path, settings: dict[str, str] | None = None) -> Iterator[LiveServer]:
    """Migrate, seed and serve a live Voice from ``var_dir``, with ``settings`` (``VOICE_*``
    variables) on top of this environment."""
    env = {
        **os.environ,
        "VOICE_VAR_DIR": str(var_dir),
        "VOICE_SECRET_KEY": "browser-tests",
        **(settings or {}),
    }
    env.pop("VOICE_DATABASE_URL", None)
    _voice(env, "migrate")
    # One account per role, areas, a closed consultation and screened contributions.
    subprocess.run([sys.executable, "-m", "tests.browser.seed"], env=env, check=True, cwd=ROOT)
    email = ACCOUNTS[Role.MODERATOR]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["VOICE_EXIT_URL"] = f"{url}/healthz?neutral=1"  # the network here reaches no real site
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "voice.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60  # start-up loads screening first (several seconds)
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the live Voice server did not start") from None
            time.sleep(0.2)
    try:
        yield LiveServer(
            url=url,
            exit_url=env["VOICE_EXIT_URL"],
            staff_email=email,
            password=PASSWORD,
            accounts=dict(ACCOUNTS),
            database=var_dir / "voice.sqlite3",
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve(tmp_path_factory.mktemp("live")) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else None
    launched = playwright_instance.chromium.launch(
        executable_path=executable,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield launched
    launched.close()


class ThirdPartyRequest(AssertionError):
    pass


def new_page(
    browser: Browser,
    server: LiveServer,
    viewport: dict[str, int],
    locale: str = "en",
    javascript: bool = True,
) -> Page:
    """A page in a fresh context that records any request leaving this machine."""
    context = browser.new_context(
        viewport=viewport,
        locale=locale,
        extra_http_headers={"Accept-Language": locale},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((server.url, "data:", "about:"))
            else None
        ),
    )
    page.outside_requests = outside  # type: ignore[attr-defined]
    return page


def open_consultation(page: Page, server: LiveServer, slug: str, titles: dict[str, str]) -> str:
    """Create, through the staff pages (signed in), a consultation open from yesterday for 30
    days in the languages of ``titles``. Returns its staff address."""
    page.goto(f"{server.url}/staff/consultations/new")
    page.fill("#slug", slug)
    for code, title in titles.items():
        page.fill(f"#title_{code}", title)
    page.check("#audience")
    today = datetime.now(UTC).date()
    page.fill("#opens_on", (today - timedelta(days=1)).isoformat())
    page.fill("#closes_on", (today + timedelta(days=30)).isoformat())
    for code in titles:
        page.check(f"input[name=languages][value={code}]")
    page.get_by_role("button", name="Create consultation").click()
    page.wait_for_url(re.compile(r"/staff/consultations/\d+\?done=created$"))
    return page.url.split("?")[0]


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def run_axe(page: Page) -> dict[str, object]:
    # Evaluated through the DevTools protocol, so the page's strict CSP stays on.
    page.evaluate(_axe_source())
    result: dict[str, object] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations', 'passes', 'incomplete']})",
        AXE_TAGS,
    )
    return result


def assert_accessible(page: Page) -> None:
    result = run_axe(page)
    violations = result["violations"]
    summary = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])  # type: ignore[index]
        for v in violations  # type: ignore[attr-defined]
    ]
    assert not violations, f"axe violations on {page.url}: {summary}"
    ran = {rule["id"] for key in ("passes", "violations", "incomplete") for rule in result[key]}  # type: ignore[attr-defined]
    assert "target-size" in ran, "axe's target-size rule did not run"
    assert not page.outside_requests, f"third-party requests: {page.outside_requests}"  # type: ignore[attr-defined]


def made_by(server: LiveServer, module: str) -> dict[str, object]:
    """Run ``module`` (a data script such as ``tests.browser.session14_data``) against the live
    server's database and return the ids it prints as JSON on its last line."""
    env = {**os.environ, "VOICE_VAR_DIR": str(server.database.parent), "VOICE_SECRET_KEY": "browser-tests"}
    env.pop("VOICE_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", module],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found
