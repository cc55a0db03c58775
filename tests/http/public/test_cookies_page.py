"""The cookies page names every cookie Voice sets, as this Voice really names it.

Over HTTPS the form (CSRF) and staff session cookies have the ``__Host-`` prefix; the page
used to list them without it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from tests.http.feedback.test_journey import RECEIPT_RE, answer_all, make_consultation, send_from_check
from tests.support.http import sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.app import create_app
from voice.settings import Settings


@pytest.fixture(params=[False, True], ids=["http", "https"])
async def visitor(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    https = bool(request.param)
    application = create_app(replace(settings, https=https))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        base = "https://voice.test" if https else "http://voice.test"
        async with httpx.AsyncClient(transport=transport, base_url=base) as client:
            yield client


def listed(html: str) -> set[str]:
    """The names in the first column of the cookies table."""
    return {"".join(row[0].itertext()).strip() for row in parse(html).iter("tr") if row[0].tag == "td"}


async def test_every_cookie_set_is_listed_by_its_real_name(
    visitor: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    set_names: set[str] = set()

    async def note(response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            if "Max-Age=0" not in header:
                set_names.add(header.split("=", 1)[0])

    visitor.event_hooks["response"] = [note]
    await make_consultation()
    await answer_all(visitor)
    sent = await send_from_check(visitor)
    code = RECEIPT_RE.search(sent.text)
    assert sent.status_code == 200 and code is not None
    # The code looked up: its progress page is a GET, with the code in a cookie.
    assert (await visitor.post("/track", data={"code": code.group(1)})).status_code == 303
    await visitor.get("/language", params={"lang": "pl", "next": "/"})
    await sign_in(visitor, staff[Role.MODERATOR])
    names = listed((await visitor.get("/cookies")).text)
    assert set_names <= names, f"set but not on the cookies page: {set_names - names}"
    assert len(set_names) == len(names) == 6
    https = str(visitor.base_url).startswith("https")
    assert ("__Host-voice_csrf" in names) is https and ("__Host-voice_session" in names) is https
