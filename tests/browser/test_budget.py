"""A first visit to a consultation fits a slow, pay-as-you-go phone: at most 30 KB and 4 requests.

Bytes are what crossed the wire, as Chromium counts them (the DevTools protocol's
``encodedDataLength``: compressed bodies plus response headers), on a fresh context
with an empty cache.
"""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PHONE, LiveServer, new_page

pytestmark = pytest.mark.browser

MAX_BYTES = 30 * 1024
MAX_REQUESTS = 4
START = "/c/tell-us-anything"


def test_first_visit_to_a_consultation_fits_the_budget(browser: Browser, live_server: LiveServer) -> None:
    page = new_page(browser, live_server, PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sent: dict[str, str] = {}
    finished: dict[str, float] = {}
    failed: list[str] = []
    encodings: dict[str, str] = {}

    def on_request(event: dict[str, Any]) -> None:
        sent[event["requestId"]] = event["request"]["url"]

    def on_response(event: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        encodings[event["response"]["url"]] = headers.get("content-encoding", "")

    def on_finished(event: dict[str, Any]) -> None:
        finished[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.loadingFailed", lambda event: failed.append(event["requestId"]))

    page.goto(f"{live_server.url}{START}", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !!window.htmx")  # the scripts ran, so they all arrived

    fetched = {rid: url for rid, url in sent.items() if not url.startswith("data:")}
    assert not failed, f"failed requests: {[sent.get(r) for r in failed]}"
    assert set(fetched) == set(finished), "a request did not finish"
    paths = sorted(url.removeprefix(live_server.url) for url in fetched.values())
    total = sum(finished.values())
    report = f"{len(fetched)} requests, {total / 1024:.1f} KB: {paths}"
    assert len(fetched) <= MAX_REQUESTS, report
    assert total <= MAX_BYTES, report
    # Every text response of any size came compressed.
    for url, encoding in encodings.items():
        if url.startswith(live_server.url):
            assert encoding == "gzip", f"{url} was sent without compression"
    page.context.close()


def test_static_files_are_compressed_and_small(browser: Browser, live_server: LiveServer) -> None:
    """The same budget from the server's side: the gzipped bodies the page needs."""
    page = new_page(browser, live_server, PHONE)
    request = page.context.request
    html = request.get(f"{live_server.url}{START}", headers={"Accept-Encoding": "gzip"})
    assert html.ok
    sizes: dict[str, int] = {}
    for path in ("/static/css/voice.css", "/static/js/voice.js", "/static/vendor/htmx-2.0.11.min.js"):
        assert path in html.text(), f"{path} is no longer what the page loads: update this test"
        sizes[path] = len(gzip.compress(request.get(f"{live_server.url}{path}").body(), 6))
    sizes[START] = len(gzip.compress(html.body(), 6))
    assert sum(sizes.values()) <= MAX_BYTES - 4 * 1024, sizes  # leave room for four sets of headers
    page.context.close()
