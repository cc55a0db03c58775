"""Layered limits on wrong sign-in passwords: per (account, address) pair (small), per address
(high, against spraying) and per account (higher than the pair's, against guessing from many
places). A few wrong passwords never lock out colleagues sharing an address, and a stranger
typing someone's email cannot lock them out with a handful of tries."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import sign_in
from tests.support.pages import check_response
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent

WRONG = "not the right password"
OFFICE = "203.0.113.7"  # the `client` fixture's address: a council office behind one NAT address
HOME = "198.51.100.20"

Browser = Callable[[str], AbstractAsyncContextManager[httpx.AsyncClient]]


async def _checked(response: httpx.Response) -> None:
    await response.aread()
    check_response(response)


@pytest.fixture
def browser(app: Starlette) -> Browser:
    """Another browser, at a network address of the test's choosing (the ASGI client address
    is what ``client_address`` reads)."""

    @asynccontextmanager
    async def open_at(address: str) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://voice.test", event_hooks={"response": [_checked]}
        ) as http:
            yield http

    return open_at


def _limits(app: Starlette, **changes: int) -> None:
    app.state.settings = replace(app.state.settings, **changes)


async def test_one_accounts_failures_do_not_lock_out_colleagues_at_the_same_address(
    app: Starlette, client: httpx.AsyncClient, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    moderator, lead = staff[Role.MODERATOR], staff[Role.SAFEGUARDING_LEAD]
    for _ in range(app.state.settings.signin_max_failures):
        assert (await sign_in(client, moderator, WRONG)).status_code == 400
    # That account, from that address, waits a while...
    assert (await sign_in(client, moderator)).status_code == 429
    # ...but a colleague in the same office signs in as usual.
    async with browser(OFFICE) as colleague:
        assert (await sign_in(colleague, lead)).status_code == 303
        assert (await colleague.get("/staff")).status_code == 200


async def test_a_stranger_cannot_lock_a_safeguarding_lead_out_with_a_few_tries(
    app: Starlette, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    lead = staff[Role.SAFEGUARDING_LEAD]
    async with browser("192.0.2.66") as stranger:
        for _ in range(app.state.settings.signin_max_failures):
            assert (await sign_in(stranger, lead, WRONG)).status_code == 400
        assert (await sign_in(stranger, lead)).status_code == 429  # the stranger's pair is stopped
    async with browser(HOME) as own:
        assert (await sign_in(own, lead)).status_code == 303


async def test_the_per_address_limit_stops_password_spraying(
    app: Starlette, client: httpx.AsyncClient, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    _limits(app, signin_max_failures_per_address=4)
    sprayed = [staff[Role.ADMIN], staff[Role.MODERATOR], staff[Role.ANALYST]]
    for user in sprayed:  # one try per account: no pair comes near its limit
        assert (await sign_in(client, user, WRONG)).status_code == 400
    assert (await sign_in(client, staff[Role.SAFEGUARDING_LEAD], WRONG)).status_code == 400
    # The fifth failure from this address would be over the limit: every account waits here.
    blocked = await sign_in(client, staff[Role.SAFEGUARDING_LEAD])
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0 and "Too many tries" in blocked.text
    assert (await sign_in(client, staff[Role.ADMIN])).status_code == 429
    throttled = await AuditEvent.filter(action="signin.throttled")
    assert [event.after for event in throttled] == [{"limit": "address"}]  # once per key and window
    # The same people from another address are not affected.
    async with browser(HOME) as home:
        assert (await sign_in(home, staff[Role.ADMIN])).status_code == 303


async def test_the_per_account_limit_slows_guessing_from_many_addresses(
    app: Starlette, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    _limits(app, signin_max_failures_per_account=3)
    lead = staff[Role.SAFEGUARDING_LEAD]
    for n in range(3):
        async with browser(f"192.0.2.{n + 1}") as guesser:
            assert (await sign_in(guesser, lead, WRONG)).status_code == 400
    async with browser(HOME) as own:
        blocked = await sign_in(own, lead)  # even the right password, for a while
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
        assert (await sign_in(own, staff[Role.MODERATOR])).status_code == 303  # other accounts are fine
    throttled = await AuditEvent.get(action="signin.throttled")
    assert (throttled.actor_label, throttled.after) == (lead.email, {"limit": "account"})
    # Nothing is locked for good: once the window has passed, the right password works.
    await app.state.limiter.storage.reset()
    async with browser(HOME) as own:
        assert (await sign_in(own, lead)).status_code == 303


async def test_below_the_per_account_limit_other_addresses_failures_do_not_block(
    app: Starlette, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    _limits(app, signin_max_failures_per_account=8)
    lead = staff[Role.SAFEGUARDING_LEAD]
    for address, tries in (("192.0.2.1", 5), ("192.0.2.2", 2)):  # 7: one short of the limit
        async with browser(address) as guesser:
            for _ in range(tries):
                assert (await sign_in(guesser, lead, WRONG)).status_code == 400
    async with browser(HOME) as own:
        assert (await sign_in(own, lead)).status_code == 303


async def test_zero_turns_the_per_account_limit_off(
    app: Starlette, browser: Browser, staff: dict[Role, StaffUser]
) -> None:
    _limits(app, signin_max_failures_per_account=0)
    lead = staff[Role.SAFEGUARDING_LEAD]
    for n in range(3):
        async with browser(f"192.0.2.{n + 1}") as guesser:
            for _ in range(app.state.settings.signin_max_failures):
                assert (await sign_in(guesser, lead, WRONG)).status_code == 400
            assert (await sign_in(guesser, lead)).status_code == 429  # each pair still stops
    async with browser(HOME) as own:
        assert (await sign_in(own, lead)).status_code == 303


async def test_a_correct_password_clears_the_pair(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.MODERATOR]
    almost = app.state.settings.signin_max_failures - 1
    for _ in range(2):
        for _ in range(almost):
            assert (await sign_in(client, user, WRONG)).status_code == 400
        assert (await sign_in(client, user)).status_code == 303
    # Typos on either side of a good sign-in never added up to the limit.
    assert not await AuditEvent.filter(action="signin.throttled").exists()
    assert await AuditEvent.filter(action="signin.failure").count() == 2 * almost


async def test_failures_and_refusals_are_audited_without_the_address(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    user = staff[Role.ADMIN]
    limit = app.state.settings.signin_max_failures
    for _ in range(limit):
        await sign_in(client, user, WRONG)
    for _ in range(3):
        assert (await sign_in(client, user)).status_code == 429
    failures = await AuditEvent.filter(action="signin.failure")
    assert len(failures) == limit
    assert {event.actor_label for event in failures} == {user.email}
    hashes = {event.client_hash for event in failures}
    assert len(hashes) == 1 and OFFICE not in hashes and len(hashes.pop()) == 32
    throttled = await AuditEvent.filter(action="signin.throttled")
    assert [(event.actor_label, event.after) for event in throttled] == [(user.email, {"limit": "pair"})]
    everything = await AuditEvent.all()
    assert not any(
        OFFICE in json.dumps([e.before, e.after, e.client_hash, e.actor_label]) for e in everything
    )
    assert not await AuditEvent.filter(action="signin.success").exists()
